"""Funnel-plot control limits (Spiegelhalter 2005, normal approximation), checked by hand:
se = sqrt(p0 (1 - p0) / n); limits p0 ± 1.959964 se (95 %) and p0 ± 3.090232 se (99.8 %), cut to 0..1."""

from __future__ import annotations

import pytest

from porras.outcomes.domain.funnel import Position, curve, limits, position


def test_limits_at_one_half_and_one_hundred() -> None:
    # se = sqrt(0.25 / 100) = 0.05; 1.959964 * 0.05 = 0.0979982; 3.090232 * 0.05 = 0.1545116
    lim = limits(0.5, 100)
    assert lim.lower_95 == pytest.approx(0.4020018, abs=1e-6)
    assert lim.upper_95 == pytest.approx(0.5979982, abs=1e-6)
    assert lim.lower_998 == pytest.approx(0.3454884, abs=1e-6)
    assert lim.upper_998 == pytest.approx(0.6545116, abs=1e-6)


def test_limits_at_forty_percent_and_twenty_four() -> None:
    # se = sqrt(0.24 / 24) = 0.1
    lim = limits(0.4, 24)
    assert (lim.lower_998, lim.lower_95, lim.upper_95, lim.upper_998) == pytest.approx(
        (0.4 - 0.3090232, 0.4 - 0.1959964, 0.4 + 0.1959964, 0.4 + 0.3090232), abs=1e-6
    )


def test_limits_are_cut_to_proportions() -> None:
    # se = sqrt(0.09 / 9) = 0.1: the upper limits 1.096 and 1.209 are cut to 1
    lim = limits(0.9, 9)
    assert lim.upper_95 == 1.0
    assert lim.upper_998 == 1.0
    assert lim.lower_998 == pytest.approx(0.5909768, abs=1e-6)
    assert limits(0.0, 50).upper_998 == 0.0


def test_the_funnel_narrows_as_groups_grow() -> None:
    lines = curve(0.5, 10, 1000, points=5)
    assert [round(x.n) for x in lines] == [10, 32, 100, 316, 1000]
    widths = [x.upper_95 - x.lower_95 for x in lines]
    assert widths == sorted(widths, reverse=True)
    assert lines[2].upper_95 == pytest.approx(0.5979982, abs=1e-6)


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (0.50, Position.WITHIN),
        (0.40, Position.BELOW_95),  # below 0.4020, above 0.3455
        (0.62, Position.ABOVE_95),  # above 0.5980, below 0.6545
        (0.66, Position.ABOVE_998),
        (0.30, Position.BELOW_998),
    ],
)
def test_a_rate_is_placed_against_the_limits_at_its_size(rate: float, expected: Position) -> None:
    assert position(rate, 100, 0.5) == expected


def test_a_target_that_is_not_a_proportion_or_an_empty_group_is_refused() -> None:
    with pytest.raises(ValueError, match="target"):
        limits(1.2, 10)
    with pytest.raises(ValueError, match="n:"):
        limits(0.5, 0)


def test_groups_are_placed_by_the_denominator_of_their_rate_and_withheld_ones_are_not() -> None:
    from porras.outcomes.domain.funnel import place

    groups = [
        # recovery rate: n = finished - not at caseness = 120 - 20 = 100; 0.62 is above the 95 % limit
        {"unit": "a", "finished": 120, "not_at_caseness": 20, "recovery_rate": 0.62},
        {"unit": "b", "finished": 30, "not_at_caseness": None, "recovery_rate": 0.5},  # a withheld part
        {"unit": "c", "finished": 40, "not_at_caseness": 4, "recovery_rate": None},  # withheld rate
    ]
    placed, unplaced = place(groups, "recovery_rate", "finished", "not_at_caseness", 0.5)
    assert [(p.group["unit"], p.n, p.position) for p in placed] == [("a", 100.0, Position.ABOVE_95)]
    assert [g["unit"] for g in unplaced] == ["b", "c"]
