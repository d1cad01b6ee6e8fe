"""Under 12, the navigator never gives a self-help-only plan for a child's low mood or anxiety: it
directs to the family centre, school health care or child health clinic, with the guardian."""

from __future__ import annotations

import pytest

from porras.navigator.domain import navigate

from .conftest import codes, person, phq9, rules_fired

CHILD_SERVICES = "porras.child_family_services"


@pytest.mark.parametrize("age", [0, 6, 10, 11])
@pytest.mark.parametrize("severity", ["minimal", "mild", "moderate", "moderately_severe", "severe"])
def test_a_child_s_plan_is_led_by_the_child_s_services_and_never_self_help_alone(age, severity):
    result = navigate(person(age=age, concerns=["depression", "anxiety"], scores={"phq9": phq9(severity)}))
    assert codes(result)[0] == CHILD_SERVICES
    assert "porras.self_help" not in codes(result)
    assert "children" in rules_fired(result)


def test_a_ten_year_old_with_low_mood_is_directed_to_the_family_centre_or_school_health_care():
    result = navigate(person(age=10, language="fi", concerns=["depression"]))
    assert codes(result) == [CHILD_SERVICES]
    lead = result["interventions"][0]
    assert lead["name"].startswith("Perhekeskus, kouluterveydenhuolto tai lastenneuvola")
    assert lead["reasons"][0].startswith("Alle 12-vuotiaalle ei suositella pelkkää omahoitoa.")


def test_a_twelve_year_old_may_be_offered_self_help_at_step_zero():
    assert codes(navigate(person(age=12, scores={"phq9": phq9("minimal")}))) == ["porras.self_help"]


def test_the_family_concern_adds_lets_talk_about_children():
    result = navigate(person(age=14, guardian={"concerns": ["family"]}))
    assert "porras.lets_talk_about_children" in codes(result)
    assert "family" in rules_fired(result)
    (family,) = [c for c in result["concerns"] if c["concern"] == "family"]
    assert family["interventions"] == ["porras.lets_talk_about_children"]
