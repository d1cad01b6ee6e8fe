"""Raw `responses` are scored through the instruments engine's public interface.

These tests stand a small stand-in for `porras.instruments.domain` in its place (same names, same
result shape, see fake_instruments.py) to pin the interface the navigator relies on, including an
absent engine; the real engine is exercised in test_with_instruments_engine.py.
"""

from __future__ import annotations

import sys

import pytest

from porras.navigator.domain import NavigatorInputError, navigate

from .conftest import codes, person, rules_fired
from .fake_instruments import fake_instruments

engine = fake_instruments  # the fixture under the name these tests use


def test_it_scores_raw_phq9_answers_into_a_step(engine):
    result = navigate(person(responses={"phq9": [2, 2, 2, 2, 2, 1, 1, 0, 0]}))  # total 12: moderate
    assert result["step"] == 2
    assert result["urgency"] == "non_urgent"


def test_it_reads_item_nine_from_the_engines_risk_flags(engine):
    result = navigate(person(responses={"phq9": [0, 0, 0, 0, 0, 0, 0, 0, 1]}))
    assert result["urgency"] == "same_day"
    assert result["step"] == 2
    assert result["crisis_contacts"]


def test_it_notices_an_unanswered_item_nine_in_raw_answers(engine):
    result = navigate(person(responses={"phq9": [1, 1, 1, 1, 1, 0, 0, 0, None]}))
    assert "risk.unanswered" in rules_fired(result)


def test_it_passes_the_engines_item_error_on_with_the_field(engine):
    with pytest.raises(NavigatorInputError) as caught:
        navigate(person(responses={"phq9": [0, 0, 9, 0, 0, 0, 0, 0, 0]}))
    assert caught.value.as_list() == [
        {"field": "responses.phq9", "reason": "item 3: answer 9 is out of range"}
    ]


def test_it_reads_auditc_off_a_full_audit(engine):
    answers = [4, 3, 3, 0, 0, 0, 0, 0, 0, 0]  # AUDIT-C part: 10
    result = navigate(person(sex="male", responses={"audit": answers}))
    assert "alcohol_brief_intervention" in codes(result)


def test_it_scores_raw_auditc_answers(engine):
    result = navigate(person(sex="female", responses={"auditc": [2, 2, 1]}))  # 5 >= 5 for women
    assert "alcohol_brief_intervention" in codes(result)


def test_it_mixes_responses_and_scores(engine):
    result = navigate(person(
        responses={"phq9": [1, 1, 1, 1, 1, 0, 0, 0, 0]}, scores={"gad7": {"severity": "severe"}}
    ))
    assert result["step"] == 3


def test_it_asks_for_scores_when_the_instruments_engine_is_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "porras.instruments.domain", None)  # import fails
    with pytest.raises(NavigatorInputError) as caught:
        navigate(person(responses={"phq9": [0] * 9}))
    assert caught.value.errors[0].field == "responses.phq9"
    assert "send the results in 'scores'" in caught.value.errors[0].reason


def test_it_keeps_a_risk_answer_of_a_questionnaire_the_engine_refuses_as_incomplete(engine):
    result = navigate(person(responses={"phq9": [None, None, None, None, None, None, None, None, 2]}))
    assert result["urgency"] == "same_day"
    assert result["crisis_contacts"]
    assert any("could not be determined" in t["because"] for t in result["trace"])


def test_it_still_rejects_an_out_of_range_answer_in_an_incomplete_questionnaire(engine):
    with pytest.raises(NavigatorInputError) as caught:
        navigate(person(responses={"phq9": [None, 7, 0, 0, 0, 0, 0, 0, 0]}))
    assert caught.value.errors[0].field == "responses.phq9"
