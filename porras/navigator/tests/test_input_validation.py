"""Bad input gets an error naming the field and the reason."""

from __future__ import annotations

import pytest

from porras.navigator.domain import NavigatorInputError, navigate
from porras.navigator.scorer import score_answers

from .conftest import person


def _fields(data) -> dict[str, str]:
    with pytest.raises(NavigatorInputError) as caught:
        navigate(data, score=score_answers)
    return {e["field"]: e["reason"] for e in caught.value.as_list()}


def test_it_requires_an_age():
    data = person()
    del data["age"]
    assert _fields(data) == {"age": "is required"}


@pytest.mark.parametrize("age", [-1, 121, 30.5, "30", True])
def test_it_rejects_an_age_that_is_not_a_whole_number_of_years(age):
    assert "age" in _fields(person(age=age))


def test_it_rejects_an_unknown_county():
    assert _fields(person(county="atlantis")) == {
        "county": "is not a known county code (see GET /api/v1/counties)"
    }


def test_it_rejects_an_unknown_language():
    assert "language" in _fields(person(language="de"))


def test_it_rejects_an_unknown_top_level_field():
    assert "name" in _fields(person(name="Matti"))


def test_it_names_the_bad_concern_by_position():
    assert "concerns[1]" in _fields(person(concerns=["depression", "boredom"]))


def test_it_rejects_an_unknown_instrument_in_scores():
    assert "scores.bdi" in _fields(person(scores={"bdi": {"total": 3}}))


def test_it_rejects_an_unknown_severity():
    reasons = _fields(person(scores={"phq9": {"severity": "terrible"}}))
    assert reasons["scores.phq9.severity"] == (
        "must be one of minimal, mild, moderate, moderately_severe, severe"
    )


def test_it_rejects_a_negative_total():
    assert "scores.gad7.total" in _fields(person(scores={"gad7": {"total": -2}}))


def test_it_rejects_a_non_numeric_risk_item_key():
    assert "scores.phq9.risk_items.nine" in _fields(person(scores={"phq9": {"risk_items": {"nine": 1}}}))


def test_it_rejects_a_non_integer_risk_item_value():
    assert "scores.phq9.risk_items.9" in _fields(person(scores={"phq9": {"risk_items": {"9": "yes"}}}))


def test_it_rejects_an_instrument_given_in_both_forms():
    data = person(responses={"phq9": [0] * 9}, scores={"phq9": {"severity": "mild"}})
    assert "scores.phq9" in _fields(data)


def test_it_names_a_bad_answer_by_position():
    assert "responses.phq9[2]" in _fields(person(responses={"phq9": [0, 1, "two"]}))


def test_it_requires_plan_to_end_life_to_be_a_boolean():
    assert "risk.plan_to_end_life" in _fields(person(risk={"plan_to_end_life": "yes"}))


def test_it_names_bad_history_entries():
    reasons = _fields(person(history=[{"step": 5, "reliable_improvement": "no"}]))
    assert set(reasons) == {"history[0].step", "history[0].reliable_improvement"}


def test_it_rejects_unknown_preferences():
    reasons = _fields(person(preferences={"delivery": "carrier_pigeon", "colour": "blue"}))
    assert set(reasons) == {"preferences.delivery", "preferences.colour"}


def test_it_reports_every_bad_field_at_once():
    reasons = _fields({"age": -3, "language": "xx", "sex": "robot"})
    assert set(reasons) == {"age", "language", "sex"}


def test_it_rejects_input_that_is_not_an_object():
    assert _fields([1, 2]) == {"(input)": "must be a JSON object"}
