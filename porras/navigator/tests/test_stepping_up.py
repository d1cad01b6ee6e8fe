"""Default rule: a step finished without reliable improvement -> at least the next step."""

from __future__ import annotations

import pytest

from porras.navigator.domain import navigate

from .conftest import person, phq9, rules_fired


@pytest.mark.parametrize(("finished", "expected"), [(0, 1), (1, 2), (2, 3), (3, 4)])
def test_it_recommends_the_next_step_after_no_reliable_improvement(finished, expected):
    result = navigate(person(
        scores={"phq9": phq9("minimal")},
        history=[{"step": finished, "reliable_improvement": False}],
    ))
    assert result["step"] == expected
    assert "stepping_up" in rules_fired(result)


def test_it_does_not_step_up_after_reliable_improvement():
    result = navigate(person(
        scores={"phq9": phq9("mild")}, history=[{"step": 2, "reliable_improvement": True}]
    ))
    assert result["step"] == 1
    assert "stepping_up" not in rules_fired(result)


def test_it_stays_at_the_top_step_when_step_four_did_not_help():
    result = navigate(person(history=[{"step": 4, "reliable_improvement": False}]))
    assert result["step"] == 4
    assert any("highest step is already 4" in t["because"] for t in result["trace"])


def test_it_keeps_a_higher_severity_step():
    result = navigate(person(
        scores={"phq9": phq9("severe")}, history=[{"step": 1, "reliable_improvement": False}]
    ))
    assert result["step"] == 4


def test_it_uses_the_highest_unimproved_step_of_the_history():
    result = navigate(person(history=[
        {"step": 1, "reliable_improvement": False},
        {"step": 2, "reliable_improvement": False},
    ]))
    assert result["step"] == 3
