"""The cast against every client-level endpoint: only unit A's professionals and manager get in; to those
with client access elsewhere unit A's records are not found (404), to those with none anywhere 403."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from porras.care import services
from porras.care.tests.helpers import PHQ9_WITH_RISK, make_case

pytestmark = pytest.mark.django_db

ALLOWED = {"clinician_a", "colleague_a", "manager_a"}
WRITE_ELSEWHERE = {"clinician_b", "county_manager_b"}  # may write client data, but not in unit A
READ_ELSEWHERE = WRITE_ELSEWHERE | {"ips_specialist"}  # may read client data, but not in unit A
CAST = ["clinician_a", "colleague_a", "clinician_b", "manager_a", "county_manager_b", "county_analyst",
        "national_analyst", "programme_manager", "ips_specialist", "admin"]


def _endpoints(case, flag_id: int, followup_id: int, booked_id: int) -> list[tuple[str, str, dict | None]]:
    e = case.episode.pk
    today = dt.date.today().isoformat()
    return [
        ("get", f"/api/v1/clients/{case.client.pk}", None),
        ("get", f"/api/v1/clients/{case.client.pk}/episodes", None),
        ("get", f"/api/v1/episodes/{e}", None),
        ("patch", f"/api/v1/episodes/{e}", {"version": case.episode.version, "intervention": "guided_self_care"}),
        ("get", f"/api/v1/episodes/{e}/appointments", None),
        ("post", f"/api/v1/episodes/{e}/appointments", {"date": today, "kind": "assessment", "status": "attended"}),
        ("get", f"/api/v1/episodes/{e}/measurements", None),
        ("post", f"/api/v1/episodes/{e}/measurements", {"instrument": "phq9", "date": today,
                                                        "answers": PHQ9_WITH_RISK}),
        ("get", f"/api/v1/episodes/{e}/risk-flags", None),
        ("post", f"/api/v1/risk-flags/{flag_id}/acknowledge", {"note": "Talked it through; safety plan made."}),
        ("get", f"/api/v1/episodes/{e}/safety-plan", None),
        ("post", f"/api/v1/episodes/{e}/safety-plan", {"warning_signs": "Sleeplessness"}),
        ("post", f"/api/v1/episodes/{e}/followups", {"reason": "self_harm", "contact_date": today}),
        ("post", f"/api/v1/followups/{followup_id}/done", {"note": "Called"}),
        ("post", f"/api/v1/appointments/{booked_id}/status", {"status": "cancelled"}),
        # last: it moves the episode out of unit A
        ("post", f"/api/v1/episodes/{e}/transfer", {"version": case.episode.version, "to_unit": "unit-a2",
                                                     "date": today}),
    ]


def _send(client, method: str, path: str, body: dict | None):
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("who", CAST)
def test_every_client_level_endpoint_is_open_to_unit_a_only(cast, api_client_for, who: str) -> None:
    case = make_case(cast.clinician_a)
    m = services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", dt.date.today(), PHQ9_WITH_RISK)
    flag = m.risk_flags.get()
    followup = services.record_self_harm_contact(cast.clinician_a, case.episode.pk, "self_harm", dt.date.today())
    booked = services.add_appointment(cast.clinician_a, case.episode.pk, dt.date.today() + dt.timedelta(days=2),
                                      "treatment", "booked")
    case.episode.refresh_from_db()
    client = api_client_for(getattr(cast, who))
    for method, path, body in _endpoints(case, flag.pk, followup.pk, booked.pk):
        if who in ALLOWED:
            case.episode.refresh_from_db()
            if body and "version" in body:
                body = {**body, "version": case.episode.version}
        response = _send(client, method, path, body)
        if who in ALLOWED:
            assert response.status_code < 300, (method, path, response.status_code, response.content)
        else:
            elsewhere = READ_ELSEWHERE if method == "get" else WRITE_ELSEWHERE
            expected = 404 if who in elsewhere else 403
            assert response.status_code == expected, (method, path, response.status_code)


@pytest.mark.parametrize("who", ["county_analyst", "national_analyst", "programme_manager", "admin"])
def test_users_without_client_access_get_403_on_every_list(cast, api_client_for, who: str) -> None:
    client = api_client_for(getattr(cast, who))
    for path in ("/api/v1/clients", "/api/v1/episodes", "/api/v1/worklist", "/api/v1/followups/overdue"):
        assert client.get(path).status_code == 403, path


def test_lists_hold_only_the_units_in_scope(cast, api_client_for) -> None:
    make_case(cast.clinician_a)
    assert len(api_client_for(cast.clinician_a).get("/api/v1/episodes").json()) == 1
    assert api_client_for(cast.clinician_b).get("/api/v1/episodes").json() == []
    assert api_client_for(cast.clinician_b).get("/api/v1/clients").json() == []


def test_an_anonymous_caller_gets_401(cast, client) -> None:
    assert client.get("/api/v1/episodes").status_code == 401
