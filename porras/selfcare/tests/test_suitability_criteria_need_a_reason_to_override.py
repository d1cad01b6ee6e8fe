"""Assigning a programme checks its suitability criteria; an unmet one needs a recorded reason."""

from __future__ import annotations

from typing import Any

import pytest

from porras.selfcare.domain.programmes import load_programme
from porras.selfcare.domain.suitability import Unmet, unmet_criteria
from porras.selfcare.models import Assignment
from porras.selfcare.tests.helpers import PHQ9_WITH_RISK, make_case, post


def test_a_client_under_the_minimum_age_is_unmet() -> None:
    low_mood = load_programme("low-mood")  # min_age 18
    assert unmet_criteria(low_mood, age=17, open_risk_flags=0, found=()) == [Unmet("min_age", "age")]
    assert unmet_criteria(low_mood, age=18, open_risk_flags=0, found=()) == []


def test_an_open_risk_flag_stands_for_acute_suicide_risk() -> None:
    low_mood = load_programme("low-mood")
    assert unmet_criteria(low_mood, age=40, open_risk_flags=1, found=("acute_suicide_risk", "bipolar_disorder")) == [
        Unmet("acute_suicide_risk", "risk_flag"), Unmet("bipolar_disorder", "found")]


def test_a_criterion_the_programme_does_not_have_is_refused() -> None:
    with pytest.raises(KeyError):
        unmet_criteria(load_programme("low-mood"), age=40, open_risk_flags=0, found=("left_handed",))


@pytest.mark.django_db
def test_an_exclusion_found_is_refused_without_a_reason_and_recorded_with_one(cast: Any, api_client_for: Any) -> None:
    case = make_case(cast.clinician_a)
    therapist = api_client_for(cast.clinician_a)
    url = f"/api/v1/episodes/{case.episode.pk}/selfcare"
    refused = post(therapist, url, {"programme": "low-mood", "exclusions": ["current_psychosis"]})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["field"] == "override_reason"
    assert refused.json()["unmet"] == [{"criterion": "current_psychosis", "why": "found"}]
    assert not Assignment.objects.exists()

    done = post(therapist, url, {"programme": "low-mood", "exclusions": ["current_psychosis"],
                                 "override_reason": "Psychiatrist consulted: symptoms in remission."})
    assert done.status_code == 201
    assignment = Assignment.objects.get()
    assert assignment.unmet == [{"criterion": "current_psychosis", "why": "found"}]
    assert assignment.override_reason == "Psychiatrist consulted: symptoms in remission."


@pytest.mark.django_db
def test_a_risk_flag_on_the_episode_blocks_guided_therapy_without_a_reason(cast: Any, api_client_for: Any) -> None:
    case = make_case(cast.clinician_a)
    therapist = api_client_for(cast.clinician_a)
    post(therapist, f"/api/v1/episodes/{case.episode.pk}/measurements",
         {"instrument": "phq9", "date": case.episode.referral_date.isoformat(), "answers": PHQ9_WITH_RISK})
    refused = post(therapist, f"/api/v1/episodes/{case.episode.pk}/selfcare", {"programme": "panic"})
    assert refused.status_code == 422
    assert refused.json()["unmet"] == [{"criterion": "acute_suicide_risk", "why": "risk_flag"}]
