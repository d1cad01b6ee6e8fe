"""CORE-10 golden cases: items 2 and 3 reverse-scored, item 6 risk, cut-off 11 and bands from Barkham
et al. 2013, prorating of one missing item from the CORE System Trust."""

from __future__ import annotations

import pytest

from porras.instruments.domain import ScoringError, score


def test_items_two_and_three_are_reverse_scored() -> None:
    # "not at all" everywhere: items 2 and 3 then score 4 each
    result = score("core10", [0] * 10)
    assert result.total == 8
    assert result.item_scores == [0, 4, 4, 0, 0, 0, 0, 0, 0, 0]


def test_the_least_distressed_answers_score_zero() -> None:
    result = score("core10", [0, 4, 4, 0, 0, 0, 0, 0, 0, 0])
    assert result.total == 0
    assert result.severity == "healthy"
    assert result.caseness is False


def test_the_most_distressed_answers_score_forty() -> None:
    result = score("core10", [4, 0, 0, 4, 4, 4, 4, 4, 4, 4])
    assert result.total == 40
    assert result.severity == "severe"


def test_any_answer_above_not_at_all_on_item_six_is_a_risk_flag() -> None:
    assert score("core10", [0, 4, 4, 0, 0, 1, 0, 0, 0, 0]).risk_flags == [{"item": "6", "value": 1}]
    assert score("core10", [0, 4, 4, 0, 0, 0, 0, 0, 0, 0]).risk_flags == []


@pytest.mark.parametrize(
    ("answers", "total", "band", "case"),
    [
        ([1, 3, 3, 1, 1, 0, 1, 1, 1, 1], 9, "low", False),
        ([2, 3, 3, 1, 1, 0, 1, 1, 1, 1], 10, "low", False),
        ([2, 3, 3, 2, 1, 0, 1, 1, 1, 1], 11, "mild", True),
        ([2, 2, 2, 2, 2, 0, 2, 2, 1, 0], 15, "moderate", True),
        ([2, 2, 2, 2, 2, 2, 2, 2, 2, 2], 20, "moderate_to_severe", True),
        ([3, 1, 1, 3, 3, 0, 3, 3, 3, 2], 26, "severe", True),
    ],
)
def test_bands_and_cut_off_follow_barkham_2013(answers: list[int], total: int, band: str, case: bool) -> None:
    result = score("core10", answers)
    assert result.total == total
    assert result.severity == band
    assert result.caseness is case


def test_one_missing_item_is_prorated_and_marked_incomplete() -> None:
    # answered items score 1,1,1,1,1,0,1,1,1 = 8 over 9 items; prorated to 10 items = 80/9
    result = score("core10", [1, 3, 3, 1, 1, 0, 1, 1, 1, None])
    assert result.total == pytest.approx(80 / 9)
    assert result.complete is False
    assert result.severity == "low"
    assert any("prorated" in w for w in result.warnings)


def test_a_missing_risk_item_is_prorated_but_warned_about() -> None:
    result = score("core10", [1, 3, 3, 1, 1, None, 1, 1, 1, 1])
    assert result.complete is False
    assert any("risk item 6" in w for w in result.warnings)


def test_two_missing_items_are_refused_naming_both() -> None:
    with pytest.raises(ScoringError) as info:
        score("core10", [1, 3, 3, 1, 1, 0, 1, 1, None, None])
    assert [e["item"] for e in info.value.errors] == ["9", "10"]
