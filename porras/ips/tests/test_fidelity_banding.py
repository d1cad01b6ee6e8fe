from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from porras.ips.domain import band_for_total, score_fidelity
from porras.ips.tests.helpers import items_for_total

# Band edges written by hand from the scale's scoring key: 115-125 exemplary, 100-114 good,
# 74-99 fair, 73 and below not IPS.
EDGES = [
    (25, "not_ips"),
    (73, "not_ips"),
    (74, "fair"),
    (99, "fair"),
    (100, "good"),
    (114, "good"),
    (115, "exemplary"),
    (125, "exemplary"),
]


@pytest.mark.parametrize(("total", "band"), EDGES)
def test_it_bands_every_edge_of_the_scale(total: int, band: str) -> None:
    result = score_fidelity(items_for_total(total))
    assert result.total == total
    assert result.band == band


@pytest.mark.parametrize(("total", "band"), EDGES)
def test_it_bands_a_bare_total_the_same_way(total: int, band: str) -> None:
    assert band_for_total(total) == band


def test_it_scores_all_fives_as_125_exemplary() -> None:
    result = score_fidelity([5] * 25)
    assert (result.total, result.band) == (125, "exemplary")


def test_it_scores_all_ones_as_25_not_ips() -> None:
    result = score_fidelity([1] * 25)
    assert (result.total, result.band) == (25, "not_ips")


def test_it_adds_up_each_section() -> None:
    # 3 staffing items rated 5, 8 organisation items rated 4, 14 services items rated 3.
    result = score_fidelity([5] * 3 + [4] * 8 + [3] * 14)
    assert result.section_totals == {"staffing": 15, "organisation": 32, "services": 42}
    assert result.total == 89
    assert result.band == "fair"


@pytest.mark.parametrize("total", [24, 126, 0])
def test_it_refuses_a_total_outside_the_scale(total: int) -> None:
    with pytest.raises(ValueError, match="total"):
        band_for_total(total)


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=25, max_size=25))
def test_the_total_is_the_sum_of_the_ratings_and_always_banded(items: list[int]) -> None:
    result = score_fidelity(items)
    assert result.total == sum(items)
    assert result.band in {"exemplary", "good", "fair", "not_ips"}
    assert sum(result.section_totals.values()) == result.total
