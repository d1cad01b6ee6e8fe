"""Every writing POST of digital care honours ``Idempotency-Key``: a retry gets the first answer and
writes nothing more. A professional's key is theirs and a client's is their sign-in's; a code shown
once is never kept for replays (codes live only as hashes), and the code exchange keeps no answer."""

from __future__ import annotations

import json
from typing import Any

import pytest

from porras.care.models import Measurement
from porras.idempotency.models import IdempotencyRecord
from porras.selfcare.models import AccessCode, Assignment, Message
from porras.selfcare.tests.helpers import PHQ9_NO_RISK, PHQ9_WITH_RISK, assign, client_for, make_case, post

pytestmark = pytest.mark.django_db
KEY = {"HTTP_IDEMPOTENCY_KEY": "retry-1"}


def _twice(client: Any, url: str, body: Any) -> tuple[Any, Any]:
    first, second = post(client, url, body, **KEY), post(client, url, body, **KEY)
    assert first.status_code == second.status_code and first.status_code in (200, 201), first.content
    assert "Idempotent-Replayed" not in first and second["Idempotent-Replayed"] == "true"
    return first.json(), second.json()


def test_a_retried_assignment_is_one_assignment_and_its_code_is_not_kept(cast: Any, api_client_for: Any) -> None:
    episode = make_case(cast.clinician_a).episode
    first, again = _twice(api_client_for(cast.clinician_a), f"/api/v1/episodes/{episode.pk}/selfcare",
                          {"programme": "low-mood"})
    assert Assignment.objects.count() == 1 and AccessCode.objects.count() == 1
    assert first["code"] and again == {**first, "code": None}  # shown once: the replay names the same assignment
    stored = IdempotencyRecord.objects.get()
    assert first["code"] not in json.dumps(stored.body) and stored.user == cast.clinician_a
    assert client_for(first["code"])  # the code given once still works


def test_a_lost_code_is_replaced_through_the_api_once_per_key(cast: Any, api_client_for: Any) -> None:
    therapist = api_client_for(cast.clinician_a)
    done = assign(therapist, make_case(cast.clinician_a).episode.pk)
    first, again = _twice(therapist, f"/api/v1/selfcare/assignments/{done['assignment_id']}/code", {})
    assert first["code"] and first["code"] != done["code"] and again["code"] is None
    assert AccessCode.objects.filter(revoked_at__isnull=True).count() == 1  # one new code, the first stopped


def test_a_questionnaire_request_key_is_the_professionals_own(cast: Any, api_client_for: Any) -> None:
    episode = make_case(cast.clinician_a).episode
    url, body = f"/api/v1/episodes/{episode.pk}/questionnaire-requests", {"instrument": "phq9"}
    first, again = _twice(api_client_for(cast.clinician_a), url, body)
    assert first["code"] and again["code"] is None and AccessCode.objects.count() == 1
    # a colleague with the same key and body is no retry of the first: their own request and code
    colleague = post(api_client_for(cast.colleague_a), url, body, **KEY)
    assert colleague.status_code == 201 and "Idempotent-Replayed" not in colleague
    assert colleague.json()["code"] not in (None, first["code"]) and AccessCode.objects.count() == 2


def test_a_retried_client_measure_is_one_measurement_with_the_same_crisis_answer(
        cast: Any, api_client_for: Any) -> None:
    done = assign(api_client_for(cast.clinician_a), make_case(cast.clinician_a).episode.pk)
    me = client_for(done["code"])
    first, again = _twice(me, "/api/v1/me/measurements", {"instrument": "phq9", "answers": PHQ9_WITH_RISK})
    assert first == again and first["risk"] is True and first["crisis_contacts"]
    assert Measurement.objects.count() == 1
    assert IdempotencyRecord.objects.get().user is None  # the client is no user: the key is their sign-in's
    # the same key from another sign-in of the client is not a retry of this one
    other = post(client_for(done["code"]), "/api/v1/me/measurements",
                 {"instrument": "phq9", "answers": PHQ9_NO_RISK}, **KEY)
    assert other.status_code == 201 and "Idempotent-Replayed" not in other and Measurement.objects.count() == 2


def test_retried_messages_are_sent_once_each_way(cast: Any, api_client_for: Any) -> None:
    therapist = api_client_for(cast.clinician_a)
    episode = make_case(cast.clinician_a).episode
    done = assign(therapist, episode.pk)
    me = client_for(done["code"])
    mine, _ = _twice(me, "/api/v1/me/messages", {"body": "Hard week."})
    theirs, _ = _twice(therapist, f"/api/v1/episodes/{episode.pk}/messages", {"body": "Thank you for writing."})
    assert [(m.sender, m.body) for m in Message.objects.order_by("pk")] == [
        ("client", "Hard week."), ("therapist", "Thank you for writing.")]
    assert mine["id"] != theirs["id"]


def test_retried_feedback_answers_the_first_feedback(cast: Any, api_client_for: Any) -> None:
    therapist = api_client_for(cast.clinician_a)
    done = assign(therapist, make_case(cast.clinician_a).episode.pk)
    me = client_for(done["code"])
    assert post(me, "/api/v1/me/modules/start", {"answers": {"hopes": "sleep"}, "complete": True}).status_code == 200
    first, again = _twice(therapist, f"/api/v1/selfcare/assignments/{done['assignment_id']}/feedback",
                          {"module": "start", "feedback": "Good start."})
    assert first == again


def test_the_code_exchange_keeps_no_answer(cast: Any, api_client_for: Any) -> None:
    done = assign(api_client_for(cast.clinician_a), make_case(cast.clinician_a).episode.pk)
    from django.test import Client

    first = post(Client(), "/api/v1/client-access", {"code": done["code"]}, **KEY)
    second = post(Client(), "/api/v1/client-access", {"code": done["code"]}, **KEY)
    assert first.status_code == second.status_code == 200
    assert first.json()["token"] != second.json()["token"] and "Idempotent-Replayed" not in second
    assert not IdempotencyRecord.objects.filter(endpoint__contains="client-access").exists()
    assert all(first.json()["token"] not in json.dumps(r.body) for r in IdempotencyRecord.objects.all())
