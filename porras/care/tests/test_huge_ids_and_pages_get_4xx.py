"""Ids and page numbers beyond what the database can hold answer 4xx, never 500."""

from __future__ import annotations

import json

import pytest

from porras.care.tests.helpers import make_case

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


@pytest.mark.parametrize("path", [
    f"/api/v1/episodes?client_id={HUGE}",
    f"/api/v1/episodes?page={HUGE}",
    f"/api/v1/clients?page={HUGE}",
    "/api/v1/episodes?page=0",
    "/api/v1/episodes?page_size=100000",
])
def test_a_huge_filter_or_page_is_refused_with_422(cast, api_client_for, path: str) -> None:
    response = api_client_for(cast.clinician_a).get(path)
    assert response.status_code == 422, response.content


@pytest.mark.parametrize("path", [
    f"/api/v1/episodes/{HUGE}", f"/api/v1/clients/{HUGE}", f"/api/v1/clients/{HUGE}/episodes",
    f"/api/v1/episodes/{HUGE}/appointments", f"/api/v1/episodes/{HUGE}/measurements",
    f"/api/v1/episodes/{HUGE}/risk-flags", f"/api/v1/episodes/{HUGE}/safety-plan",
])
def test_a_huge_id_in_the_path_answers_404(cast, api_client_for, path: str) -> None:
    assert api_client_for(cast.clinician_a).get(path).status_code == 404


@pytest.mark.parametrize("path,body", [
    (f"/api/v1/risk-flags/{HUGE}/acknowledge", {"note": "Talked"}),
    (f"/api/v1/followups/{HUGE}/done", {"note": "Called"}),
    (f"/api/v1/appointments/{HUGE}/status", {"status": "cancelled"}),
])
def test_a_huge_id_in_a_write_answers_404(cast, api_client_for, path: str, body: dict) -> None:
    response = api_client_for(cast.clinician_a).post(path, json.dumps(body), content_type="application/json")
    assert response.status_code == 404


def test_a_huge_client_id_in_a_referral_is_refused_with_422(cast, api_client_for) -> None:
    response = api_client_for(cast.clinician_a).post(
        "/api/v1/episodes", json.dumps({"client_id": int(HUGE), "unit": "unit-a", "referral_date": "2026-01-05"}),
        content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "client_id"


@pytest.mark.parametrize("path", [f"/care/episodes/{HUGE}/", f"/care/clients/{HUGE}/",
                                  f"/care/episodes/{HUGE}/safety-plan/"])
def test_a_huge_id_in_a_page_address_answers_404(cast, client, path: str) -> None:
    client.force_login(cast.clinician_a)
    assert client.get(path).status_code == 404


def test_pages_of_a_list_hold_the_rest(cast, api_client_for) -> None:
    make_case(cast.clinician_a)
    make_case(cast.clinician_a, hetu="010101A123N")
    api = api_client_for(cast.clinician_a)
    first = api.get("/api/v1/episodes?page_size=1").json()
    second = api.get("/api/v1/episodes?page_size=1&page=2").json()
    assert len(first) == len(second) == 1 and first[0]["id"] != second[0]["id"]
    assert api.get("/api/v1/episodes?page_size=1&page=3").json() == []
