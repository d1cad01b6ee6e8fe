"""Default rule: a positive risk item -> at least same-day, crisis contacts, step >= 2, not self-help only."""

from __future__ import annotations

import pytest

from porras.navigator.domain import load_default_ruleset, navigate

from .conftest import codes, person, phq9, rules_fired


def _self_help_codes() -> set[str]:
    return {i.code for i in load_default_ruleset().interventions if i.self_help_only}


@pytest.mark.parametrize("answer", [1, 2, 3])
def test_it_treats_any_positive_phq9_item_nine_as_risk(answer):
    result = navigate(person(scores={"phq9": phq9("minimal", item9=answer)}))
    assert result["urgency"] == "same_day"
    assert result["step"] == 2
    assert result["crisis_contacts"]
    assert "risk.item" in rules_fired(result)


def test_it_does_not_raise_urgency_when_item_nine_is_zero():
    result = navigate(person(scores={"phq9": phq9("minimal", item9=0)}))
    assert result["urgency"] == "non_urgent"
    assert result["crisis_contacts"] == []
    assert result["step"] == 0


def test_it_never_returns_a_self_help_only_plan_with_risk():
    result = navigate(person(scores={"phq9": phq9("minimal", item9=1)}))
    assert not set(codes(result)) <= _self_help_codes()
    assert not set(codes(result)) & _self_help_codes()


def test_it_puts_a_professional_assessment_first_when_risk_shows():
    result = navigate(person(scores={"phq9": phq9("mild", item9=1)}))
    assert codes(result)[0] == "porras.professional_assessment"
    assert result["interventions"][0]["step"] == 2


def test_it_keeps_a_higher_step_than_the_risk_minimum():
    result = navigate(person(scores={"phq9": phq9("severe", item9=1)}))
    assert result["step"] == 4
    assert result["urgency"] == "same_day"


def test_it_treats_a_positive_core10_risk_item_as_risk():
    result = navigate(person(scores={"core10": {"total": 20, "risk_items": {"6": 1}}}))
    assert result["urgency"] == "same_day"
    assert result["step"] == 2
    assert result["crisis_contacts"]


def test_it_does_not_flag_a_core10_risk_item_of_zero():
    result = navigate(person(scores={"core10": {"total": 8, "risk_items": {"6": 0}}}))
    assert result["urgency"] == "non_urgent"


def test_it_says_when_item_nine_was_not_answered():
    result = navigate(person(scores={"phq9": {"severity": "mild"}}))
    assert "risk.unanswered" in rules_fired(result)
    assert result["urgency"] == "non_urgent"


def test_it_says_when_item_nine_is_null():
    result = navigate(person(scores={"phq9": phq9("mild", item9=None)}))
    assert "risk.unanswered" in rules_fired(result)
