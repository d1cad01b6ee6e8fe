"""A page number beyond any catalogue is the client's error (4xx naming the page), never a 500."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("demo_catalogue")

HUGE = "99999999999999999999999"


@pytest.mark.parametrize("page", [HUGE, "10001", "0", "-1"])
def test_the_api_answers_422_naming_the_page(client, page):
    response = client.get("/api/v1/services", {"page": page})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "page"


def test_the_api_answers_422_for_a_huge_page_with_a_query_too(client):
    response = client.get("/api/v1/services", {"page": HUGE, "q": "masennus"})
    assert response.status_code == 422


@pytest.mark.parametrize("page", [HUGE, "10001", "0"])
def test_the_search_page_answers_400_saying_there_is_no_such_page(client, page):
    response = client.get("/services/", {"page": page, "q": "masennus"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "There is no such page of results." in response.content.decode()


def test_the_search_page_says_it_in_finnish_too(client):
    response = client.get("/services/", {"page": HUGE}, HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 400
    assert "Tulosten sivua ei ole." in response.content.decode()


def test_the_last_real_page_is_still_served(client):
    response = client.get("/services/", {"county": "", "page": "2"})
    assert response.status_code == 200
    assert 'rel="prev"' in response.content.decode()
