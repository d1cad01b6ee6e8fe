"""A guardian answers separately: their answers never overwrite the young person's, a risk answer
from either raises urgency at once, and the output shows both respondents side by side."""

from __future__ import annotations

import pytest

from porras.navigator.domain import NavigatorInputError, navigate
from porras.navigator.scorer import score_answers

from .conftest import codes, person, phq9, rules_fired

PHQ9_MILD = [1, 1, 1, 1, 1, 0, 0, 0, 0]  # total 5: mild (5-9), item 9 "not at all"


def _youth(**fields):
    return navigate(person(age=15, **fields), score=score_answers)


def test_both_respondents_are_shown_side_by_side():
    result = _youth(concerns=["depression"], responses={"phq9": PHQ9_MILD},
                    guardian={"concerns": ["anxiety", "family"]})
    assert result["respondents"]["person"]["concerns"] == ["depression"]
    assert result["respondents"]["person"]["scores"] == [
        {"instrument": "phq9", "total": 5, "severity": "mild", "derived_from": None}
    ]
    assert result["respondents"]["guardian"] == {
        "concerns": ["anxiety", "family"], "scores": [], "risk": {"self_harm": False, "plan_to_end_life": False},
    }


def test_a_guardian_s_concerns_join_the_plan_without_overwriting_the_young_person_s():
    result = _youth(concerns=["depression"], guardian={"concerns": ["depression", "anxiety"]})
    assert result["respondents"]["person"]["concerns"] == ["depression"]
    assert {c["concern"] for c in result["concerns"]} == {"depression", "anxiety"}
    assert "guardian.concerns.anxiety" in rules_fired(result)


def test_a_guardian_s_self_harm_answer_raises_urgency_at_once():
    result = _youth(scores={"phq9": phq9("minimal")}, guardian={"risk": {"self_harm": True}})
    assert result["urgency"] == "same_day"
    assert result["step"] == 2
    assert result["driven_by"] == ["guardian"]
    assert "guardian.risk.self_harm" in rules_fired(result)
    assert {"112", "09 2525 0111", "116 111"} <= {c["phone"] for c in result["crisis_contacts"]}
    assert "porras.self_help" not in codes(result)


def test_the_young_person_s_risk_answer_drives_the_urgency_whatever_the_guardian_says():
    result = _youth(scores={"phq9": phq9("mild", item9=1)}, guardian={"concerns": []})
    assert result["urgency"] == "same_day"
    assert result["driven_by"] == ["person"]


def test_a_guardian_s_answer_of_a_plan_to_end_life_gives_the_emergency_guidance_alone():
    result = _youth(scores={"phq9": phq9("mild")}, guardian={"risk": {"plan_to_end_life": True}})
    assert (result["urgency"], result["step"], result["interventions"]) == ("emergency", None, [])
    assert result["crisis_contacts"][0]["phone"] == "112"
    assert "guardian.risk.plan_to_end_life" in rules_fired(result)


def test_the_recommendation_says_whose_answers_set_the_step():
    assert _youth(scores={"phq9": phq9("moderate")}, guardian={"concerns": ["anxiety"]})["driven_by"] == ["person"]


def test_a_guardian_questionnaire_the_rules_take_no_parent_form_of_is_refused_by_name():
    with pytest.raises(NavigatorInputError) as caught:
        _youth(guardian={"responses": {"phq9": PHQ9_MILD}})
    fields = [e["field"] for e in caught.value.as_list()]
    assert fields == ["guardian.responses.phq9"]


def test_a_guardian_is_refused_by_the_adult_rules_but_their_risk_answer_is_carried():
    with pytest.raises(NavigatorInputError) as caught:
        navigate(person(age=30, guardian={"risk": {"plan_to_end_life": True}}))
    assert [e["field"] for e in caught.value.as_list()] == ["guardian"]
    assert caught.value.risk["urgency"] == "emergency"


def test_a_guardian_s_unknown_field_and_concern_are_named():
    with pytest.raises(NavigatorInputError) as caught:
        _youth(guardian={"concerns": ["nonsense"], "name": "x", "risk": {"self_harm": "yes"}})
    fields = {e["field"] for e in caught.value.as_list()}
    assert fields == {"guardian.concerns[0]", "guardian.name", "guardian.risk.self_harm"}
