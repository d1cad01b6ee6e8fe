from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from conftest import CAST_PASSWORD
from porras.accounts import services as accounts
from porras.accounts.models import AuditEntry
from porras.ips import models as m

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def caseloads(cast: Any) -> dict[str, Any]:
    other = accounts.create_user("ips_other", "ips_specialist", unit_code="ips-a", password=CAST_PASSWORD)
    mine = m.ClientPath.objects.create(
        unit=cast.ips_unit, specialist=cast.ips_specialist, client_code="C-1", agreement_date=date(2025, 1, 2)
    )
    theirs = m.ClientPath.objects.create(
        unit=cast.ips_unit, specialist=other, client_code="C-2", agreement_date=date(2025, 1, 3)
    )
    return {"mine": mine, "theirs": theirs, "other": other}


def test_an_ips_specialist_sees_only_their_own_caseload(
    cast: Any, caseloads: dict[str, Any], api_client_for: Any
) -> None:
    body = api_client_for(cast.ips_specialist).get("/api/v1/ips/caseload").json()
    assert [p["client_code"] for p in body] == ["C-1"]


def test_another_specialists_client_is_not_found(
    cast: Any, caseloads: dict[str, Any], api_client_for: Any
) -> None:
    response = api_client_for(cast.ips_specialist).get(f"/api/v1/ips/clients/{caseloads['theirs'].pk}")
    assert response.status_code == 404
    denied = AuditEntry.objects.filter(action="ips.path.read", outcome="denied")
    assert denied.filter(object_id=str(caseloads["theirs"].pk)).exists()


def test_reading_a_client_path_is_audited(cast: Any, caseloads: dict[str, Any], api_client_for: Any) -> None:
    response = api_client_for(cast.ips_specialist).get(f"/api/v1/ips/clients/{caseloads['mine'].pk}")
    assert response.status_code == 200
    assert AuditEntry.objects.filter(
        action="ips.path.read", outcome="ok", object_id=str(caseloads["mine"].pk), username="ips_specialist"
    ).exists()


@pytest.mark.parametrize("who", ["clinician_a", "manager_a", "programme_manager", "national_analyst"])
def test_other_roles_have_no_caseload(
    cast: Any, caseloads: dict[str, Any], api_client_for: Any, who: str
) -> None:
    assert api_client_for(getattr(cast, who)).get("/api/v1/ips/caseload").status_code == 403


def test_a_specialist_adds_a_client_to_their_own_caseload(cast: Any, api_client_for: Any) -> None:
    response = api_client_for(cast.ips_specialist).post(
        "/api/v1/ips/clients",
        {"service": "ips-a", "client_code": "C-9", "agreement_date": "2025-02-01"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert m.ClientPath.objects.get(client_code="C-9").specialist == cast.ips_specialist


def test_a_client_cannot_be_added_to_a_non_ips_unit(cast: Any, api_client_for: Any) -> None:
    response = api_client_for(cast.ips_specialist).post(
        "/api/v1/ips/clients",
        {"service": "unit-a", "client_code": "C-9", "agreement_date": "2025-02-01"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_a_stale_edit_of_a_path_is_a_conflict(
    cast: Any, caseloads: dict[str, Any], api_client_for: Any
) -> None:
    client = api_client_for(cast.ips_specialist)
    url = f"/api/v1/ips/clients/{caseloads['mine'].pk}"
    first = client.patch(
        url, {"version": 1, "vocational_profile_date": "2025-01-10"}, content_type="application/json"
    )
    assert first.status_code == 200
    assert first.json()["version"] == 2
    stale = client.patch(
        url, {"version": 1, "job_search_start_date": "2025-01-20"}, content_type="application/json"
    )
    assert stale.status_code == 409


def test_contacts_and_jobs_give_the_days_to_first_contact(
    cast: Any, caseloads: dict[str, Any], api_client_for: Any
) -> None:
    client = api_client_for(cast.ips_specialist)
    pk = caseloads["mine"].pk
    assert (
        client.post(
            f"/api/v1/ips/clients/{pk}/employer-contacts",
            {"contact_date": "2025-01-16", "employer": "Oy A"},
            content_type="application/json",
        ).status_code
        == 201
    )
    job = client.post(
        f"/api/v1/ips/clients/{pk}/employments",
        {
            "employer": "Oy A",
            "start_date": "2025-03-01",
            "hours_per_week": "20",
            "hourly_pay": "14.10",
            "open_to_anyone": True,
            "pays_going_wage": False,
        },
        content_type="application/json",
    )
    assert job.status_code == 201
    assert job.json()["competitive"] is False
    body = client.get(f"/api/v1/ips/clients/{pk}").json()
    assert body["days_to_first_employer_contact"] == 14


def test_the_caseload_page_shows_only_own_clients(cast: Any, caseloads: dict[str, Any]) -> None:
    client = Client()
    client.force_login(cast.ips_specialist, backend=BACKEND)
    text = client.get("/ips/").content.decode()
    assert "C-1" in text
    assert "C-2" not in text
    assert client.get(f"/ips/clients/{caseloads['theirs'].pk}/").status_code == 404


def test_a_stale_edit_in_the_page_is_reported_not_lost(cast: Any, caseloads: dict[str, Any]) -> None:
    client = Client()
    client.force_login(cast.ips_specialist, backend=BACKEND)
    url = f"/ips/clients/{caseloads['mine'].pk}/"
    form = {"action": "path", "version": "1", "vocational_profile_date": "2025-01-10"}
    assert client.post(url, form).status_code == 302
    stale = client.post(url, {**form, "vocational_profile_date": "2025-01-11"}, follow=True)
    assert stale.status_code == 200
    caseloads["mine"].refresh_from_db()
    assert str(caseloads["mine"].vocational_profile_date) == "2025-01-10"
    assert caseloads["mine"].version == 2
