"""Raw responses scored by the real instruments engine (porras.instruments.domain).

Expected values written by hand: PHQ-9 bands 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately
severe, 20-27 severe (Kroenke et al. 2001); AUDIT zones 0-7, 8-15, 16-19, 20-40 (WHO, Babor et al.
2001); AUDIT items 9 and 10 have three options scored 0, 2, 4.
"""

from __future__ import annotations

import pytest

from porras.navigator.domain import NavigatorInputError
from porras.navigator.domain import navigate as navigate_with
from porras.navigator.scorer import score_answers

from .conftest import codes, person, rules_fired


def navigate(data):
    return navigate_with(data, score=score_answers)


def test_eight_points_on_phq9_is_mild_and_step_one():
    result = navigate(person(responses={"phq9": [1, 1, 1, 1, 1, 1, 1, 1, 0]}))
    assert result["step"] == 1
    assert result["urgency"] == "non_urgent"


def test_sixteen_points_on_phq9_is_moderately_severe_and_step_three():
    result = navigate(person(responses={"phq9": [2, 2, 2, 2, 2, 2, 2, 2, 0]}))
    assert result["step"] == 3


def test_item_nine_answered_several_days_is_risk():
    result = navigate(person(responses={"phq9": [0, 0, 0, 0, 0, 0, 0, 0, 1]}))
    assert result["urgency"] == "same_day"
    assert result["step"] == 2
    assert result["crisis_contacts"]


def test_item_nine_alone_still_counts_when_the_rest_is_unanswered():
    with pytest.raises(NavigatorInputError) as caught:
        navigate(person(responses={"phq9": [None] * 8 + [3]}))
    assert caught.value.risk["urgency"] == "same_day"


def test_the_core10_risk_item_is_risk():
    result = navigate(person(responses={"core10": [0, 0, 0, 0, 0, 1, 0, 0, 0, 0]}))
    assert result["urgency"] == "same_day"
    assert "risk.item" in rules_fired(result)


def test_five_points_on_auditc_adds_a_brief_intervention_for_a_woman():
    result = navigate(person(sex="female", responses={"auditc": [2, 2, 1]}))
    assert "alcohol_brief_intervention" in codes(result)


def test_a_full_audit_in_the_dependence_zone_adds_the_specialised_assessment_and_auditc():
    result = navigate(person(sex="male", responses={"audit": [4, 4, 4, 4, 4, 4, 4, 4, 2, 2]}))
    assert "substance_use_assessment" in codes(result)
    assert "alcohol_brief_intervention" in codes(result)  # AUDIT-C part: 12


def test_an_out_of_range_answer_names_the_item():
    with pytest.raises(NavigatorInputError) as caught:
        navigate(person(responses={"phq9": [0, 0, 5, 0, 0, 0, 0, 0, 0]}))
    error = caught.value.errors[0]
    assert error.field == "responses.phq9"
    assert error.reason.startswith("item 3: answer 5 is out of range")


def test_the_self_assessment_asks_the_real_phq9_in_finnish(client, db):
    content = client.post("/navigator/", {"stage": "about", "age": "30", "concerns": ["depression"]}).content
    assert "Sinulla on ollut ajatuksia, että olisit parempi kuollut".encode() in content
