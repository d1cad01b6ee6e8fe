"""An unknown parameter of the service search is a 422 naming it (a misspelt filter would otherwise
be ignored silently, and the search would answer for the whole country)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("demo_catalogue")


def test_a_misspelt_filter_is_refused_naming_it(client):
    response = client.get("/api/v1/services", {"countie": "helsinki"})
    assert response.status_code == 422
    assert response.json()["detail"] == [{"field": "countie", "reason": "unknown parameter"}]


def test_every_unknown_parameter_is_named(client):
    response = client.get("/api/v1/services", {"q": "masennus", "b": "1", "a": "2"})
    assert [e["field"] for e in response.json()["detail"]] == ["a", "b"]


def test_the_known_parameters_are_accepted(client):
    params = {"q": "masennus", "county": "helsinki", "category": "health_care_mental_health", "age": "30",
              "language": "fi", "channel": "in_person", "step": "2", "page": "1", "page_size": "5"}
    assert client.get("/api/v1/services", params).status_code == 200


def test_a_query_longer_than_the_search_form_allows_is_refused(client):
    response = client.get("/api/v1/services", {"q": "masennus " * 30})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "q"
