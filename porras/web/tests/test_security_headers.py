from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_pages_carry_csp_nosniff_referrer_policy_and_frame_denial(db) -> None:
    response = Client().get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_hsts_is_sent_in_production(db, settings) -> None:
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False
    response = Client().get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_a_form_posted_without_its_csrf_token_is_refused(cast) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "clinician_a", "password": "x"})
    assert response.status_code == 403


def test_every_form_on_the_login_page_carries_a_csrf_token(db) -> None:
    html = Client().get("/accounts/login/").content.decode()
    forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", html, flags=re.S)
    assert forms
    assert all("csrfmiddlewaretoken" in form for form in forms)


def test_the_session_cookie_is_http_only_and_same_site(cast) -> None:
    from conftest import CAST_PASSWORD

    client = Client()
    client.post("/accounts/login/", {"username": "clinician_a", "password": CAST_PASSWORD})
    cookie = client.cookies["porras_session"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_an_unknown_page_gets_the_finnish_404_page(db) -> None:
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert "Sivua ei löytynyt" in response.content.decode()
