"""Golden cases for OASIS (Norman 2006; cut-off Campbell-Sills 2009), WSAS (Mundt 2002) and PDSS
(Shear 1997), written by hand."""

from __future__ import annotations

import pytest

from porras.instruments.domain import score


def test_oasis_sums_five_items_with_cut_off_eight() -> None:
    assert score("oasis", [4, 4, 4, 4, 4]).total == 20
    assert score("oasis", [2, 2, 1, 1, 1]).caseness is False  # 7
    assert score("oasis", [2, 2, 2, 1, 1]).caseness is True  # 8
    assert score("oasis", [2, 2, 2, 1, 1]).severity is None


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [
        ([0, 0, 0, 0, 0], 0, "subclinical"),
        ([1, 2, 2, 2, 2], 9, "subclinical"),
        ([2, 2, 2, 2, 2], 10, "significant_impairment"),
        ([4, 4, 4, 4, 4], 20, "significant_impairment"),
        ([5, 4, 4, 4, 4], 21, "severe_impairment"),
        ([8, 8, 8, 8, 8], 40, "severe_impairment"),
    ],
)
def test_wsas_bands_follow_mundt_2002(answers: list[int], total: int, band: str) -> None:
    result = score("wsas", answers)
    assert result.total == total
    assert result.severity == band
    assert result.caseness is None


def test_pdss_sums_seven_items_without_bands() -> None:
    result = score("pdss", [4, 4, 4, 4, 4, 4, 4])
    assert result.total == 28
    assert result.severity is None
    assert result.caseness is None
    assert score("pdss", [1, 2, 0, 1, 0, 3, 1]).total == 8
