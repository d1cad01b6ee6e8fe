"""A professional sends a questionnaire before the next appointment: a single-use, expiring code; the
client answers through the API or on a phone-sized page; a second use of the code is refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from porras.care.models import Measurement
from porras.selfcare.models import AccessCode
from porras.selfcare.tests.helpers import PHQ9_NO_RISK, client_for, make_case, post

pytestmark = pytest.mark.django_db


def _request(api_client_for: Any, cast: Any, episode_id: int, instrument: str = "phq9") -> Any:
    return post(api_client_for(cast.clinician_a), f"/api/v1/episodes/{episode_id}/questionnaire-requests",
                {"instrument": instrument})


def test_the_answer_is_the_episodes_measurement_and_the_code_is_then_used(cast: Any, api_client_for: Any) -> None:
    case = make_case(cast.clinician_a)
    sent = _request(api_client_for, cast, case.episode.pk)
    assert sent.status_code == 201 and sent.json()["instrument"] == "phq9"
    me = client_for(sent.json()["code"])
    answered = post(me, "/api/v1/me/measurements", {"instrument": "phq9", "answers": PHQ9_NO_RISK})
    assert answered.status_code == 201
    assert Measurement.objects.get(episode=case.episode).source == "client"
    # the sign-in ends with the answer, and the code cannot be used again
    assert post(me, "/api/v1/me/measurements", {"instrument": "phq9", "answers": PHQ9_NO_RISK}).status_code == 401
    assert post(Client(), "/api/v1/client-access", {"code": sent.json()["code"]}).status_code == 404
    assert Measurement.objects.filter(episode=case.episode).count() == 1


def test_another_questionnaire_than_the_one_sent_is_refused(cast: Any, api_client_for: Any) -> None:
    case = make_case(cast.clinician_a)
    me = client_for(_request(api_client_for, cast, case.episode.pk).json()["code"])
    refused = post(me, "/api/v1/me/measurements", {"instrument": "gad7", "answers": [0] * 7})
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "instrument"


def test_an_expired_code_is_refused(cast: Any, api_client_for: Any) -> None:
    case = make_case(cast.clinician_a)
    code = _request(api_client_for, cast, case.episode.pk).json()["code"]
    AccessCode.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert post(Client(), "/api/v1/client-access", {"code": code}).status_code == 404


def test_the_phone_page_takes_the_answers_once(cast: Any, api_client_for: Any) -> None:
    case = make_case(cast.clinician_a)
    code = _request(api_client_for, cast, case.episode.pk).json()["code"]
    browser = Client()
    signed_in = browser.post("/selfcare/sign-in/", {"code": code})
    assert signed_in.status_code == 302 and signed_in["Location"] == "/selfcare/me/questionnaire/"
    answers = {f"item-{i}": str(a) for i, a in enumerate(PHQ9_NO_RISK, start=1)}
    assert browser.post("/selfcare/me/questionnaire/", answers).status_code == 200
    assert browser.get("/selfcare/me/questionnaire/").status_code == 302  # signed out: answered
    assert Client().post("/selfcare/sign-in/", {"code": code}).status_code == 400
