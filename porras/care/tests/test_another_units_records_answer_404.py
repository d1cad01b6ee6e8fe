"""Another unit's client or episode answers exactly as a missing one does: 404, in the API and on the
pages, for reads and writes alike; the denied attempt is still audited (and the entry survives the
rolled-back write). Users with no client access anywhere get 403 whether or not the record exists."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from porras.accounts import audit
from porras.accounts.models import AuditEntry
from porras.care import services
from porras.care.tests.helpers import PHQ9_WITH_RISK, make_case

pytestmark = pytest.mark.django_db

MISSING = 987_654


@pytest.fixture
def world(cast):
    case = make_case(cast.clinician_a)
    e = case.episode.pk
    flag = services.record_measurement(cast.clinician_a, e, "phq9", dt.date.today(), PHQ9_WITH_RISK).risk_flags.get()
    followup = services.record_self_harm_contact(cast.clinician_a, e, "self_harm", dt.date.today())
    booked = services.add_appointment(cast.clinician_a, e, dt.date.today() + dt.timedelta(days=2), "treatment",
                                      "booked")
    return {"client": case.client.pk, "episode": e, "flag": flag.pk, "followup": followup.pk,
            "appointment": booked.pk}


def _api_calls(ids: dict[str, int]) -> list[tuple[str, str, dict | None]]:
    today = dt.date.today().isoformat()
    c, e = ids["client"], ids["episode"]
    return [
        ("get", f"/api/v1/clients/{c}", None),
        ("get", f"/api/v1/clients/{c}/episodes", None),
        ("get", f"/api/v1/episodes/{e}", None),
        ("get", f"/api/v1/episodes/{e}/appointments", None),
        ("get", f"/api/v1/episodes/{e}/measurements", None),
        ("get", f"/api/v1/episodes/{e}/risk-flags", None),
        ("get", f"/api/v1/episodes/{e}/safety-plan", None),
        ("patch", f"/api/v1/episodes/{e}", {"version": 1, "intervention": "guided_self_care"}),
        ("post", "/api/v1/episodes", {"client_id": c, "referral_date": today}),
        ("post", f"/api/v1/episodes/{e}/appointments", {"date": today, "kind": "assessment", "status": "attended"}),
        ("post", f"/api/v1/episodes/{e}/measurements", {"instrument": "phq9", "date": today, "answers": [0] * 10}),
        ("post", f"/api/v1/episodes/{e}/safety-plan", {"warning_signs": "Sleeplessness"}),
        ("post", f"/api/v1/episodes/{e}/followups", {"reason": "self_harm", "contact_date": today}),
        ("post", f"/api/v1/episodes/{e}/transfer", {"version": 1, "to_unit": "unit-b", "date": today}),
        ("post", f"/api/v1/risk-flags/{ids['flag']}/acknowledge", {"note": "Talked it through"}),
        ("post", f"/api/v1/followups/{ids['followup']}/done", {"note": "Called"}),
        ("post", f"/api/v1/appointments/{ids['appointment']}/status", {"status": "cancelled"}),
    ]


def _send(client, method: str, path: str, body: dict | None):
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def _missing(ids: dict[str, int]) -> dict[str, int]:
    return dict.fromkeys(ids, MISSING)


def test_another_units_records_answer_404_like_missing_ones_in_the_api(cast, api_client_for, world) -> None:
    api = api_client_for(cast.clinician_b)
    for (method, path, body), (_m, missing_path, missing_body) in zip(_api_calls(world), _api_calls(_missing(world)),
                                                                      strict=True):
        hidden = _send(api, method, path, body)
        absent = _send(api, method, missing_path, missing_body)
        assert hidden.status_code == absent.status_code == 404, (method, path, hidden.status_code,
                                                                 absent.status_code)
        assert hidden.json() == {**absent.json(), "detail": hidden.json()["detail"]}


def test_every_denied_attempt_is_audited_reads_and_writes(cast, api_client_for, world) -> None:
    api = api_client_for(cast.clinician_b)
    for method, path, body in _api_calls(world):
        before = AuditEntry.objects.filter(username="clinician_b", outcome=audit.Outcome.DENIED).count()
        _send(api, method, path, body)
        after = AuditEntry.objects.filter(username="clinician_b", outcome=audit.Outcome.DENIED).count()
        assert after == before + 1, (method, path)


@pytest.mark.parametrize("page", ["", "assessment/", "step/", "transfer/", "end/", "appointments/new/",
                                  "measurements/new/?instrument=phq9", "safety-plan/", "followups/new/"])
def test_another_units_episode_pages_answer_404(cast, client, world, page: str) -> None:
    client.force_login(cast.clinician_b)
    assert client.get(f"/care/episodes/{world['episode']}/{page}").status_code == 404
    assert client.get(f"/care/episodes/{MISSING}/{page}").status_code == 404


def test_another_units_client_page_and_posts_answer_404(cast, client, world) -> None:
    client.force_login(cast.clinician_b)
    assert client.get(f"/care/clients/{world['client']}/").status_code == 404
    assert client.post(f"/care/risk-flags/{world['flag']}/acknowledge/", {"note": "x"}).status_code == 404
    assert client.post(f"/care/followups/{world['followup']}/done/", {"note": "x"}).status_code == 404
    assert client.post(f"/care/appointments/{world['appointment']}/status/", {"status": "cancelled"}).status_code == 404


@pytest.mark.parametrize("who", ["national_analyst", "county_analyst", "programme_manager", "admin"])
def test_users_without_client_access_get_403_whether_or_not_the_record_exists(cast, api_client_for, world,
                                                                              who: str) -> None:
    api = api_client_for(getattr(cast, who))
    for (method, path, body), (_m, missing_path, missing_body) in zip(_api_calls(world), _api_calls(_missing(world)),
                                                                      strict=True):
        assert _send(api, method, path, body).status_code == 403, (who, path)
        assert _send(api, method, missing_path, missing_body).status_code == 403, (who, missing_path)
