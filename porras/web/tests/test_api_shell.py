from __future__ import annotations

import csv

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_counties_lists_the_21_counties_and_helsinki_with_reference_names(db, shared_dir) -> None:
    response = Client().get("/api/v1/counties")
    assert response.status_code == 200
    body = response.json()
    with open(shared_dir / "reference" / "counties.csv", encoding="utf-8") as handle:
        reference = {(r["name_fi"], r["name_sv"]) for r in csv.DictReader(handle)}
    assert {(c["name_fi"], c["name_sv"]) for c in body} == reference
    assert len({c["code"] for c in body}) == 22


def test_the_openapi_document_is_served_and_names_the_counties_path(db) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/counties" in response.json()["paths"]


def test_the_interactive_docs_are_served_from_our_own_static_files(db) -> None:
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    assert "cdn" not in response.content.decode().lower()


def test_an_unknown_api_path_answers_404_json_not_html(db) -> None:
    response = Client().get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_a_too_large_body_is_refused_with_413(db, settings) -> None:
    settings.PORRAS_MAX_BODY_BYTES = 1000
    response = Client().post("/api/v1/counties", data="x" * 2000, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"] == "payload_too_large"


def test_healthz_reports_the_database(db) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_a_wrong_method_answers_405_json_with_the_allowed_methods(db) -> None:
    response = Client().delete("/api/v1/counties")
    assert response.status_code == 405
    assert response.json()["error"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_livez_answers_without_the_database(db, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        response = Client().get("/livez")
    assert response.json() == {"status": "ok"}
