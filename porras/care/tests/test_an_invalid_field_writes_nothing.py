"""Every web form and API write of care is one transaction: one invalid field, and nothing changes -
no row in any care table, no episode version, no audit entry."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from porras.accounts.models import AuditEntry
from porras.care import services
from porras.care.models import (
    Appointment,
    Client,
    ClientUnit,
    Episode,
    FollowUp,
    Measurement,
    RiskFlag,
    SafetyPlan,
    StepChange,
    Transfer,
)
from porras.care.tests.helpers import HETU_2000, PHQ9_WITH_RISK, make_case
from porras.idempotency.models import IdempotencyRecord

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
TOMORROW = (TODAY + dt.timedelta(days=1)).isoformat()
LONG_AGO = (TODAY - dt.timedelta(days=400)).isoformat()  # before the case's referral (30 days ago)


def _snapshot() -> dict[str, Any]:
    models = (Client, ClientUnit, Episode, Transfer, StepChange, Appointment, Measurement, RiskFlag, SafetyPlan,
              FollowUp, IdempotencyRecord)
    return {
        **{m.__name__: m.objects.count() for m in models},
        "episodes": list(Episode.objects.order_by("pk").values_list("pk", "version", "unit_id", "end_date")),
        "flags": list(RiskFlag.objects.order_by("pk").values_list("pk", "acknowledged_at")),
        "followups": list(FollowUp.objects.order_by("pk").values_list("pk", "done_at")),
        "appointments": list(Appointment.objects.order_by("pk").values_list("pk", "status")),
        "audit": AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first(),
    }


@pytest.fixture
def world(cast) -> dict[str, Any]:
    case = make_case(cast.clinician_a)
    e = case.episode.pk
    flag = services.record_measurement(cast.clinician_a, e, "phq9", TODAY, PHQ9_WITH_RISK).risk_flags.get()
    followup = services.record_self_harm_contact(cast.clinician_a, e, "self_harm", TODAY)
    booked = services.add_appointment(cast.clinician_a, e, TODAY + dt.timedelta(days=3), "treatment", "booked")
    return {"client": case.client.pk, "episode": e, "flag": flag.pk, "followup": followup.pk,
            "appointment": booked.pk, "version": Episode.objects.get(pk=e).version}


def _forms(w: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    base = f"/care/episodes/{w['episode']}/"
    v = w["version"]
    return [
        ("/care/referrals/new/", {"identifier_system": "hetu", "identifier_value": HETU_2000, "county": "helsinki",
                                  "language": "fi", "unit": "unit-a", "referral_date": TOMORROW,
                                  "referral_source": "self"}),
        (base + "assessment/", {"version": v, "assessment_date": LONG_AGO, "step": "1", "intervention": ""}),
        (base + "step/", {"version": v, "step": "1", "intervention": "magic", "reason": "x"}),
        (base + "transfer/", {"version": v, "to_unit": "unit-a2", "date": LONG_AGO, "reason": "Moved"}),
        (base + "end/", {"version": v, "end_date": LONG_AGO, "end_reason": "completed"}),
        (base + "appointments/new/", {"date": LONG_AGO, "kind": "assessment", "status": "attended"}),
        (base + "measurements/new/", {"instrument": "phq9", "date": TOMORROW,
                                      **{f"item_{i}": "1" for i in range(1, 11)}}),
        (base + "safety-plan/", {"warning_signs": "  "}),
        (base + "followups/new/", {"reason": "self_harm", "contact_date": TOMORROW}),
        (f"/care/risk-flags/{w['flag']}/acknowledge/", {"note": " "}),
        (f"/care/appointments/{w['appointment']}/status/", {"status": "booked"}),
    ]


def test_every_care_form_with_one_invalid_field_changes_nothing(cast, client, world) -> None:
    client.force_login(cast.clinician_a)
    for path, data in _forms(world):
        before = _snapshot()
        response = client.post(path, data)
        assert response.status_code in (200, 302), (path, response.status_code)
        assert _snapshot() == before, path


def _api(w: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    e, v = w["episode"], w["version"]
    return [
        ("post", "/api/v1/clients", {"identifier": {"system": "hetu", "value": HETU_2000}, "county": "helsinki",
                                     "unit": "unit-a", "birth_year": 1999}),
        ("post", "/api/v1/episodes", {"client_id": w["client"], "unit": "unit-a", "referral_date": TOMORROW}),
        ("patch", f"/api/v1/episodes/{e}", {"version": v, "step": 2, "end_date": LONG_AGO, "end_reason": "other"}),
        ("post", f"/api/v1/episodes/{e}/transfer", {"version": v, "to_unit": "unit-b", "date": TODAY.isoformat()}),
        ("post", f"/api/v1/episodes/{e}/appointments", {"date": LONG_AGO, "kind": "assessment", "status": "attended"}),
        ("post", f"/api/v1/appointments/{w['appointment']}/status", {"status": "booked"}),
        ("post", f"/api/v1/episodes/{e}/measurements", {"instrument": "phq9", "date": TOMORROW,
                                                        "answers": PHQ9_WITH_RISK}),
        ("post", f"/api/v1/risk-flags/{w['flag']}/acknowledge", {"note": "  "}),
        ("post", f"/api/v1/episodes/{e}/safety-plan", {"warning_signs": " "}),
        ("post", f"/api/v1/episodes/{e}/followups", {"reason": "self_harm", "contact_date": TOMORROW}),
    ]


def test_every_care_api_write_with_one_invalid_field_changes_nothing(cast, api_client_for, world) -> None:
    api = api_client_for(cast.clinician_a)
    for method, path, body in _api(world):
        before = _snapshot()
        response = getattr(api, method)(path, json.dumps(body), content_type="application/json",
                                        HTTP_IDEMPOTENCY_KEY=f"k-{path}")
        assert response.status_code == 422, (path, response.status_code, response.content)
        assert _snapshot() == before, path


def test_a_referral_with_a_bad_date_leaves_no_client_link_or_audit_entry(cast, client) -> None:
    client.force_login(cast.clinician_a)
    before = _snapshot()
    page = client.post("/care/referrals/new/", {
        "identifier_system": "hetu", "identifier_value": HETU_2000, "county": "helsinki", "language": "fi",
        "unit": "unit-a", "referral_date": TOMORROW, "referral_source": "self"}).content.decode()
    assert 'id="id_referral_date_error"' in page
    assert _snapshot() == before
