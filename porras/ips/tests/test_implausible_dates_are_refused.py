"""Dates like 0001-01-01 or 9999-12-31 are refused in every IPS write, in the API (422 naming the
field) and in the forms (the field's error says which dates are accepted), and nothing is stored."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from porras.ips import models as m
from porras.ips.tests.helpers import items_for_total

BACKEND = "django.contrib.auth.backends.ModelBackend"
AGREEMENT = date(2025, 1, 2)


@pytest.fixture
def path(cast: Any) -> m.ClientPath:
    return m.ClientPath.objects.create(
        unit=cast.ips_unit, specialist=cast.ips_specialist, client_code="C-1", agreement_date=AGREEMENT
    )


def _rows() -> tuple[int, ...]:
    return (
        m.ClientPath.objects.count(),
        m.EmployerContact.objects.count(),
        m.Employment.objects.count(),
        m.FidelityReview.objects.count(),
    )


API_CASES = [
    ("post", "/api/v1/ips/clients", {"service": "ips-a", "client_code": "C-9"}, "agreement_date"),
    (
        "post",
        "/api/v1/ips/clients",
        {"service": "ips-a", "client_code": "C-9", "agreement_date": "2025-01-02"},
        "vocational_profile_date",
    ),
    ("patch", "/api/v1/ips/clients/{pk}", {"version": 1}, "exit_date"),
    ("patch", "/api/v1/ips/clients/{pk}", {"version": 1}, "job_search_start_date"),
    ("post", "/api/v1/ips/clients/{pk}/employer-contacts", {"employer": "Firm Oy"}, "contact_date"),
    ("post", "/api/v1/ips/clients/{pk}/employments", {"employer": "Firm Oy"}, "start_date"),
    (
        "post",
        "/api/v1/ips/clients/{pk}/employments",
        {"employer": "Firm Oy", "start_date": "2025-03-01"},
        "end_date",
    ),
    ("post", "/api/v1/ips/services/ips-a/fidelity", {"items": items_for_total(100)}, "review_date"),
]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize(("method", "url", "body", "field"), API_CASES, ids=[f"{c[1]} {c[3]}" for c in API_CASES])
def test_the_api_refuses_an_implausible_date_naming_the_field(
    cast: Any, api_client_for: Any, path: m.ClientPath, method: str, url: str, body: dict[str, Any], field: str,
    day: str,
) -> None:
    before = _rows()
    response = getattr(api_client_for(cast.ips_specialist), method)(
        url.format(pk=path.pk), body | {field: day}, content_type="application/json"
    )
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["detail"]]
    assert _rows() == before
    path.refresh_from_db()
    assert path.version == 1


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    client.cookies["porras_language"] = "en"
    return client


def _bounds() -> str:
    return f"Enter a date between 1.1.1990 and 31.12.{date.today().year + 5}."


FORM_CASES = [
    ("/ips/", {"client_code": "C-9", "agreement_date": "1970-01-01"}, "id_agreement_date"),
    ("/ips/", {"client_code": "C-9", "agreement_date": "2025-01-02", "exit_date": "9999-12-31"}, "id_exit_date"),
    ("/ips/clients/{pk}/", {"action": "path", "version": "1", "vocational_profile_date": "9999-12-31"},
     "id_vocational_profile_date"),
    ("/ips/clients/{pk}/", {"action": "contact", "employer": "Firm Oy", "contact_date": "0001-01-01"},
     "contact_contact_date"),
    ("/ips/clients/{pk}/", {"action": "employment", "employer": "Firm Oy", "start_date": "9999-12-31"},
     "job_start_date"),
]


@pytest.mark.parametrize(("url", "data", "field_id"), FORM_CASES, ids=[c[2] for c in FORM_CASES])
def test_a_form_refuses_an_implausible_date_saying_which_dates_are_accepted(
    cast: Any, path: m.ClientPath, url: str, data: dict[str, str], field_id: str
) -> None:
    if url == "/ips/":
        data = data | {"unit": str(cast.ips_unit.pk)}
    before = _rows()
    response = _client(cast.ips_specialist).post(url.format(pk=path.pk), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="{field_id}_error"' in page
    assert _bounds() in page
    assert _rows() == before


def test_the_fidelity_form_refuses_a_review_dated_1970(cast: Any) -> None:
    data = {"review_date": "1970-01-01"} | {f"item_{n}": "4" for n in range(1, 26)}
    response = _client(cast.ips_specialist).post("/ips/services/ips-a/fidelity/new/", data)
    assert response.status_code == 422
    assert _bounds() in response.content.decode()
    assert not m.FidelityReview.objects.exists()
