"""Measurements are scored by the instruments engine; bad answers get 422 naming the item."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from porras.care.tests.helpers import GAD7, make_case

pytestmark = pytest.mark.django_db


def _measure(client, episode_id: int, body: dict):
    return client.post(f"/api/v1/episodes/{episode_id}/measurements", json.dumps(body),
                       content_type="application/json")


def test_gad7_answers_are_scored_with_severity_and_caseness(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    response = _measure(api_client_for(cast.clinician_a), case.episode.pk,
                        {"instrument": "gad7", "date": dt.date.today().isoformat(), "answers": GAD7})
    assert response.status_code == 201, response.content
    score = response.json()["score"]
    assert score["total"] == 9  # 2+2+1+1+1+1+1
    assert score["caseness"] is True  # GAD-7 caseness 8 (NHS Talking Therapies)
    assert response.json()["risk_flags"] == []


def test_an_out_of_range_answer_is_refused_naming_the_item(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    response = _measure(api_client_for(cast.clinician_a), case.episode.pk,
                        {"instrument": "gad7", "date": dt.date.today().isoformat(), "answers": [0, 0, 7, 0, 0, 0, 0]})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["item"] == "3"
    assert "out of range" in detail[0]["reason"]


def test_an_unknown_instrument_is_refused_naming_the_field(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    response = _measure(api_client_for(cast.clinician_a), case.episode.pk,
                        {"instrument": "nope", "date": dt.date.today().isoformat(), "answers": [0]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "instrument"


def test_a_measurement_before_the_referral_is_refused(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    early = (case.episode.referral_date - dt.timedelta(days=1)).isoformat()
    response = _measure(api_client_for(cast.clinician_a), case.episode.pk,
                        {"instrument": "gad7", "date": early, "answers": GAD7})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "date"
