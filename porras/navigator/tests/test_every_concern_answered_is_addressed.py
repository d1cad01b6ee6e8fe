"""Every concern the person chose or answered a questionnaire for is addressed in the result, each
with what is offered for it and a trace entry naming the rule; anxiety is not dropped when depression
sets the step, and the safety rules hold for every concern."""

from __future__ import annotations

from porras.navigator.domain import load_default_ruleset, navigate
from porras.navigator.scorer import score_answers

from .conftest import codes, person, rules_fired

# PHQ-9 total 10 (moderate: step 2) and GAD-7 total 7 (mild: step 1), item 9 "not at all".
PHQ9_MODERATE = [1, 1, 1, 2, 1, 1, 2, 1, 0, 0]
GAD7_MILD = [1, 1, 1, 1, 1, 1, 1]


def _run(**fields):
    return navigate(person(**fields), score=score_answers)


def _concern(result, concern):
    (entry,) = [c for c in result["concerns"] if c["concern"] == concern]
    return entry


def test_anxiety_is_addressed_when_depression_sets_the_step():
    result = _run(concerns=["depression", "anxiety"], responses={"phq9": PHQ9_MODERATE, "gad7": GAD7_MILD})
    assert result["step"] == 2
    assert [c["concern"] for c in result["concerns"]] == ["depression", "anxiety"]
    anxiety = _concern(result, "anxiety")
    assert anxiety["instruments"] == ["gad7"]
    assert anxiety["step"] == 1
    # cognitive short therapy (IDY03, IDR17) treats anxiety as well as depression
    assert anxiety["interventions"] == ["IDY03", "IDR17"]
    assert anxiety["because"].startswith("Anxiety or worry – offered for this: Cognitive short therapy")
    assert {"concerns.depression", "concerns.anxiety"} <= set(rules_fired(result))


def test_a_questionnaire_answered_brings_its_concern_in_even_when_not_chosen():
    result = _run(concerns=[], responses={"phq9": PHQ9_MODERATE, "gad7": GAD7_MILD})
    assert [c["concern"] for c in result["concerns"]] == ["depression", "anxiety"]


def test_the_result_carries_each_score_as_numbers_and_band_keys():
    result = _run(responses={"phq9": PHQ9_MODERATE, "gad7": GAD7_MILD})
    assert result["scores"] == [
        {"instrument": "phq9", "total": 10, "severity": "moderate", "derived_from": None},
        {"instrument": "gad7", "total": 7, "severity": "mild", "derived_from": None},
    ]


def test_a_concern_the_plan_does_not_treat_gets_its_own_offer_or_a_professional():
    # The adult rules given a 10-year-old (the youth rules are chosen by age; forced here): no step-2
    # method for depression fits the age (IPC-N is 12-19, cognitive short therapy 18+), Cool Kids
    # (7-17) treats anxiety only: depression gets a professional's assessment.
    result = navigate(person(age=10, concerns=["depression", "anxiety"],
                             responses={"phq9": PHQ9_MODERATE, "gad7": GAD7_MILD}),
                      score=score_answers, ruleset=load_default_ruleset())
    assert _concern(result, "anxiety")["interventions"][0] == "porras.cool_kids"
    depression = _concern(result, "depression")
    assert depression["interventions"] == ["porras.professional_assessment"]
    assert "porras.professional_assessment" in codes(result)
    assert depression["because"].startswith("Depression or low mood – a professional will assess")


def test_a_child_s_concerns_are_each_met_by_the_child_s_services_first():
    # The youth rules for a 10-year-old: the family centre, school health care or child health clinic
    # covers every concern first; Cool Kids (7-17) is offered for the anxiety beside it.
    result = _run(age=10, concerns=["depression", "anxiety"],
                  responses={"phq9": PHQ9_MODERATE, "gad7": GAD7_MILD})
    assert codes(result)[0] == "porras.child_family_services"
    assert _concern(result, "anxiety")["interventions"] == ["porras.child_family_services", "porras.cool_kids"]
    assert _concern(result, "depression")["interventions"] == ["porras.child_family_services"]


def test_an_alcohol_concern_below_the_cut_off_is_still_addressed():
    result = _run(sex="male", age=40, concerns=["alcohol"], responses={"auditc": [1, 1, 0]})
    alcohol = _concern(result, "alcohol")
    assert alcohol["instruments"] == ["auditc"]
    assert alcohol["interventions"] == ["porras.professional_assessment"]


def test_an_alcohol_concern_above_the_cut_off_is_addressed_by_the_brief_intervention():
    result = _run(sex="male", age=40, concerns=["alcohol"], responses={"auditc": [3, 2, 2]})
    assert _concern(result, "alcohol")["interventions"] == ["alcohol_brief_intervention"]


def test_with_risk_no_concern_is_offered_self_help_alone():
    phq9 = [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]  # minimal, but item 9 answered "several days"
    result = _run(concerns=["depression", "anxiety"], responses={"phq9": phq9, "gad7": [0] * 7})
    assert result["urgency"] == "same_day"
    for concern in result["concerns"]:
        assert "porras.self_help" not in concern["interventions"]
        assert "porras.professional_assessment" in concern["interventions"]


def test_with_a_plan_to_end_life_no_concern_is_addressed_beside_the_emergency_guidance():
    result = _run(concerns=["depression", "anxiety"], responses={"phq9": PHQ9_MODERATE, "gad7": GAD7_MILD},
                  risk={"plan_to_end_life": True})
    assert result["step"] is None
    assert result["concerns"] == []
    assert result["interventions"] == []
