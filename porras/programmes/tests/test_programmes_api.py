from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from porras.programmes import models as m
from porras.programmes import services


@pytest.fixture
def record(cast: Any) -> None:
    services.load_public_record()


def test_anyone_can_list_programme_entities_with_projects_and_totals(record: None) -> None:
    response = Client().get("/api/v1/programmes")
    assert response.status_code == 200
    entities = {e["code"]: e for e in response.json()}
    assert set(entities) == {"mielenterveyden-edistaminen", "mito", "itsemurhien-ehkaisy", "ips"}
    mito = entities["mito"]
    assert len(mito["projects"]) == 15
    assert Decimal(mito["granted_total_eur"]) == Decimal("3300000")
    assert mito["granted_total_approximate"] is True
    assert entities["ips"]["projects_stated"] == 3
    assert entities["itsemurhien-ehkaisy"]["programme"] == "suicide-prevention-programme"


def test_an_entity_carries_its_innokyla_description(record: None) -> None:
    body = Client().get("/api/v1/programmes/entities/mielenterveyden-edistaminen").json()
    assert body["description"]["author"] == "Tina Stenberg"
    assert body["description"]["created"] == "2021-04-16"
    assert body["priority_area"] == 1


def test_an_unknown_entity_is_404(record: None) -> None:
    response = Client().get("/api/v1/programmes/entities/nope")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_the_funding_report_groups_by_priority_area(record: None) -> None:
    body = Client().get("/api/v1/programmes/reports/funding?by=priority_area").json()
    assert body["rows"] == [
        {"priority_area": 1, "amount_eur": "3300000.00", "grants": 1, "approximate": True},
        {"priority_area": None, "amount_eur": "5100000.00", "grants": 2, "approximate": True},
    ]


def test_the_funding_report_exports_csv_and_xlsx_with_the_same_numbers(record: None) -> None:
    csv_text = Client().get("/api/v1/programmes/reports/funding?by=year&format=csv").content.decode()
    assert csv_text == "year,amount_eur,grants,approximate\n2020,8400000.00,3,true\n"
    xlsx = Client().get("/api/v1/programmes/reports/funding?by=year&format=xlsx").content
    rows = list(load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows == [("year", "amount_eur", "grants", "approximate"), (2020, 8400000, 3, True)]


def test_an_unknown_grouping_is_422_naming_the_field(record: None) -> None:
    response = Client().get("/api/v1/programmes/reports/funding?by=colour")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "by"


def test_a_programme_manager_records_a_grant(cast: Any, record: None, api_client_for: Any) -> None:
    payload = {
        "code": "g-2022-mito-pasek",
        "entity": "mito",
        "project": "mito-pasek",
        "amount_eur": "120000",
        "year": 2022,
        "source": "test",
    }
    response = api_client_for(cast.programme_manager).post(
        "/api/v1/programmes/grants", payload, content_type="application/json"
    )
    assert response.status_code == 201
    rows = Client().get("/api/v1/programmes/reports/funding?by=region,year").json()["rows"]
    assert {
        "region": "pirkanmaa",
        "year": 2022,
        "amount_eur": "120000.00",
        "grants": 1,
        "approximate": False,
    } in rows


def test_recording_the_same_grant_twice_is_a_conflict(cast: Any, record: None, api_client_for: Any) -> None:
    client = api_client_for(cast.programme_manager)
    payload = {"code": "g-dup", "entity": "ips", "amount_eur": "1", "year": 2021, "source": "test"}
    assert (
        client.post("/api/v1/programmes/grants", payload, content_type="application/json").status_code == 201
    )
    assert (
        client.post("/api/v1/programmes/grants", payload, content_type="application/json").status_code == 409
    )


def test_a_grant_for_an_unknown_entity_is_422_naming_the_field(
    cast: Any, record: None, api_client_for: Any
) -> None:
    payload = {"code": "g-x", "entity": "nope", "amount_eur": "1", "year": 2021, "source": "test"}
    response = api_client_for(cast.programme_manager).post(
        "/api/v1/programmes/grants", payload, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [{"field": "entity", "reason": "unknown programme entity 'nope'"}]


def test_a_clinician_may_not_record_grants(cast: Any, record: None, api_client_for: Any) -> None:
    payload = {"code": "g-y", "entity": "ips", "amount_eur": "1", "year": 2021, "source": "test"}
    response = api_client_for(cast.clinician_a).post(
        "/api/v1/programmes/grants", payload, content_type="application/json"
    )
    assert response.status_code == 403
    assert not m.Grant.objects.filter(code="g-y").exists()


def test_an_anonymous_caller_may_not_record_grants(record: None) -> None:
    payload = {"code": "g-z", "entity": "ips", "amount_eur": "1", "year": 2021, "source": "test"}
    assert (
        Client().post("/api/v1/programmes/grants", payload, content_type="application/json").status_code
        == 401
    )


def test_indicator_history_compares_values_with_targets(cast: Any, record: None, api_client_for: Any) -> None:
    indicator = m.Indicator.objects.create(
        code="trained",
        name_fi="Koulutetut",
        unit="persons",
        entity=m.ProgrammeEntity.objects.get(code="mito"),
    )
    client = api_client_for(cast.programme_manager)
    for body in (
        {"on": "2022-12-31", "value": "300", "kind": "target"},
        {"on": "2022-06-30", "value": "180"},
        {"on": "2023-01-31", "value": "320"},
    ):
        response = client.post(
            f"/api/v1/programmes/indicators/{indicator.code}/values", body, content_type="application/json"
        )
        assert response.status_code == 201, response.content
    history = Client().get("/api/v1/programmes/indicators/trained/history").json()
    assert [(p["on"], p["met"]) for p in history["points"]] == [("2022-06-30", False), ("2023-01-31", True)]
    assert Decimal(history["change"]) == Decimal(140)
