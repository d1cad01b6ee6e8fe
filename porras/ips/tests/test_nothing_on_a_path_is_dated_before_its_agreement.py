"""Every step of an IPS path (vocational profile, job search, employer agreement, support in work,
end of support) and every employer contact falls on or after the path's agreement date. One rule:
the API answers 422 naming the field, the forms show the error on the field in the user's
language, and nothing is stored."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from porras.ips import models as m

BACKEND = "django.contrib.auth.backends.ModelBackend"
AGREEMENT = date(2025, 1, 2)
DAY_BEFORE = "2025-01-01"


@pytest.fixture
def path(cast: Any) -> m.ClientPath:
    return m.ClientPath.objects.create(
        unit=cast.ips_unit, specialist=cast.ips_specialist, client_code="C-1", agreement_date=AGREEMENT
    )


def _client(cast: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(cast.ips_specialist, backend=BACKEND)
    client.cookies["porras_language"] = language
    return client


def _unchanged(path: m.ClientPath) -> None:
    path.refresh_from_db()
    assert path.version == 1
    assert path.vocational_profile_date is None
    assert m.ClientPath.objects.count() == 1
    assert not m.EmployerContact.objects.exists()


MILESTONES = [
    "vocational_profile_date",
    "job_search_start_date",
    "employer_agreement_date",
    "support_in_work_start_date",
    "exit_date",
]


@pytest.mark.parametrize("field", MILESTONES)
def test_the_api_refuses_a_step_before_the_agreement_when_a_path_is_created(
    cast: Any, api_client_for: Any, path: m.ClientPath, field: str
) -> None:
    response = api_client_for(cast.ips_specialist).post(
        "/api/v1/ips/clients",
        {"service": "ips-a", "client_code": "C-2", "agreement_date": "2025-01-02", field: DAY_BEFORE},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == [field]
    _unchanged(path)


@pytest.mark.parametrize("field", MILESTONES)
def test_the_api_refuses_a_step_before_the_agreement_when_a_path_is_updated(
    cast: Any, api_client_for: Any, path: m.ClientPath, field: str
) -> None:
    response = api_client_for(cast.ips_specialist).patch(
        f"/api/v1/ips/clients/{path.pk}", {"version": 1, field: DAY_BEFORE}, content_type="application/json"
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == [field]
    _unchanged(path)


def test_the_api_refuses_an_employer_contact_before_the_agreement(
    cast: Any, api_client_for: Any, path: m.ClientPath
) -> None:
    response = api_client_for(cast.ips_specialist).post(
        f"/api/v1/ips/clients/{path.pk}/employer-contacts",
        {"contact_date": DAY_BEFORE, "employer": "Firm Oy"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["contact_date"]
    _unchanged(path)


def test_a_contact_and_a_step_on_the_agreement_day_itself_are_recorded(
    cast: Any, api_client_for: Any, path: m.ClientPath
) -> None:
    client = api_client_for(cast.ips_specialist)
    contact = client.post(
        f"/api/v1/ips/clients/{path.pk}/employer-contacts",
        {"contact_date": "2025-01-02", "employer": "Firm Oy"},
        content_type="application/json",
    )
    assert contact.status_code == 201
    update = client.patch(
        f"/api/v1/ips/clients/{path.pk}",
        {"version": 1, "vocational_profile_date": "2025-01-02"},
        content_type="application/json",
    )
    assert update.status_code == 200


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fi", "Työnantajakontakti ei voi olla ennen sopimusta."),
        ("sv", "En arbetsgivarkontakt kan inte vara före avtalet."),
        ("en", "An employer contact cannot be before the agreement."),
    ],
)
def test_the_contact_form_refuses_a_contact_before_the_agreement_in_the_users_language(
    cast: Any, path: m.ClientPath, language: str, sentence: str
) -> None:
    response = _client(cast, language).post(
        f"/ips/clients/{path.pk}/", {"action": "contact", "contact_date": DAY_BEFORE, "employer": "Firm Oy"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="contact_contact_date_error"' in page
    assert sentence in page
    _unchanged(path)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fi", "Päivämäärä ei voi olla ennen sopimusta."),
        ("sv", "Datumet kan inte vara före avtalet."),
        ("en", "This date cannot be before the agreement."),
    ],
)
def test_the_path_form_refuses_a_vocational_profile_before_the_agreement_in_the_users_language(
    cast: Any, path: m.ClientPath, language: str, sentence: str
) -> None:
    response = _client(cast, language).post(
        f"/ips/clients/{path.pk}/", {"action": "path", "version": "1", "vocational_profile_date": DAY_BEFORE}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_vocational_profile_date_error"' in page
    assert sentence in page
    _unchanged(path)


def test_the_caseload_form_refuses_a_new_path_with_a_step_before_its_agreement(
    cast: Any, path: m.ClientPath
) -> None:
    response = _client(cast).post(
        "/ips/",
        {
            "unit": str(cast.ips_unit.pk),
            "client_code": "C-2",
            "agreement_date": "2025-01-02",
            "job_search_start_date": DAY_BEFORE,
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_job_search_start_date_error"' in page
    assert "This date cannot be before the agreement." in page
    _unchanged(path)
