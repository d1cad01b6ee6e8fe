"""Default rule: risk.plan_to_end_life -> emergency, 112 and the emergency duty first."""

from __future__ import annotations

from porras.navigator.domain import navigate

from .conftest import codes, person, phq9


def test_it_makes_a_plan_to_end_life_an_emergency():
    result = navigate(person(risk={"plan_to_end_life": True}))
    assert result["urgency"] == "emergency"


def test_it_lists_112_first_and_the_emergency_duty_second_in_an_emergency():
    result = navigate(person(risk={"plan_to_end_life": True}))
    phones = [c["phone"] for c in result["crisis_contacts"]]
    assert phones[:2] == ["112", "116117"]
    assert "09 2525 0111" in phones


def test_it_keeps_emergency_when_item_nine_is_also_positive():
    result = navigate(person(scores={"phq9": phq9("mild", item9=3)}, risk={"plan_to_end_life": True}))
    assert result["urgency"] == "emergency"


def test_it_never_gives_self_help_in_an_emergency():
    result = navigate(person(risk={"plan_to_end_life": True}))
    assert "porras.self_help" not in codes(result)


def test_it_does_nothing_special_when_there_is_no_plan():
    result = navigate(person(risk={"plan_to_end_life": False}))
    assert result["urgency"] == "non_urgent"
