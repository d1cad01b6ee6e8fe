"""Dates like 0001-01-01 or 9999-12-31 are refused in the programmes API (422 naming the field) and
in the managers' forms (the field's error says which dates are accepted); nothing is stored."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from porras.programmes import models as m
from porras.programmes import services

BACKEND = "django.contrib.auth.backends.ModelBackend"
GRANT = {"code": "ips-2024", "entity": "ips", "amount_eur": "1000", "year": 2024, "source": "test"}


@pytest.fixture
def record(cast: Any) -> None:
    services.load_public_record()
    m.Indicator.objects.create(code="trained", name_fi="Koulutetut", unit="persons")


def _rows() -> tuple[int, ...]:
    return (m.Grant.objects.count(), m.IndicatorValue.objects.count(), m.ProgrammeEntity.objects.count(),
            m.Project.objects.count())


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/api/v1/programmes/grants", GRANT, "decision_date"),
        ("/api/v1/programmes/grants", GRANT, "period_start"),
        ("/api/v1/programmes/grants", GRANT, "period_end"),
        ("/api/v1/programmes/indicators/trained/values", {"value": "5"}, "on"),
    ],
)
def test_the_api_refuses_an_implausible_date_naming_the_field(
    cast: Any, record: None, api_client_for: Any, url: str, body: dict[str, Any], field: str, day: str
) -> None:
    before = _rows()
    response = api_client_for(cast.programme_manager).post(url, body | {field: day}, content_type="application/json")
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["detail"]]
    assert _rows() == before


def _form_cases() -> list[Any]:
    return [
        ("/programmes/manage/entities/new/", lambda: {
            "code": "lanu", "name_fi": "Lapset", "source": "test", "start": "1970-01-01",
            "programme": m.Programme.objects.get(code="mental-health-strategy-2020-2030").pk}, "start"),
        ("/programmes/manage/entities/ips/", lambda: {
            "name_fi": "IPS", "source": "test", "created_on": "9999-12-31",
            "programme": m.Programme.objects.get(code="mental-health-strategy-2020-2030").pk}, "created_on"),
        ("/programmes/manage/projects/new/", lambda: {
            "code": "lanu-1", "name": "Hanke", "end": "9999-12-31",
            "entity": m.ProgrammeEntity.objects.get(code="ips").pk}, "end"),
        ("/programmes/manage/grants/new/", lambda: {
            "code": "ips-2024", "amount_eur": "1000", "year": "2024", "source": "test", "decision_date": "0001-01-01",
            "entity": m.ProgrammeEntity.objects.get(code="ips").pk}, "decision_date"),
        ("/programmes/manage/indicators/trained/values/new/", lambda: {
            "on": "9999-12-31", "value": "5", "kind": "measured"}, "on"),
    ]


@pytest.mark.parametrize("case", range(5))
def test_a_form_refuses_an_implausible_date_saying_which_dates_are_accepted(cast: Any, record: None, case: int) -> None:
    url, data, field = _form_cases()[case]
    client = Client()
    client.force_login(cast.programme_manager, backend=BACKEND)
    client.cookies["porras_language"] = "en"
    before = _rows()
    response = client.post(url, data())
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    assert f"Enter a date between 1.1.1990 and 31.12.{date.today().year + 5}." in page
    assert _rows() == before
    assert m.ProgrammeEntity.objects.get(code="ips").created_on != date(9999, 12, 31)
