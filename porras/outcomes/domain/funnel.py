"""Funnel plots: comparing groups on a rate without a league table.

A funnel plot shows each group's rate against its size (the rate's denominator: the number of
finished episodes, or of those at caseness at the start for the recovery rates), with control limits
around a target - the rate of the whole population the groups belong to (the national rate for a
national analyst, the county's for a county analyst). A group inside the limits differs from the
target no more than chance does at its size; one outside the 95 % limits is worth a look, one outside
the 99.8 % limits a clear signal.

Method: Spiegelhalter D. J. (2005). Funnel plots for comparing institutional performance.
Statistics in Medicine 24(8), 1185-1202 (doi:10.1002/sim.1970), section on proportions: the limits
of a proportion with target ``p0`` at size ``n`` by the normal approximation to the binomial,
``p0 ± z * sqrt(p0 * (1 - p0) / n)``, with ``z`` the two-sided standard-normal quantile of the
level (1.959964 for 95 %, 3.090232 for 99.8 %, the levels the paper recommends), cut to 0..1. The
paper's exact binomial limits are not used; at the group sizes the reports publish (at least the
disclosure minimum) the approximation is what national clinical audits plot, and it is said so in
the report's definitions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

# Two-sided standard-normal quantiles: Phi^-1(0.975) and Phi^-1(0.999).
Z_95 = 1.959963984540054
Z_998 = 3.090232306167813

SOURCE_KEY = "spiegelhalter_2005"
SOURCE_CITATION = (
    "Spiegelhalter D. J. (2005). Funnel plots for comparing institutional performance. Statistics in "
    "Medicine 24(8), 1185-1202. doi:10.1002/sim.1970"
)


class Position(StrEnum):
    """Where a group's rate falls against the limits at its size."""

    ABOVE_998 = "above_998"
    ABOVE_95 = "above_95"
    WITHIN = "within"
    BELOW_95 = "below_95"
    BELOW_998 = "below_998"


@dataclass(frozen=True)
class Limits:
    """The control limits at one size ``n``."""

    n: float
    lower_998: float
    lower_95: float
    upper_95: float
    upper_998: float


def _check(target: float, n: float) -> None:
    if not 0.0 <= target <= 1.0:
        raise ValueError(f"target: must be a proportion 0..1, got {target!r}")
    if not n > 0:
        raise ValueError(f"n: must be positive, got {n!r}")


def limits(target: float, n: float) -> Limits:
    """95 % and 99.8 % limits around ``target`` at size ``n`` (normal approximation, cut to 0..1)."""
    _check(target, n)
    se = math.sqrt(target * (1.0 - target) / n)

    def cut(x: float) -> float:
        return min(1.0, max(0.0, x))

    return Limits(
        n,
        cut(target - Z_998 * se),
        cut(target - Z_95 * se),
        cut(target + Z_95 * se),
        cut(target + Z_998 * se),
    )


def position(rate: float, n: float, target: float) -> Position:
    """Where ``rate`` at size ``n`` falls: on a limit counts as inside it."""
    lim = limits(target, n)
    if rate > lim.upper_998:
        return Position.ABOVE_998
    if rate > lim.upper_95:
        return Position.ABOVE_95
    if rate < lim.lower_998:
        return Position.BELOW_998
    if rate < lim.lower_95:
        return Position.BELOW_95
    return Position.WITHIN


def curve(target: float, n_min: float, n_max: float, points: int = 60) -> list[Limits]:
    """The limits at ``points`` sizes spread evenly on a logarithmic scale from ``n_min`` to ``n_max``
    (the funnel's lines)."""
    _check(target, n_min)
    if n_max < n_min:
        raise ValueError("n_max: must not be below n_min")
    if points < 2 or n_max == n_min:
        return [limits(target, n_min)]
    lo, hi = math.log(n_min), math.log(n_max)
    return [limits(target, math.exp(lo + (hi - lo) * i / (points - 1))) for i in range(points)]


@dataclass(frozen=True)
class Placed:
    """A report group on the funnel: its size (the rate's denominator), rate and position."""

    group: dict[str, Any]
    n: float
    rate: float
    position: Position


def place(
    groups: Sequence[dict[str, Any]], rate: str, denominator: str, less: str | None, target: float
) -> tuple[list[Placed], list[dict[str, Any]]]:
    """The published groups of a report on the funnel of ``rate`` (``numerator / (denominator -
    less)``) around ``target``; second value: the groups that cannot be placed because their rate or
    a count of its denominator is withheld (groups the report does not list are not here at all)."""
    placed: list[Placed] = []
    unplaced: list[dict[str, Any]] = []
    for group in groups:
        value = group.get(rate)
        total = group.get(denominator)
        minus = 0 if less is None else group.get(less)
        if value is None or total is None or minus is None or total - minus <= 0:
            unplaced.append(group)
            continue
        n = float(total - minus)
        placed.append(Placed(group, n, float(value), position(float(value), n, target)))
    return placed, unplaced
