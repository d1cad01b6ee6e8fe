"""PHQ-9 golden cases, written by hand from Kroenke et al. 2001, the PHQ instruction manual and the
NHS Talking Therapies manual (caseness >= 10)."""

from __future__ import annotations

import pytest

from porras.instruments.domain import score


def test_the_issue_example_scores_nine_mild_with_an_item_nine_risk_flag() -> None:
    result = score("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 1, 0])
    assert result.total == 9
    assert result.severity == "mild"
    assert result.caseness is False
    assert result.risk_flags == [{"item": "9", "value": 1}]
    assert result.subscores["phq2"] == 2
    assert result.complete is True
    assert result.instrument == "phq9"


def test_all_zero_answers_are_minimal_without_risk() -> None:
    result = score("phq9", [0] * 10)
    assert result.total == 0
    assert result.severity == "minimal"
    assert result.risk_flags == []
    assert result.subscores == {"phq2": 0}


def test_all_maximal_answers_are_severe() -> None:
    result = score("phq9", [3] * 9 + [3])
    assert result.total == 27
    assert result.severity == "severe"
    assert result.caseness is True
    assert result.risk_flags == [{"item": "9", "value": 3}]
    assert result.subscores == {"phq2": 6}
    assert result.subscore_caseness == {"phq2": True}


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [
        ([1, 1, 1, 1, 0, 0, 0, 0, 0], 4, "minimal"),
        ([1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "mild"),
        ([2, 2, 2, 2, 2, 0, 0, 0, 0], 10, "moderate"),
        ([2, 2, 2, 2, 2, 2, 2, 0, 0], 14, "moderate"),
        ([3, 3, 3, 3, 3, 0, 0, 0, 0], 15, "moderately_severe"),
        ([3, 3, 3, 3, 3, 2, 2, 0, 0], 19, "moderately_severe"),
        ([3, 3, 3, 3, 3, 3, 2, 0, 0], 20, "severe"),
    ],
)
def test_band_edges_follow_kroenke_2001(answers: list[int], total: int, band: str) -> None:
    result = score("phq9", answers)
    assert result.total == total
    assert result.severity == band


def test_caseness_starts_at_ten() -> None:
    assert score("phq9", [2, 2, 2, 1, 1, 1, 0, 0, 0]).caseness is False  # 9
    assert score("phq9", [2, 2, 2, 2, 1, 1, 0, 0, 0]).caseness is True  # 10


def test_item_ten_is_asked_but_not_scored() -> None:
    without = score("phq9", [1] * 9 + [0])
    with_difficulty = score("phq9", [1] * 9 + [3])
    assert without.total == with_difficulty.total == 9


def test_item_ten_may_be_left_unanswered() -> None:
    assert score("phq9", [1] * 9).total == 9
    assert score("phq9", [1] * 9 + [None]).complete is True


def test_phq2_is_the_sum_of_items_one_and_two() -> None:
    assert score("phq9", [3, 2, 0, 0, 0, 0, 0, 0, 0]).subscores["phq2"] == 5
    assert score("phq9", [1, 1, 0, 0, 0, 0, 0, 0, 0]).subscore_caseness["phq2"] is False
    assert score("phq9", [2, 1, 0, 0, 0, 0, 0, 0, 0]).subscore_caseness["phq2"] is True
