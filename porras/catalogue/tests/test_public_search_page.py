"""The public search page in Finnish, Swedish and English."""

from __future__ import annotations

import pytest

from porras.catalogue.domain.demo import demo_id

pytestmark = pytest.mark.usefixtures("demo_catalogue")


def test_the_finnish_page_finds_masennuksen_with_masennus(client):
    page = client.get("/services/", {"q": "masennus"}, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Matalan kynnyksen mielenterveys- ja päihdepiste (demo)" in page
    assert 'lang="fi"' in page


def test_the_swedish_page_shows_swedish_names_and_labels(client):
    client.cookies["porras_language"] = "sv"
    page = client.get("/services/", {"q": "ångest", "county": "pohjanmaa"}).content.decode()
    assert "Öppenvård inom missbrukarvården (demo)" in page
    assert "Missbrukartjänster" in page


def test_the_detail_page_shows_opening_hours_and_accessibility(client):
    page = client.get(f"/services/{demo_id('service', 'poh-familjecentral')}/").content.decode()
    assert "8–15.30" in page
    assert "Tillgänglig entré" in page


def test_a_bad_filter_gives_a_form_error_not_a_crash(client):
    response = client.get("/services/", {"county": "atlantis"})
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()


def test_results_are_paginated_with_links(client):
    page = client.get("/services/", {"county": ""}).content.decode()
    assert 'rel="next"' in page
