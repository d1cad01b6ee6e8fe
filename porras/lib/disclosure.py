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
   ``PORRAS_ROUNDING_BASE``; half up; never shown below the least multiple of the base at or above
   the minimum, so that the smallest figure shown never stands for the minimum alone). An operator
   who can read the database anyway gets exact counts (``base`` 1); small counts are withheld for
   everyone.
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

The cost of rule 4 grows with the number of withheld counts times the number of coarser groupings
(every combination of the keys dropped or coarsened: 2 to the power of the number of keys, more
with months and units). A table too fine for it to check in bounded time and memory is refused
(:class:`GroupingTooFine`, naming ``group_by``), never published unchecked: ``WORK_LIMIT``
(``PORRAS_DISCLOSURE_WORK_LIMIT``, default 2,000,000 = a few seconds and a few hundred MB on one
core; BENCHMARKS.md) bounds (rows + withheld counts) x groupings.

Outside the model (documented, not defended here): rates at whole percentages narrowing small
denominators, inequalities between the columns of one row, and three or more groupings combined
at once.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import product
from typing import Any

from porras.lib import env
from porras.lib.errors import InputError

INF = math.inf

# (rows + withheld counts) x coarser groupings that complementary suppression may check in one table.
WORK_LIMIT_DEFAULT = 2_000_000


class DisclosureError(ValueError):
    """A policy or a requested minimum that the rule does not allow (names the field)."""


