"""Default rules: AUDIT-C at or above its THL cut-off adds a brief intervention; AUDIT possible
dependence adds a specialised substance-use assessment.

Cut-offs written by hand from THL's AUDIT-C indicator definition: men 20-64 >= 6, women 20-64 >= 5,
everyone 65+ >= 4.
"""

from __future__ import annotations

import pytest

from porras.navigator.domain import auditc_threshold, load_default_ruleset, navigate

from .conftest import codes, person, rules_fired

BRIEF = "alcohol_brief_intervention"
SPECIALISED = "substance_use_assessment"


@pytest.mark.parametrize(
    ("sex", "age", "total", "added"),
    [
        ("male", 40, 6, True),
        ("male", 40, 5, False),
        ("female", 40, 5, True),
        ("female", 40, 4, False),
        ("male", 70, 4, True),
        ("female", 70, 3, False),
        ("male", 20, 6, True),
        ("female", 64, 5, True),
    ],
)
def test_it_adds_a_brief_intervention_at_or_above_the_auditc_cut_off(sex, age, total, added):
    result = navigate(person(sex=sex, age=age, scores={"auditc": {"total": total}}))
    assert (BRIEF in codes(result)) is added
    assert "alcohol.auditc" in rules_fired(result)


def test_it_uses_the_lowest_cut_off_when_sex_is_not_given():
    data = person(age=40, scores={"auditc": {"total": 5}})
    del data["sex"]
    assert BRIEF in codes(navigate(data))


def test_it_uses_the_lowest_cut_off_for_other_sex():
    assert auditc_threshold(load_default_ruleset(), "other", 40) == 5


def test_it_has_no_auditc_cut_off_under_twenty_and_says_so():
    result = navigate(person(age=17, scores={"auditc": {"total": 9}}))
    assert BRIEF not in codes(result)
    assert any("no cut-off for this age group" in t["because"] for t in result["trace"])


def test_it_does_not_change_the_mental_health_step_for_alcohol():
    result = navigate(person(sex="male", scores={"auditc": {"total": 10}}))
    assert result["step"] == 0
    brief = next(i for i in result["interventions"] if i["code"] == BRIEF)
    assert brief["step"] == 1
    assert "AUDIT-C 10 points (cut-off 6)" in brief["reasons"][0]


def test_it_adds_a_specialised_assessment_for_possible_dependence():
    result = navigate(person(scores={"audit": {"total": 24, "severity": "possible_dependence"}}))
    assert SPECIALISED in codes(result)
    assert "alcohol.audit" in rules_fired(result)


@pytest.mark.parametrize("zone", ["low_risk", "increasing_risk", "higher_risk"])
def test_it_does_not_add_a_specialised_assessment_below_the_dependence_zone(zone):
    result = navigate(person(scores={"audit": {"severity": zone}}))
    assert SPECIALISED not in codes(result)
