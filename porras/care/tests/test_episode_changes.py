"""Changing an episode through the API: assessment, steps with reasons, ending, transfer."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from porras.accounts import services as accounts
from porras.care.models import StepChange
from porras.care.tests.helpers import make_case

pytestmark = pytest.mark.django_db


def _patch(client, episode_id: int, body: dict):
    return client.patch(f"/api/v1/episodes/{episode_id}", json.dumps(body), content_type="application/json")


def _post(client, path: str, body: dict):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_the_assessment_moves_the_episode_to_the_assessment_phase_with_its_first_step(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    today = dt.date.today().isoformat()
    body = _patch(api_client_for(cast.clinician_a), case.episode.pk,
                  {"version": 1, "assessment_date": today, "step": 1, "intervention": "guided_self_care"}).json()
    assert (body["phase"], body["step"], body["intervention"]) == ("assessment", 1, "guided_self_care")
    assert StepChange.objects.get().direction == "initial"


def test_stepping_up_needs_a_reason(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    _patch(client, case.episode.pk, {"version": 1, "step": 1})
    refused = _patch(client, case.episode.pk, {"version": 2, "step": 2})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["field"] == "step_reason"
    done = _patch(client, case.episode.pk, {"version": 2, "step": 2, "step_reason": "No reliable improvement"})
    assert done.status_code == 200
    assert [s.direction for s in StepChange.objects.all()] == ["initial", "up"]


def test_an_attended_treatment_appointment_starts_treatment(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    path = f"/api/v1/episodes/{case.episode.pk}/appointments"
    day = dt.date.today().isoformat()
    early = _post(client, path, {"date": day, "kind": "treatment", "status": "attended"})
    assert early.status_code == 422  # no assessment yet
    assert _post(client, path, {"date": day, "kind": "assessment", "status": "attended"}).status_code == 201
    assert _post(client, path, {"date": day, "kind": "treatment", "status": "attended"}).status_code == 201
    episode = client.get(f"/api/v1/episodes/{case.episode.pk}").json()
    assert (episode["phase"], episode["assessment_date"], episode["first_treatment_date"]) == ("treatment", day, day)


def test_an_end_needs_a_reason_and_an_ended_episode_stays_ended(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    today = dt.date.today().isoformat()
    refused = _patch(client, case.episode.pk, {"version": 1, "end_date": today})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["field"] == "end_reason"
    assert _patch(client, case.episode.pk, {"version": 1, "end_date": today, "end_reason": "declined"}).status_code == 200
    reopened = _patch(client, case.episode.pk, {"version": 2, "end_date": None, "end_reason": None})
    assert reopened.status_code == 422
    assert reopened.json()["detail"][0]["field"] == "end_date"


def test_a_transfer_moves_the_episode_to_the_other_units_professionals(cast, api_client_for) -> None:
    clinician_a2 = accounts.create_user("clinician_a2", "professional", unit_code="unit-a2")
    case = make_case(cast.clinician_a)
    moved = _post(api_client_for(cast.clinician_a), f"/api/v1/episodes/{case.episode.pk}/transfer",
                  {"version": 1, "to_unit": "unit-a2", "date": dt.date.today().isoformat(), "reason": "Moved"})
    assert moved.status_code == 200
    assert moved.json()["unit"] == "unit-a2"
    assert api_client_for(cast.clinician_a).get(f"/api/v1/episodes/{case.episode.pk}").status_code == 404
    assert api_client_for(clinician_a2).get(f"/api/v1/episodes/{case.episode.pk}").status_code == 200
    assert api_client_for(clinician_a2).get(f"/api/v1/clients/{case.client.pk}").status_code == 200


def test_an_unknown_concern_or_intervention_is_named(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    bad = _post(client, "/api/v1/episodes", {"client_id": case.client.pk, "unit": "unit-a",
                                             "referral_date": dt.date.today().isoformat(), "concerns": ["sadness"]})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "concerns.0"
    worse = _patch(client, case.episode.pk, {"version": 1, "intervention": "magic"})
    assert worse.json()["detail"][0]["field"] == "intervention"
