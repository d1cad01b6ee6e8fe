"""A job's hours per week lie between 0 and 168 (the hours in a week) and its hourly pay is not
negative: one rule, refused alike by the API and the client page's job form, nothing stored."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from porras.ips import models as m

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def path(cast: Any) -> m.ClientPath:
    return m.ClientPath.objects.create(
        unit=cast.ips_unit, specialist=cast.ips_specialist, client_code="C-1", agreement_date=date(2025, 1, 2)
    )


def _form(cast: Any, path: m.ClientPath, language: str = "en", **values: str) -> Any:
    client = Client()
    client.force_login(cast.ips_specialist, backend=BACKEND)
    client.cookies["porras_language"] = language
    data = {"action": "employment", "employer": "Firm Oy", "start_date": "2025-03-01"} | values
    return client.post(f"/ips/clients/{path.pk}/", data)


@pytest.mark.parametrize("hours", ["200", "168.01", "-5"])
def test_the_job_form_refuses_hours_outside_a_week(cast: Any, path: m.ClientPath, hours: str) -> None:
    response = _form(cast, path, hours_per_week=hours)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="job_hours_per_week_error"' in page
    assert "Hours per week are between 0 and 168 (the hours in a week)." in page
    assert not m.Employment.objects.exists()


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fi", "Tunteja viikossa voi olla 0–168 (viikon tunnit)."),
        ("sv", "Timmar per vecka ska vara mellan 0 och 168 (veckans timmar)."),
    ],
)
def test_the_job_form_says_so_in_finnish_and_swedish(
    cast: Any, path: m.ClientPath, language: str, sentence: str
) -> None:
    response = _form(cast, path, language, hours_per_week="200")
    assert response.status_code == 422
    assert sentence in response.content.decode()


def test_the_job_form_refuses_a_negative_hourly_pay(cast: Any, path: m.ClientPath) -> None:
    response = _form(cast, path, hourly_pay="-12")
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="job_hourly_pay_error"' in page
    assert "Hourly pay cannot be negative." in page
    assert not m.Employment.objects.exists()


@pytest.mark.parametrize("hours", ["0", "168"])
def test_the_job_form_records_the_hours_at_either_end_of_a_week(cast: Any, path: m.ClientPath, hours: str) -> None:
    assert _form(cast, path, hours_per_week=hours).status_code == 302
    assert m.Employment.objects.get().hours_per_week == int(hours)


@pytest.mark.parametrize(("field", "value"), [("hours_per_week", 200), ("hours_per_week", -5), ("hourly_pay", -12)])
def test_the_api_refuses_the_same_values_naming_the_field(
    cast: Any, api_client_for: Any, path: m.ClientPath, field: str, value: int
) -> None:
    response = api_client_for(cast.ips_specialist).post(
        f"/api/v1/ips/clients/{path.pk}/employments",
        {"employer": "Firm Oy", "start_date": "2025-03-01", field: value},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == [field]
    assert not m.Employment.objects.exists()
