"""Default rule: step from the highest band across PHQ-9 and GAD-7 (issue 4, default rule set)."""

from __future__ import annotations

import pytest

from porras.navigator.domain import navigate

from .conftest import person, phq9, rules_fired


@pytest.mark.parametrize(
    ("band", "step"),
    [("minimal", 0), ("mild", 1), ("moderate", 2), ("moderately_severe", 3), ("severe", 4)],
)
def test_it_maps_each_phq9_band_to_its_step(band, step):
    result = navigate(person(scores={"phq9": phq9(band)}))
    assert result["step"] == step
    assert result["urgency"] == "non_urgent"


@pytest.mark.parametrize(
    ("band", "step"), [("minimal", 0), ("mild", 1), ("moderate", 2), ("severe", 3)]
)
def test_it_maps_each_gad7_band_to_its_step(band, step):
    result = navigate(person(scores={"gad7": {"severity": band}}))
    assert result["step"] == step


def test_it_takes_the_highest_band_across_phq9_and_gad7():
    result = navigate(person(scores={"phq9": phq9("mild"), "gad7": {"severity": "severe"}}))
    assert result["step"] == 3
    assert "severity.phq9" in rules_fired(result)
    assert "severity.gad7" in rules_fired(result)


def test_it_starts_at_step_zero_when_no_symptom_scores_are_given():
    result = navigate(person())
    assert result["step"] == 0
    assert result["interventions"][0]["code"] == "porras.self_help"
    assert "severity" in rules_fired(result)


def test_it_says_when_a_score_has_no_band():
    result = navigate(person(scores={"phq9": {"total": 7, "risk_items": {"9": 0}}}))
    assert result["step"] == 0
    assert any("could not be determined" in t["because"] for t in result["trace"])


def test_it_records_instruments_that_do_not_set_the_step():
    result = navigate(person(scores={"wsas": {"total": 12}}))
    assert result["step"] == 0
    assert any("does not set the step" in t["because"] for t in result["trace"])


def test_it_gives_the_reason_for_the_step_with_each_intervention():
    result = navigate(person(scores={"phq9": phq9("moderately_severe")}))
    therapy = result["interventions"][0]
    assert therapy["code"] == "porras.short_psychotherapy"
    assert "PHQ-9 (depression): moderately severe symptoms. This fits step 3." in therapy["reasons"]
