"""AUDIT and AUDIT-C golden cases; zones from Babor et al. 2001 (WHO)."""

from __future__ import annotations

import pytest

from porras.instruments.domain import ScoringError, score


def test_items_nine_and_ten_score_zero_two_and_four() -> None:
    base = [0] * 8
    assert score("audit", base + [0, 0]).total == 0
    assert score("audit", base + [1, 0]).total == 2
    assert score("audit", base + [2, 0]).total == 4
    assert score("audit", base + [2, 2]).total == 8


def test_items_nine_and_ten_offer_only_three_options() -> None:
    with pytest.raises(ScoringError) as info:
        score("audit", [0] * 8 + [3, 0])
    assert info.value.errors[0]["item"] == "9"
    assert "0–2" in info.value.errors[0]["reason"]


@pytest.mark.parametrize(
    ("answers", "total", "zone"),
    [
        ([1, 1, 1, 1, 1, 1, 1, 0, 0, 0], 7, "low_risk"),
        ([1, 1, 1, 1, 1, 1, 1, 1, 0, 0], 8, "increasing_risk"),
        ([2, 2, 2, 2, 2, 2, 2, 1, 0, 0], 15, "increasing_risk"),
        ([2, 2, 2, 2, 2, 2, 2, 2, 0, 0], 16, "higher_risk"),
        ([2, 2, 2, 2, 2, 2, 2, 1, 1, 0], 17, "higher_risk"),
        ([3, 2, 2, 2, 2, 2, 2, 2, 1, 0], 19, "higher_risk"),
        ([2, 2, 2, 2, 2, 2, 2, 2, 1, 1], 20, "possible_dependence"),
        ([4, 4, 4, 4, 4, 4, 4, 4, 2, 2], 40, "possible_dependence"),
    ],
)
def test_zones_follow_the_who_manual(answers: list[int], total: int, zone: str) -> None:
    result = score("audit", answers)
    assert result.total == total
    assert result.severity == zone


def test_audit_caseness_starts_at_eight() -> None:
    assert score("audit", [1, 1, 1, 1, 1, 1, 1, 0, 0, 0]).caseness is False
    assert score("audit", [1, 1, 1, 1, 1, 1, 1, 1, 0, 0]).caseness is True


def test_auditc_is_derived_from_the_first_three_items() -> None:
    assert score("audit", [4, 3, 2, 0, 0, 0, 0, 0, 2, 2]).subscores == {"auditc": 9}


def test_auditc_on_its_own_sums_three_items_without_caseness() -> None:
    result = score("auditc", [4, 4, 4])
    assert result.total == 12
    assert result.caseness is None
    assert result.severity is None
    assert score("auditc", [2, 1, 0]).total == 3
