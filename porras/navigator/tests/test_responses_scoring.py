"""Raw `responses` are read through the scorer the caller passes in (the domain's Scorer port).

Each test gives the navigator a small scorer of its own, written out below, so that what the
navigator does with each part of a scorer's answer is pinned independently of the instruments
engine; the real engine behind the port is exercised in test_with_instruments_engine.py.
"""

from __future__ import annotations

import pytest

from porras.navigator.domain import ItemProblem, NavigatorInputError, Scored, UnknownInstrument, navigate

from .conftest import codes, person


def scorer(**results: Scored):
    """A scorer that answers each instrument with the given result and records what it was asked."""
    asked: list[tuple[str, list[int | None]]] = []

    def score(instrument, answers):
        asked.append((instrument, list(answers)))
        if instrument not in results:
            raise UnknownInstrument(instrument)
        return results[instrument]

    score.asked = asked  # type: ignore[attr-defined]
    return score


def test_it_gives_the_scorer_the_answers_and_steps_by_its_severity():
    score = scorer(phq9=Scored(12, "moderate", risk_items={"9": 0}))
    result = navigate(person(responses={"phq9": [2, 2, 2, 2, 2, 1, 1, 0, 0]}), score=score)
    assert score.asked == [("phq9", [2, 2, 2, 2, 2, 1, 1, 0, 0])]
    assert result["step"] == 2
    assert result["urgency"] == "non_urgent"


def test_it_reads_a_risk_item_from_the_scorers_result():
    score = scorer(phq9=Scored(1, "minimal", risk_items={"9": 1}))
    result = navigate(person(responses={"phq9": [0, 0, 0, 0, 0, 0, 0, 0, 1]}), score=score)
    assert result["urgency"] == "same_day"
    assert result["crisis_contacts"]


def test_it_names_each_answer_the_scorer_finds_invalid():
    score = scorer(phq9=Scored(None, None, invalid=(ItemProblem("3", "answer 9 is out of range"),)))
    with pytest.raises(NavigatorInputError) as caught:
        navigate(person(responses={"phq9": [0, 0, 9, 0, 0, 0, 0, 0, 0]}), score=score)
    assert caught.value.errors[0].field == "responses.phq9"
    assert caught.value.errors[0].reason == "item 3: answer 9 is out of range"


def test_it_refuses_an_instrument_the_scorer_does_not_know():
    with pytest.raises(NavigatorInputError) as caught:
        navigate(person(responses={"gad7": [0] * 7}), score=scorer())
    assert caught.value.errors[0].field == "responses.gad7"
    assert caught.value.errors[0].reason == "is not an instrument the engine knows"


def test_raw_answers_without_a_scorer_are_a_mistake_of_the_caller():
    with pytest.raises(TypeError, match="scorer"):
        navigate(person(responses={"phq9": [0] * 9}))


def test_it_asks_the_scorer_for_auditc_off_the_first_three_audit_answers():
    score = scorer(audit=Scored(11, "increasing_risk"), auditc=Scored(10, None))
    result = navigate(person(sex="male", responses={"audit": [4, 3, 3, 0, 0, 0, 0, 1, 0, 0]}), score=score)
    assert ("auditc", [4, 3, 3]) in score.asked
    assert "alcohol_brief_intervention" in codes(result)


def test_it_mixes_responses_and_scores():
    score = scorer(phq9=Scored(5, "mild", risk_items={"9": 0}))
    result = navigate(
        person(responses={"phq9": [1, 1, 1, 1, 1, 0, 0, 0, 0]}, scores={"gad7": {"severity": "severe"}}),
        score=score,
    )
    assert result["step"] == 3
