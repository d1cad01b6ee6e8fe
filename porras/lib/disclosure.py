"""Disclosure control of every aggregate output: one rule for the counts that leave Porras.

Plain Python (no Django, no app): the outcome and access reports (every engine and format), the IPS
employment reports and anything else that publishes counts of people pass their exact figures
through :func:`protect` with a :class:`Policy`.

The rule (defaults from :data:`SOURCES`; the web pages' definitions say the same in fi/sv/en):

1. *Small counts are withheld.* A count below ``policy.minimum`` (default 5,
   ``PORRAS_SUPPRESSION_MIN``) is published as null. A group whose population count (the
   table's ``population`` column: finished episodes, referrals, clients) is withheld is not listed at
   all - listing it would tell that the group is not empty, and the number of listed small groups
   under a margin would bound the margin from below.
2. *Counts are rounded* for audiences that may not read the records (``policy.base``, default 5,
   ``PORRAS_ROUNDING_BASE``; half up). An operator who can read the database anyway gets exact
   counts (``base`` 1); small counts are withheld for everyone.
3. *Rates are computed from the exact counts* and withheld with their numerator or denominator (or
   when the denominator is below the minimum); for rounded audiences they are given as whole
   percentages (0.43), as national statistics producers publish them. Medians and other figures
   that are not counts are withheld with the count they are computed over.
4. *Complementary suppression* (rounded audiences, additive tables): the attacker of the model
   below must never derive a withheld count exactly. Where a margin would let it, the smallest
   published count beside the withheld one under that margin is withheld too; where a margin's lower
   bound, as this table publishes it, would equal exactly k x (minimum - 1) - so that k cells under it
   withheld at minimum - 1 could be read off - one of the counts making up that bound is withheld.

The attacker of the model knows the rule; every published count as the interval its rounding
leaves (and at least the minimum); a withheld count as ``[0, minimum - 1]`` when it is below the
minimum and as merely non-negative otherwise (a complementary suppression looks like any other);
which groups exist; and any margin - a coarser grouping of the same table, obtained by dropping
keys or coarsening them (month -> quarter -> year; unit -> county) - exactly, as the worst case of
what another report or a sum of another report's cells can tell. It combines one margin at a time
(a pair of groupings, in one report or in two). A withheld count that a margin known exactly leaves
underivable stays underivable under every coarser margin (each adds counts, each widening the
interval), so each count is checked from the finest margin up until one leaves it underivable.

Outside the model (documented, not defended here): rates at whole percentages narrowing small
denominators, inequalities between the columns of one row, and three or more groupings combined
at once.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import product
from typing import Any

INF = math.inf


class DisclosureError(ValueError):
    """A policy or a requested minimum that the rule does not allow (names the field)."""


@dataclass(frozen=True)
class Source:
    key: str
    citation: str
    used_for: str

    def as_dict(self) -> dict[str, str]:
        return {"key": self.key, "citation": self.citation, "used_for": self.used_for}


SOURCES: tuple[Source, ...] = (
    Source(
        "porras_suppression",
        "Porras PRODUCT.md section 2E: every published cell with a denominator below 5 (configurable) "
        "is suppressed and marked so; section 5: analysts see only aggregates, with counts rounded "
        "(nearest 5 by default) and small counts suppressed so that no suppressed cell can be derived "
        "exactly, under one setting no caller can lower.",
        "minimum 5 (PORRAS_SUPPRESSION_MIN), rounding base 5 (PORRAS_ROUNDING_BASE)",
    ),
    Source(
        "nhs_digital_disclosure_control_2018",
        "NHS Digital, Disclosure control methodology for Hospital Episode Statistics (HES) and the "
        "Emergency Care Data Set (ECDS), September 2018: below national level small counts are "
        "suppressed and all other counts rounded to the nearest 5; percentages are calculated from "
        "the unrounded figures.",
        "rounding to the nearest 5, rates from unrounded counts, whole percentages",
    ),
)


@dataclass(frozen=True)
class Policy:
    """Minimum publishable count and rounding base (1 = exact counts)."""

    minimum: int = 5
    base: int = 5

    def __post_init__(self) -> None:
        for name, least in (("minimum", 0), ("base", 1)):  # minimum 0: nothing withheld (tests of the rules)
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < least:
                raise DisclosureError(f"{name}: must be a whole number of at least {least}, got {value!r}")
        if self.base == 2:  # rounding to 2 leaves some counts exact: 1 (exact) or at least 3
            raise DisclosureError("base: must be 1 (exact counts) or at least 3, got 2")

    @property
    def rounds(self) -> bool:
        return self.base > 1

    @classmethod
    def from_settings(cls, settings: Any, *, exact: bool = False, minimum: int | None = None) -> Policy:
        """The configured policy (``PORRAS_SUPPRESSION_MIN``, ``PORRAS_ROUNDING_BASE``); ``exact``
        for audiences that may read the records; ``minimum`` may raise the floor, never lower it."""
        floor = int(getattr(settings, "PORRAS_SUPPRESSION_MIN", 5))
        base = 1 if exact else int(getattr(settings, "PORRAS_ROUNDING_BASE", 5))
        return cls(floor, base).raised_to(minimum)

    def raised_to(self, minimum: int | None) -> Policy:
        """This policy with a higher minimum; a lower one is refused (no caller lowers the floor)."""
        if minimum is None:
            return self
        if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < self.minimum:
            raise DisclosureError(f"min_cell: must be at least {self.minimum}, got {minimum!r}")
        return replace(self, minimum=minimum)

    def exact(self) -> Policy:
        return replace(self, base=1)

    @property
    def smallest_published(self) -> int:
        """The least multiple of ``base`` that is at least ``minimum``: no count is shown below it."""
        return -(-self.minimum // self.base) * self.base

    def round(self, value: int) -> int:
        """A publishable count (at least the minimum) rounded to the nearest multiple of ``base``,
        halves up, and never below :attr:`smallest_published` - so that the smallest shown figure
        stands for several counts, not for the minimum alone (7 with base 5 is shown as 10)."""
        if self.base == 1:
            return value
        return max(((2 * value + self.base) // (2 * self.base)) * self.base, self.smallest_published)

    def interval(self, published: int) -> tuple[int, int]:
        """Exact counts a published (rounded, not withheld) count can stand for."""
        if self.base == 1:
            return published, published
        if published == self.smallest_published:
            return self.minimum, published + (self.base - 1) // 2
        return published - self.base // 2, published + (self.base - 1) // 2

    def rate(self, numerator: int, denominator: int) -> float:
        if not self.rounds:
            return numerator / denominator
        return ((200 * numerator + denominator) // (2 * denominator)) / 100  # whole percent, halves up

    def as_dict(self) -> dict[str, int]:
        return {"minimum": self.minimum, "rounding_base": self.base}


@dataclass(frozen=True)
class Rate:
    """``numerator / (denominator - less)``: withheld with its numerator or its denominator, or when
    ``denominator - less`` is below the minimum. (A withheld ``less`` alone does not withhold it:
    the recovery rate of a group with few people not at caseness stays visible; with rounded counts
    and whole percentages it does not give ``less`` exactly.)"""

    name: str
    numerator: str
    denominator: str
    less: str | None = None


@dataclass(frozen=True)
class Guarded:
    """A figure that is not a count (a median, a mean) shown only when ``count`` is published."""

    name: str
    count: str


@dataclass(frozen=True)
class TableSpec:
    """What a table of aggregates holds.

    ``keys`` are the group columns; ``population`` the count whose group is not listed when it is
    withheld; ``counts`` every count column (the population included); ``hierarchy`` maps a key to its
    successive coarsenings (each a function of the key's value; after the last one the key is
    dropped); ``additive`` says whether coarser groupings are sums of finer ones (else no margin
    exists and only rules 1-3 apply).
    """

    keys: tuple[str, ...]
    population: str
    counts: tuple[str, ...]
    rates: tuple[Rate, ...] = ()
    guarded: tuple[Guarded, ...] = ()
    hierarchy: Mapping[str, tuple[Callable[[Any], Any], ...]] = field(default_factory=dict)
    additive: bool = True

    def __post_init__(self) -> None:
        if self.population not in self.counts:
            raise DisclosureError(f"population: {self.population!r} is not one of the counts")


_DROPPED = object()


class _Cells:
    """Exact counts of the table and which of them are withheld."""

    def __init__(self, spec: TableSpec, rows: Sequence[Mapping[str, Any]], policy: Policy) -> None:
        self.spec = spec
        self.policy = policy
        self.keys = [tuple(row[k] for k in spec.keys) for row in rows]
        self.values = {c: [int(row[c] or 0) for row in rows] for c in spec.counts}
        m = policy.minimum
        self.withheld = {c: [v < m for v in self.values[c]] for c in spec.counts}

    def is_withheld(self, column: str, i: int) -> bool:
        return self.withheld[column][i] or self.withheld[self.spec.population][i]

    def belief(self, column: str, i: int) -> tuple[float, float]:
        """What the attacker of the model knows of one count."""
        value = self.values[column][i]
        if self.is_withheld(column, i):
            return (0, self.policy.minimum - 1) if value < self.policy.minimum else (0, INF)
        return self.policy.interval(self.policy.round(value))

    def withhold(self, column: str, i: int) -> None:
        self.withheld[column][i] = True


def _all_levels(spec: TableSpec) -> list[tuple[int, ...]]:
    """Every coarsening as one level per key (0 = as is, 1.. = coarsenings, last = dropped), finest first."""
    ranges = [range(len(spec.hierarchy.get(k, ())) + 2) for k in spec.keys]
    return sorted(product(*ranges), key=sum)


def _coarse_key(spec: TableSpec, values: tuple[Any, ...], levels: tuple[int, ...]) -> tuple[Any, ...]:
    out = []
    for key, value, level in zip(spec.keys, values, levels, strict=True):
        steps = spec.hierarchy.get(key, ())
        if level > len(steps):
            out.append(_DROPPED)
            continue
        for f in steps[:level]:
            value = None if value is None else f(value)
        out.append(value)
    return tuple(out)


def _smallest_published(cells: _Cells, column: str, rows: Iterable[int]) -> int | None:
    candidates = [i for i in rows if not cells.is_withheld(column, i)]
    if not candidates:
        return None
    return min(candidates, key=lambda i: (cells.values[column][i], i))


def _margin(cells: _Cells, column: str, rows: list[int], targets: set[int]) -> tuple[bool, set[int]]:
    """Withhold complements under one margin until no target is derivable where a published count
    can still be withheld; returns (whether anything was withheld, the targets left underivable)."""
    changed = False
    total = sum(cells.values[column][i] for i in rows)
    if total < cells.policy.minimum:
        # A margin below the minimum is withheld wherever it is shown, and every count under it is
        # withheld too: no report bounds it from below, so nothing under it is pinned from here.
        return False, set()
    while True:
        beliefs = [cells.belief(column, i) for i in rows]
        sum_lo = sum(b[0] for b in beliefs)
        finite_hi = sum(b[1] for b in beliefs if b[1] != INF)
        infinite = sum(1 for b in beliefs if b[1] == INF)
        safe, pinned = set(), False
        for (lo_i, hi_i), i in zip(beliefs, rows, strict=True):
            if i not in targets:
                continue
            others_inf = infinite - (1 if hi_i == INF else 0)
            derived_lo = -INF if others_inf else total - (finite_hi - hi_i)
            derived_hi = total - (sum_lo - lo_i)
            if max(derived_lo, lo_i) >= min(derived_hi, hi_i):
                pinned = True
            else:
                safe.add(i)
        if not pinned:
            return changed, safe
        complement = _smallest_published(cells, column, rows)
        if complement is None:
            # Every count under the margin is withheld: only an exact lower bound of the margin at
            # k x (minimum - 1) could pin them, and _tight_margins keeps every such bound loose.
            return changed, safe
        cells.withhold(column, complement)
        changed = True


def _margins(cells: _Cells, column: str, levels: list[tuple[int, ...]]) -> bool:
    """Complementary suppression of one column over every coarsening (finest first)."""
    spec = cells.spec
    n = len(cells.keys)
    changed = False
    withheld = {i for i in range(n) if cells.is_withheld(column, i)}
    covered: dict[tuple[int, ...], set[int]] = {}
    for levels_ in levels[1:]:
        parents = [levels_[:p] + (lv - 1,) + levels_[p + 1 :] for p, lv in enumerate(levels_) if lv > 0]
        # Underivable from a finer margin with the margin known exactly stays underivable from every
        # coarser one: a coarser margin only adds cells, each widening the interval.
        inherited = set().union(*(covered.get(parent, set()) for parent in parents))
        targets = withheld - inherited
        covered[levels_] = inherited
        if not targets:
            continue
        margins: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        for i in range(n):
            margins[_coarse_key(spec, cells.keys[i], levels_)].append(i)
        for rows in margins.values():
            here = targets.intersection(rows)
            if here:
                withheld_more, safe = _margin(cells, column, rows, here)
                changed |= withheld_more
                covered[levels_] |= safe
        if changed:
            return True  # start again: new complements are new cells to protect
    return changed


def _tight_margins(cells: _Cells, column: str, levels: list[tuple[int, ...]]) -> bool:
    """Withhold a count wherever a margin's lower bound as published here equals k x (minimum - 1)."""
    step = cells.policy.minimum - 1
    if step <= 0:
        return False
    spec = cells.spec
    n = len(cells.keys)
    changed = False
    while True:
        tight = [cells.belief(column, i)[0] == cells.values[column][i] for i in range(n)]
        if not any(tight):
            return changed
        without: set[tuple[int, ...]] = set()  # coarsenings with no margin made of tight counts only
        hit: list[int] | None = None
        for levels_ in levels:
            parents = [levels_[:p] + (lv - 1,) + levels_[p + 1 :] for p, lv in enumerate(levels_) if lv > 0]
            if any(parent in without for parent in parents):
                without.add(levels_)
                continue
            margins: dict[tuple[Any, ...], list[int]] = defaultdict(list)
            for i in range(n):
                margins[_coarse_key(spec, cells.keys[i], levels_)].append(i)
            found = False
            for rows in margins.values():
                if not all(tight[i] for i in rows):
                    continue
                found = True
                total = sum(cells.values[column][i] for i in rows)
                if total >= 2 * step and total % step == 0:
                    hit = rows
                    break
            if hit is not None:
                break
            if not found:
                without.add(levels_)
        if hit is None:
            return changed
        complement = _smallest_published(cells, column, hit)
        if complement is None:  # pragma: no cover - a tight withheld count is 0, so a total > 0 has one
            return changed
        cells.withhold(column, complement)
        changed = True


