"""GET /accounts/logout/ shows a page with a sign-out button (not a blank 405); POST signs out."""

from __future__ import annotations

import pytest
from django.test import Client

from porras.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_signed_in_user_gets_a_page_with_the_sign_out_button(cast) -> None:
    client = Client()
    client.force_login(cast.clinician_a)
    response = client.get("/accounts/logout/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<form method="post" action="/accounts/logout/">' in page and "csrfmiddlewaretoken" in page
    assert "clinician_a" in page
    assert client.get("/accounts/profile/").status_code == 200, "looking at the page signs nobody out"


def test_the_button_signs_out_and_is_audited(cast) -> None:
    client = Client()
    client.force_login(cast.clinician_a)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/accounts/profile/").status_code == 302
    assert AuditEntry.objects.filter(action="logout", username="clinician_a").exists()


def test_an_anonymous_visitor_is_told_they_are_not_signed_in(db) -> None:
    response = Client().get("/accounts/logout/")
    assert response.status_code == 200
    assert 'href="/accounts/login/"' in response.content.decode()
