"""A professional assigns a programme to an episode; the client signs in with the code, completes a
module with its PHQ-9, writes to the therapist, and the therapist answers and gives feedback."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from porras.care.models import Measurement
from porras.selfcare.models import AccessCode, ClientSession
from porras.selfcare.tests.helpers import PHQ9_NO_RISK, assign, client_for, make_case, post

pytestmark = pytest.mark.django_db


def test_the_code_is_shown_once_and_kept_only_as_a_hash(cast: Any, api_client_for: Any) -> None:
    case = make_case(cast.clinician_a)
    done = assign(api_client_for(cast.clinician_a), case.episode.pk)
    code = done["code"]
    assert len(code) == 14 and code[4] == code[9] == "-"
    stored = AccessCode.objects.get(assignment_id=done["assignment_id"])
    assert code.replace("-", "") not in stored.code_hash
    assert len(stored.code_hash) == 64


def test_a_module_with_its_phq9_becomes_the_episodes_measurement(cast: Any, api_client_for: Any) -> None:
    case = make_case(cast.clinician_a)
    done = assign(api_client_for(cast.clinician_a), case.episode.pk)
    me = client_for(done["code"])

    programme = me.get("/api/v1/me/programme").json()
    assert programme["programme"]["id"] == "low-mood" and programme["modules_completed"] == 0
    measured = post(me, "/api/v1/me/measurements", {"instrument": "phq9", "answers": PHQ9_NO_RISK, "module": "start"})
    assert measured.status_code == 201, measured.content
    # PHQ9_NO_RISK: eight items answered 1, item 9 answered 0: total 8 (hand-counted)
    assert measured.json()["total"] == 8 and measured.json()["risk"] is False
    saved = post(me, "/api/v1/me/modules/start", {"answers": {"hopes": "sleep better"}, "complete": True})
    assert saved.status_code == 200 and saved.json()["completed"] is True

    measurement = Measurement.objects.get(episode=case.episode)
    assert measurement.source == "client" and measurement.response.channel == "client"
    assert measurement.total == 8
    assert me.get("/api/v1/me/programme").json()["modules_completed"] == 1


def test_messages_go_both_ways_and_the_therapist_is_told_without_health_data(
        cast: Any, api_client_for: Any, django_capture_on_commit_callbacks: Any) -> None:
    cast.clinician_a.email = "clinician.a@example.org"
    cast.clinician_a.save()
    case = make_case(cast.clinician_a)
    therapist = api_client_for(cast.clinician_a)
    done = assign(therapist, case.episode.pk)
    me = client_for(done["code"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sent = post(me, "/api/v1/me/messages", {"body": "Module one was hard."})
    assert sent.status_code == 201
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["clinician.a@example.org"]
    assert "Module" not in mail.outbox[0].body and "You have a new item in Porras." in mail.outbox[0].body

    assert [m["body"] for m in therapist.get(f"/api/v1/episodes/{case.episode.pk}/messages").json()] == [
        "Module one was hard."]
    answer = post(therapist, f"/api/v1/episodes/{case.episode.pk}/messages", {"body": "Take it step by step."})
    assert answer.status_code == 201
    assert [(m["sender"], m["body"]) for m in me.get("/api/v1/me/messages").json()] == [
        ("client", "Module one was hard."), ("therapist", "Take it step by step.")]


def test_feedback_is_given_on_a_completed_module_only(cast: Any, api_client_for: Any) -> None:
    case = make_case(cast.clinician_a)
    therapist = api_client_for(cast.clinician_a)
    done = assign(therapist, case.episode.pk)
    me = client_for(done["code"])
    url = f"/api/v1/selfcare/assignments/{done['assignment_id']}/feedback"
    assert post(therapist, url, {"module": "start", "feedback": "Well done."}).status_code == 422
    post(me, "/api/v1/me/modules/start", {"answers": {}, "complete": True})
    assert post(therapist, url, {"module": "start", "feedback": "Well done."}).status_code == 200
    modules = me.get("/api/v1/me/programme").json()["programme"]["modules"]
    assert modules[0]["feedback"] == "Well done."


def test_a_professionals_token_is_no_client_token(cast: Any, api_client_for: Any) -> None:
    assert api_client_for(cast.clinician_a).get("/api/v1/me/messages").status_code == 401


def test_a_revoked_assignment_signs_the_client_out(cast: Any, api_client_for: Any) -> None:
    case = make_case(cast.clinician_a)
    therapist = api_client_for(cast.clinician_a)
    done = assign(therapist, case.episode.pk)
    me = client_for(done["code"])
    assert post(therapist, f"/api/v1/selfcare/assignments/{done['assignment_id']}/revoke", {}).status_code == 200
    assert me.get("/api/v1/me/programme").status_code == 401
    assert post(me.__class__(), "/api/v1/client-access", {"code": done["code"]}).status_code == 404
    assert ClientSession.objects.filter(revoked_at__isnull=True).count() == 0