def _complementary(cells: _Cells) -> None:
    levels = _all_levels(cells.spec)
    changed = True
    while changed:
        changed = False
        for column in cells.spec.counts:
            changed |= _margins(cells, column, levels)
            changed |= _tight_margins(cells, column, levels)


def protect(spec: TableSpec, rows: Sequence[Mapping[str, Any]], policy: Policy) -> list[dict[str, Any]]:
    """The publishable rows of a table of exact aggregates (rows of withheld groups left out).

    Each input row holds the keys, the exact counts and the guarded figures; each output row the
    keys, the counts (rounded or exact, null when withheld), the rates, the guarded figures and
    ``suppressed`` (true when disclosure control withheld any figure of the row).
    """
    cells = _Cells(spec, rows, policy)
    if policy.rounds and spec.additive:
        _complementary(cells)
    out: list[dict[str, Any]] = []
    for i, row in enumerate(rows):
        if cells.withheld[spec.population][i]:
            continue
        published: dict[str, Any] = {k: row[k] for k in spec.keys}
        hidden = False
        for column in spec.counts:
            if cells.is_withheld(column, i):
                published[column] = None
                hidden = True
            else:
                published[column] = policy.round(cells.values[column][i])
        for rate in spec.rates:
            denominator = cells.values[rate.denominator][i] - (cells.values[rate.less][i] if rate.less else 0)
            withheld = cells.is_withheld(rate.numerator, i) or cells.is_withheld(rate.denominator, i)
            if withheld or 0 < denominator < policy.minimum:
                published[rate.name] = None
                hidden = True
            elif denominator == 0:
                published[rate.name] = None
            else:
                published[rate.name] = policy.rate(cells.values[rate.numerator][i], denominator)
        for figure in spec.guarded:
            if cells.is_withheld(figure.count, i):
                published[figure.name] = None
                hidden = hidden or row.get(figure.name) is not None
            else:
                published[figure.name] = row.get(figure.name)
        published["suppressed"] = hidden
        out.append(published)
    return out
