"""Bad answers get an error naming the item and the allowed range; nothing is silently scored."""

from __future__ import annotations

import pytest

from porras.instruments.domain import ScoringError, UnknownInstrument, score


def test_an_out_of_range_answer_names_the_item_and_the_range() -> None:
    with pytest.raises(ScoringError) as info:
        score("phq9", [0, 0, 4, 0, 0, 0, 0, 0, 0, 0])
    assert info.value.errors == [
        {"item": "3", "reason": "answer 4 is out of range; allowed option positions 0–3"}
    ]


def test_a_negative_answer_is_out_of_range() -> None:
    with pytest.raises(ScoringError) as info:
        score("gad7", [0, -1, 0, 0, 0, 0, 0])
    assert info.value.errors[0]["item"] == "2"


def test_every_bad_item_is_reported_at_once() -> None:
    with pytest.raises(ScoringError) as info:
        score("gad7", [9, 0, 9, 0, 0, 0, 9])
    assert [e["item"] for e in info.value.errors] == ["1", "3", "7"]


def test_surplus_answers_are_refused() -> None:
    with pytest.raises(ScoringError) as info:
        score("gad7", [0] * 8)
    assert info.value.errors[0]["item"] == "8"
    assert "surplus" in info.value.errors[0]["reason"]


@pytest.mark.parametrize("bad", ["1", 1.0, True])
def test_a_non_integer_answer_is_refused(bad: object) -> None:
    with pytest.raises(ScoringError) as info:
        score("gad7", [bad, 0, 0, 0, 0, 0, 0])  # type: ignore[list-item]
    assert info.value.errors[0]["item"] == "1"
    assert "not an integer" in info.value.errors[0]["reason"]


def test_a_missing_answer_is_refused_when_the_instrument_does_not_prorate() -> None:
    with pytest.raises(ScoringError) as info:
        score("phq9", [0, 0, None, 0, 0, 0, 0, 0, 0, 0])
    assert info.value.errors[0]["item"] == "3"
    assert "missing" in info.value.errors[0]["reason"]


def test_a_short_list_leaves_the_trailing_items_missing() -> None:
    with pytest.raises(ScoringError) as info:
        score("gad7", [0, 0, 0])
    assert [e["item"] for e in info.value.errors] == ["4", "5", "6", "7"]


def test_answers_must_be_a_list() -> None:
    with pytest.raises(ScoringError):
        score("gad7", "0000000")  # type: ignore[arg-type]


def test_an_unknown_instrument_raises_a_key_error_naming_it() -> None:
    with pytest.raises(UnknownInstrument) as info:
        score("phq10", [0])
    assert isinstance(info.value, KeyError)
    assert "phq10" in str(info.value)


def test_scoring_error_is_a_value_error() -> None:
    assert issubclass(ScoringError, ValueError)
