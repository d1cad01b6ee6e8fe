"""GAD-7 golden cases: bands from Spitzer et al. 2006; caseness 8 from the NHS Talking Therapies manual;
GAD-2 cut-off 3 from Kroenke et al. 2007."""

from __future__ import annotations

import pytest

from porras.instruments.domain import score


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [
        ([0, 0, 0, 0, 0, 0, 0], 0, "minimal"),
        ([1, 1, 1, 1, 0, 0, 0], 4, "minimal"),
        ([1, 1, 1, 1, 1, 0, 0], 5, "mild"),
        ([2, 2, 2, 1, 1, 1, 0], 9, "mild"),
        ([2, 2, 2, 2, 2, 0, 0], 10, "moderate"),
        ([2, 2, 2, 2, 2, 2, 2], 14, "moderate"),
        ([3, 3, 3, 2, 2, 2, 0], 15, "severe"),
        ([3, 3, 3, 3, 3, 3, 3], 21, "severe"),
    ],
)
def test_band_edges_follow_spitzer_2006(answers: list[int], total: int, band: str) -> None:
    result = score("gad7", answers)
    assert result.total == total
    assert result.severity == band


def test_caseness_starts_at_eight() -> None:
    assert score("gad7", [1, 1, 1, 1, 1, 1, 1]).caseness is False  # 7
    assert score("gad7", [2, 1, 1, 1, 1, 1, 1]).caseness is True  # 8


def test_gad2_is_items_one_and_two_with_cut_off_three() -> None:
    result = score("gad7", [2, 1, 0, 0, 0, 0, 0])
    assert result.subscores == {"gad2": 3}
    assert result.subscore_caseness == {"gad2": True}
    assert score("gad7", [1, 1, 3, 3, 3, 3, 3]).subscore_caseness == {"gad2": False}


def test_gad7_has_no_risk_items() -> None:
    assert score("gad7", [3] * 7).risk_flags == []