class GroupingTooFine(InputError):
    """A table too fine for complementary suppression to check within :data:`WORK_LIMIT_DEFAULT`
    (or ``PORRAS_DISCLOSURE_WORK_LIMIT``): refused, naming ``group_by``, instead of being published
    unchecked or tying up the server for minutes."""

    def __init__(self, work: int, limit: int) -> None:
        self.work, self.limit = work, limit
        super().__init__([{
            "field": "group_by",
            "reason": (
                f"too fine a grouping to check for disclosure ({work:,} > {limit:,} units of work); "
                "choose fewer group keys, a coarser period or one county"
            ),
        }])


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
        "Porras docs/product.md section 2E: every published cell with a denominator below 5 (configurable) "
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
        base = self.base
        if base == 1:
            return value
        return max(((2 * value + base) // (2 * base)) * base, -(-self.minimum // base) * base)

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
    """Exact counts of the table, which of them are withheld, and what the attacker knows of each."""

    def __init__(self, spec: TableSpec, rows: Sequence[Mapping[str, Any]], policy: Policy) -> None:
        self.spec = spec
        self.policy = policy
        self.keys = [tuple(row[k] for k in spec.keys) for row in rows]
        self.values = {c: [int(row[c] or 0) for row in rows] for c in spec.counts}
        m = policy.minimum
        self.withheld = {c: [v < m for v in self.values[c]] for c in spec.counts}
        # The attacker's bounds of every count (see belief), kept up to date by withhold.
        self.lo: dict[str, list[float]] = {}
        self.hi: dict[str, list[float]] = {}
        for c in spec.counts:
            self.lo[c], self.hi[c] = [0.0] * len(rows), [0.0] * len(rows)
            for i in range(len(rows)):
                self._refresh(c, i)

    def is_withheld(self, column: str, i: int) -> bool:
        return self.withheld[column][i] or self.withheld[self.spec.population][i]

    def _refresh(self, column: str, i: int) -> None:
        value = self.values[column][i]
        if self.is_withheld(column, i):
            low, high = (0, self.policy.minimum - 1) if value < self.policy.minimum else (0, INF)
        else:
            low, high = self.policy.interval(self.policy.round(value))
        self.lo[column][i], self.hi[column][i] = low, high

    def belief(self, column: str, i: int) -> tuple[float, float]:
        """What the attacker of the model knows of one count."""
        return self.lo[column][i], self.hi[column][i]

    def withhold(self, column: str, i: int) -> None:
        self.withheld[column][i] = True
        for c in self.spec.counts if column == self.spec.population else (column,):
            self._refresh(c, i)


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


Level = tuple[int, ...]


class _Lattice:
    """The coarsenings of a table, finest first, each grouping the rows into its margins (on demand)."""

    def __init__(self, cells: _Cells) -> None:
        self.cells = cells
        self.levels = _all_levels(cells.spec)
        self.by_rank: dict[int, list[Level]] = defaultdict(list)
        for levels in self.levels[1:]:
            self.by_rank[sum(levels)].append(levels)
        self.parents = {
            levels: [levels[:p] + (lv - 1,) + levels[p + 1 :] for p, lv in enumerate(levels) if lv > 0]
            for levels in self.levels
        }  # the coarsenings one step finer (the identity included)
        self._groups: dict[Level, dict[tuple[Any, ...], list[int]]] = {}
        self._keys: dict[Level, list[tuple[Any, ...]]] = {}

    def keys(self, levels: Level) -> list[tuple[Any, ...]]:
        """The margin of each row at ``levels``."""
        found = self._keys.get(levels)
        if found is None:
            spec = self.cells.spec
            found = [_coarse_key(spec, values, levels) for values in self.cells.keys]
            self._keys[levels] = found
        return found

    def groups(self, levels: Level) -> dict[tuple[Any, ...], list[int]]:
        found = self._groups.get(levels)
        if found is None:
            found = defaultdict(list)
            for i, key in enumerate(self.keys(levels)):
                found[key].append(i)
            self._groups[levels] = found
        return found


class _Margins:
    """The attacker's sums over each margin (computed once, updated as counts are withheld)."""

    def __init__(self, cells: _Cells, lattice: _Lattice) -> None:
        self.cells = cells
        self.lattice = lattice
        # (column, levels, key) -> [exact total, sum of lower bounds, sum of finite upper bounds, unbounded]
        self._sums: dict[tuple[str, Level, tuple[Any, ...]], list[float]] = {}
        self._levels: dict[str, list[Level]] = defaultdict(list)  # the coarsenings summed so far

    def sums(self, column: str, levels: Level, key: tuple[Any, ...]) -> list[float]:
        found = self._sums.get((column, levels, key))
        if found is None:
            self._add_level(column, levels)
            found = self._sums[column, levels, key]
        return found

    def _add_level(self, column: str, levels: Level) -> None:
        """The sums of every margin of one coarsening, in one pass over the rows."""
        values, lows, highs = self.cells.values[column], self.cells.lo[column], self.cells.hi[column]
        sums: dict[tuple[Any, ...], list[float]] = {}
        for key, value, lo, hi in zip(self.lattice.keys(levels), values, lows, highs, strict=True):
            found = sums.get(key)
            if found is None:
                found = sums[key] = [0.0, 0.0, 0.0, 0.0]
            found[0] += value
            found[1] += lo
            if hi == INF:
                found[3] += 1
            else:
                found[2] += hi
        for key, found in sums.items():
            self._sums[column, levels, key] = found
        self._levels[column].append(levels)

    def withhold(self, column: str, i: int) -> list[tuple[str, int]]:
        """Withhold one count; returns the counts newly withheld (a population count takes its row)."""
        counts = self.cells.spec.counts
        before = {c: (self.cells.is_withheld(c, i), self.cells.belief(c, i)) for c in counts}
        self.cells.withhold(column, i)
        changed = []
        for c in counts:
            was_withheld, (old_lo, old_hi) = before[c]
            if was_withheld or not self.cells.is_withheld(c, i):
                continue
            changed.append((c, i))
            new_lo, new_hi = self.cells.belief(c, i)
            for levels in self._levels[c]:
                found = self._sums[c, levels, self.lattice.keys(levels)[i]]
                found[1] += new_lo - old_lo
                if old_hi == INF:
                    found[3] -= 1
                else:
                    found[2] -= old_hi
                if new_hi == INF:
                    found[3] += 1
                else:
                    found[2] += new_hi
        return changed


def _smallest_published(cells: _Cells, column: str, rows: Iterable[int]) -> int | None:
    candidates = [i for i in rows if not cells.is_withheld(column, i)]
    if not candidates:
        return None
    return min(candidates, key=lambda i: (cells.values[column][i], i))


def _underivable(margins: _Margins, column: str, levels: Level, i: int, newly: list[tuple[str, int]]) -> bool:
    """Make count ``i`` underivable under its margin at ``levels`` (the margin known exactly),
    withholding the smallest published count beside it as often as needed; False when that is
    not possible here (a margin below the minimum, or nothing left to withhold)."""
    cells = margins.cells
    key = margins.lattice.keys(levels)[i]
    while True:
        total, sum_lo, finite_hi, infinite = margins.sums(column, levels, key)
        if total < cells.policy.minimum:
            # Withheld wherever it is shown, with every count under it: no report bounds it from
            # below, so nothing under it is pinned from here (a coarser margin decides).
            return False
        lo_i, hi_i = cells.belief(column, i)
        own_unbounded = hi_i == INF
        derived_lo = -INF if infinite - own_unbounded else total - (finite_hi - (0 if own_unbounded else hi_i))
        derived_hi = total - (sum_lo - lo_i)
        if max(derived_lo, lo_i) < min(derived_hi, hi_i):
            return True
        complement = _smallest_published(cells, column, margins.lattice.groups(levels)[key])
        if complement is None:
            # Every count under the margin is withheld: only an exact lower bound of the margin at
            # k x (minimum - 1) could pin them, and _tight_margins keeps every such bound loose.
            return False
        newly += margins.withhold(column, complement)


def _protect_count(margins: _Margins, column: str, i: int) -> list[tuple[str, int]]:
    """Complementary suppression for one withheld count, from its finest margins up: a count left
    underivable by a margin known exactly stays so under every coarser margin (each adds counts, each
    widening the interval), so a coarser margin is looked at only above margins that could not."""
    lattice = margins.lattice
    newly: list[tuple[str, int]] = []
    covered: set[Level] = set()
    for rank in sorted(lattice.by_rank):
        every = True
        for levels in lattice.by_rank[rank]:
            if any(parent in covered for parent in lattice.parents[levels]) or _underivable(
                margins, column, levels, i, newly
            ):
                covered.add(levels)
            else:
                every = False
        if every:
            break
    return newly


def _tight_margins(margins: _Margins, column: str) -> list[tuple[str, int]]:
    """Withhold a count wherever a margin's lower bound as published here equals k x (minimum - 1),
    k >= 2: with k counts under it withheld at minimum - 1 (in another grouping), that bound would
    give each of them exactly. One pass: withholding only makes bounds looser, never tighter."""
    cells, lattice = margins.cells, margins.lattice
    step = cells.policy.minimum - 1
    newly: list[tuple[str, int]] = []
    if step <= 0:
        return newly
    values = cells.values[column]
    tight = [cells.belief(column, i)[0] == values[i] for i in range(len(values))]
    if not any(tight):
        return newly
    without: set[Level] = set()  # coarsenings with no margin made of tight counts only
    for levels in lattice.levels:
        if any(parent in without for parent in lattice.parents[levels]):
            without.add(levels)
            continue
        found = False
        for rows in lattice.groups(levels).values():
            if not all(tight[i] for i in rows):
                continue
            found = True
            total = sum(values[i] for i in rows)
            if total < 2 * step or total % step:
                continue
            complement = _smallest_published(cells, column, rows)
            if complement is None:  # pragma: no cover - a tight withheld count is 0, so a total > 0 has one
                continue
            for c, j in margins.withhold(column, complement):
                newly.append((c, j))
                if c == column:
                    tight[j] = cells.belief(column, j)[0] == values[j]
        if not found:
            without.add(levels)
    return newly


def work_limit(environ: Mapping[str, str] | None = None) -> int:
    """``PORRAS_DISCLOSURE_WORK_LIMIT`` (a server setting; no caller can change it)."""
    return env.env_int(
        "PORRAS_DISCLOSURE_WORK_LIMIT", WORK_LIMIT_DEFAULT, minimum=10_000, maximum=10**9, environ=environ
    )


def _check_work(cells: _Cells, limit: int) -> None:
    """Refuse a table whose complementary suppression would cost more than ``limit``: each withheld
    count is checked against up to every coarser grouping, and each grouping keys every row."""
    spec = cells.spec
    groupings = 1
    for key in spec.keys:
        groupings *= len(spec.hierarchy.get(key, ())) + 2
    withheld = sum(sum(flags) for flags in cells.withheld.values())
    work = (len(cells.keys) + withheld) * groupings
    if work > limit:
        raise GroupingTooFine(work, limit)


def _complementary(cells: _Cells) -> None:
    lattice = _Lattice(cells)
    margins = _Margins(cells, lattice)
    # Withholding only lowers the attacker's lower bounds, so no tight margin appears later: the
    # lower-bound rule runs once, first, and its complements join the counts to protect.
    for column in cells.spec.counts:
        _tight_margins(margins, column)
    queue = deque(
        (c, i) for c in cells.spec.counts for i in range(len(cells.keys)) if cells.is_withheld(c, i)
    )
    while queue:
        column, i = queue.popleft()
        # Protected once, protected for good: later complements only widen what the attacker knows.
        queue.extend(_protect_count(margins, column, i))


def protect(
    spec: TableSpec, rows: Sequence[Mapping[str, Any]], policy: Policy, *, limit: int | None = None
) -> list[dict[str, Any]]:
    """The publishable rows of a table of exact aggregates (rows of withheld groups left out).

    Each input row holds the keys, the exact counts and the guarded figures; each output row the
    keys, the counts (rounded or exact, null when withheld), the rates, the guarded figures and
    ``suppressed`` (true when disclosure control withheld any figure of the row). Raises
    :class:`GroupingTooFine` when complementary suppression would cost more than ``limit``
    (default: :func:`work_limit`).
    """
    cells = _Cells(spec, rows, policy)
    if policy.rounds and spec.additive:
        _check_work(cells, work_limit() if limit is None else limit)
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


def configured(environ: Mapping[str, str] | None = None) -> tuple[int, int]:
    """``PORRAS_SUPPRESSION_MIN`` and ``PORRAS_ROUNDING_BASE`` from the environment (defaults 5 and
    5), validated; ``porras.settings`` takes its two settings from here."""
    minimum = env.env_int("PORRAS_SUPPRESSION_MIN", 5, minimum=1, maximum=1000, environ=environ)
    base = env.env_int("PORRAS_ROUNDING_BASE", 5, minimum=1, maximum=1000, environ=environ)
    if base == 2:
        raise env.ConfigError("PORRAS_ROUNDING_BASE: must be 1 (exact counts) or at least 3, got 2")
    return minimum, base
