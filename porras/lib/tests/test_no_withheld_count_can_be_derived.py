"""Property: over random data and every pair of groupings, subtraction across margins never gives
a withheld count exactly.

The attacker here is written independently of porras.lib.disclosure: it reads only what the
published tables show and the rule as a reader knows it (a count is rounded half up to the base and
is at least the minimum; a withheld count below the minimum lies in [0, minimum - 1], any other
withheld count is merely non-negative; groups not listed are withheld). For every pair of
groupings of the same data - nested (county and county x sex), crossed (county x sex and county x
quarter) - it takes every cell of their common coarser grouping, sums the intervals of one side
and subtracts the other side's other cells from it, and must never be left with a single value
for a count of a group that has people in it (that a group is empty may show: no report lists
empty groups, with or without disclosure control). Truth is counted here in plain Python from
the generated people.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import product

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from porras.lib.disclosure import Policy, Rate, TableSpec, protect

UNIT_COUNTY = {"u1": "north", "u2": "north", "u3": "south", "u4": "west"}
SEXES = ("female", "male")
QUARTERS = ("2024Q3", "2024Q4", "2025Q1", "2025Q2")
FULL = list(product(UNIT_COUNTY, SEXES, QUARTERS))  # the finest cells: unit x sex x quarter

GEOGRAPHY = (None, "county", "unit")  # coarse to fine
PERIOD = (None, "year", "quarter")
GROUPINGS = [(g, s, p) for g in GEOGRAPHY for s in (False, True) for p in PERIOD]


def _keys(grouping):
    geography, sex, period = grouping
    return tuple(k for k in (geography, "sex" if sex else None, period) if k)


def _project(fine, grouping):
    """A finest cell (unit, sex, quarter) as a cell of ``grouping``."""
    unit, sex, quarter = fine
    geography, by_sex, period = grouping
    out = []
    if geography:
        out.append(unit if geography == "unit" else UNIT_COUNTY[unit])
    if by_sex:
        out.append(sex)
    if period:
        out.append(quarter if period == "quarter" else quarter[:4])
    return tuple(out)


def _meet(a, b):
    return (
        GEOGRAPHY[min(GEOGRAPHY.index(a[0]), GEOGRAPHY.index(b[0]))],
        a[1] and b[1],
        PERIOD[min(PERIOD.index(a[2]), PERIOD.index(b[2]))],
    )


def _coarser(cell, grouping, meet):
    """A cell of ``grouping`` as a cell of the coarser ``meet``."""
    values = dict(zip(_keys(grouping), cell, strict=True))
    out = []
    if meet[0]:
        geo = values["unit"] if grouping[0] == "unit" else values["county"]
        out.append(geo if meet[0] == grouping[0] else UNIT_COUNTY[geo])
    if meet[1]:
        out.append(values["sex"])
    if meet[2]:
        period = values[grouping[2]]
        out.append(period if meet[2] == grouping[2] else period[:4])
    return tuple(out)


def _spec(grouping):
    keys = _keys(grouping)
    hierarchy = {"quarter": (lambda q: q[:4],)}
    if "unit" in keys:
        hierarchy["unit"] = (UNIT_COUNTY.__getitem__,)
    return TableSpec(
        keys=keys,
        population="people",
        counts=("people", "recovered"),
        rates=(Rate("recovery_rate", "recovered", "people"),),
        hierarchy=hierarchy,
    )


def _shown(count, policy):
    """The rule as a reader knows it: the nearest multiple of the base (halves up), but never less
    than the least multiple of the base that is at least the minimum."""
    base = policy.base
    least = next(m for m in range(0, policy.minimum + base, base) if m >= policy.minimum)
    return max(((2 * count + base) // (2 * base)) * base, least)


def _rounding_interval(published, policy):
    """Every publishable count (at least the minimum) that is shown as ``published``."""
    values = [v for v in range(policy.minimum, published + policy.base) if _shown(v, policy) == published]
    return min(values), max(values)


def _beliefs(grouping, truth, published, policy):
    """The attacker's interval of every count of every cell of the grouping's domain."""
    listed = {tuple(row[k] for k in _keys(grouping)): row for row in published}
    out = {}
    for cell in {_project(f, grouping) for f in FULL}:
        exact = truth.get(cell, {"people": 0, "recovered": 0})
        row = listed.get(cell)
        for column in ("people", "recovered"):
            shown = None if row is None else row[column]
            if shown is not None:
                out[cell, column] = (*_rounding_interval(shown, policy), True)
            elif exact[column] < policy.minimum:
                out[cell, column] = (0, policy.minimum - 1, False)
            else:
                out[cell, column] = (0, math.inf, False)
    return out


def _truth(people, grouping):
    table: dict[tuple, Counter] = {}
    for fine, count, recovered in people:
        cell = _project(fine, grouping)
        table.setdefault(cell, Counter())
        table[cell]["people"] += count
        table[cell]["recovered"] += recovered
    return {cell: dict(c) for cell, c in table.items() if c["people"] > 0}


def _attack(a, b, beliefs, truths):
    """(cell, column, exact count) of ``a`` whose withheld count a margin shared with ``b`` gives exactly."""
    meet = _meet(a, b)
    found = []
    for column in ("people", "recovered"):
        margins: dict[tuple, dict] = {}
        for g in (a, b):
            for (cell, col), belief in beliefs[g].items():
                if col == column:
                    margins.setdefault(_coarser(cell, g, meet), {}).setdefault(g, []).append((cell, belief))
        for margin in margins.values():
            ours, theirs = margin.get(a, []), margin.get(b, [])
            theirs_lo = sum(lo for _, (lo, _hi, _shown) in theirs)
            theirs_hi = sum(hi for _, (_lo, hi, _shown) in theirs)
            for cell, (lo, hi, shown) in ours:
                if shown or cell not in truths[a]:
                    continue  # published, or a group nobody is in (no report lists empty groups)
                others = [(o_lo, o_hi) for c, (o_lo, o_hi, _s) in ours if c != cell]
                low = max(lo, theirs_lo - sum(o_hi for _, o_hi in others))
                high = min(hi, theirs_hi - sum(o_lo for o_lo, _ in others))
                if low == high:
                    found.append((a, b, cell, column, truths[a][cell][column]))
    return found


@st.composite
def people(draw):
    counts = draw(st.lists(st.integers(0, 12), min_size=len(FULL), max_size=len(FULL)))
    recovered = draw(st.lists(st.integers(0, 12), min_size=len(FULL), max_size=len(FULL)))
    return [(f, n, min(r, n)) for f, n, r in zip(FULL, counts, recovered, strict=True)]


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(people(), st.sampled_from([Policy(5, 5), Policy(3, 5), Policy(5, 10), Policy(7, 3)]))
def test_no_pair_of_groupings_gives_a_withheld_count_exactly(people, policy):
    truths = {g: _truth(people, g) for g in GROUPINGS}
    beliefs = {}
    for g in GROUPINGS:
        keys = _keys(g)
        rows = [dict(zip(keys, cell, strict=True)) | counts for cell, counts in truths[g].items()]
        beliefs[g] = _beliefs(g, truths[g], protect(_spec(g), rows, policy), policy)
    found = []
    for a in GROUPINGS:
        for b in GROUPINGS:
            if a != b:
                found += _attack(a, b, beliefs, truths)
    assert found == []
