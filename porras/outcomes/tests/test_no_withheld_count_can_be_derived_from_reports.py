"""Property, through the report engine: over random episodes and every pair of groupings of the
access report as an analyst gets it (county or unit, sex, month, quarter or year), subtraction
across margins never gives a withheld count of a group that has people in it exactly.

The attacker reads the published groups only, knows the rule the report declares (counts rounded
half up to the base, never shown below the least multiple of the base at or above the minimum; a
withheld count below the minimum is 0..minimum-1, another withheld count merely non-negative), knows
which unit belongs to which county, and combines one shared margin at a time. Truth is counted here
from the generated episodes.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from itertools import product

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from porras.lib.disclosure import Policy
from porras.outcomes.domain.engine import parse_group_by, run_report
from porras.outcomes.tests.helpers import DataSet
from porras.outcomes.tests.sqlstore import load_sqlite

UNIT_COUNTY = {"u1": "helsinki", "u2": "helsinki", "u3": "lappi", "u4": "pirkanmaa"}
SEXES = ("female", "male")
MONTHS = ("2024-11", "2024-12", "2025-01", "2025-02")
GEOGRAPHY = (None, "county", "unit")
PERIOD = (None, "year", "quarter", "month")
GROUPINGS = [(g, s, p) for g in GEOGRAPHY for s in (False, True) for p in PERIOD]
COLUMNS = ("referrals", "ended", "completed")
POLICY = Policy(5, 5)


def _keys(grouping):
    geography, sex, period = grouping
    return tuple(k for k in (geography, "sex" if sex else None, period) if k)


def _period(month, level):
    if level == "month":
        return month
    if level == "quarter":
        return f"{month[:4]}Q{(int(month[5:7]) + 2) // 3}"
    return int(month[:4])


def _cell(fine, grouping):
    unit, sex, month = fine
    geography, by_sex, period = grouping
    out = []
    if geography:
        out.append(unit if geography == "unit" else UNIT_COUNTY[unit])
    if by_sex:
        out.append(sex)
    if period:
        out.append(_period(month, period))
    return tuple(out)


def _meet(a, b):
    return (
        GEOGRAPHY[min(GEOGRAPHY.index(a[0]), GEOGRAPHY.index(b[0]))],
        a[1] and b[1],
        PERIOD[min(PERIOD.index(a[2]), PERIOD.index(b[2]))],
    )


def _shown(count):
    base, least = POLICY.base, -(-POLICY.minimum // POLICY.base) * POLICY.base
    return max(((2 * count + base) // (2 * base)) * base, least)


def _interval(shown):
    values = [v for v in range(POLICY.minimum, shown + POLICY.base) if _shown(v) == shown]
    return min(values), max(values)


@st.composite
def episodes(draw):
    n = draw(st.integers(0, 90))
    out = []
    for _ in range(n):
        fine = (
            draw(st.sampled_from(sorted(UNIT_COUNTY))),
            draw(st.sampled_from(SEXES)),
            draw(st.sampled_from(MONTHS)),
        )
        ended = draw(st.booleans())
        out.append((fine, ended, ended and draw(st.booleans())))
    return out


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(episodes())
def test_no_pair_of_access_reports_gives_a_withheld_count_exactly(people):
    ds = DataSet()
    truth: dict[tuple, dict[tuple, Counter]] = {g: {} for g in GROUPINGS}
    for (unit, sex, month), ended, completed in people:
        ds.add(
            unit,
            county=UNIT_COUNTY[unit],
            sex=sex,
            referral=f"{month}-05",
            assessment=None,
            first_treatment=None,
            end=f"{month}-25" if ended else None,
            end_reason="completed" if completed else "dropped_out",
            treatments=(),
        )
        for g in GROUPINGS:
            counts = truth[g].setdefault(_cell((unit, sex, month), g), Counter())
            counts.update(referrals=1, ended=int(ended), completed=int(completed))
    con = sqlite3.connect(":memory:")
    load_sqlite(con, ds.tables())
    beliefs = {}
    for g in GROUPINGS:
        report = run_report(con, "sqlite", "access", parse_group_by(",".join(_keys(g))), policy=POLICY)
        assert report.policy == POLICY
        listed = {tuple(row[k] for k in _keys(g)): row for row in report.groups}
        known = {}
        for cell in {_cell(f, g) for f in product(UNIT_COUNTY, SEXES, MONTHS)}:
            exact = truth[g].get(cell, Counter())
            for column in COLUMNS:
                shown = listed[cell][column] if cell in listed else None
                if shown is not None:
                    known[cell, column] = (*_interval(shown), True)
                elif exact[column] < POLICY.minimum:
                    known[cell, column] = (0, POLICY.minimum - 1, False)
                else:
                    known[cell, column] = (0, math.inf, False)
        beliefs[g] = known
    con.close()

    found = []
    for a, b in product(GROUPINGS, GROUPINGS):
        if a == b:
            continue
        meet = _meet(a, b)
        for column in COLUMNS:
            margins: dict[tuple, dict] = {}
            for g in (a, b):
                for fine in product(UNIT_COUNTY, SEXES, MONTHS):
                    cell = _cell(fine, g)
                    margins.setdefault(_cell(fine, meet), {}).setdefault(g, {})[cell] = beliefs[g][cell, column]
            for sides in margins.values():
                ours, theirs = sides[a], sides[b]
                theirs_lo = sum(lo for lo, _, _ in theirs.values())
                theirs_hi = sum(hi for _, hi, _ in theirs.values())
                for cell, (lo, hi, shown) in ours.items():
                    if shown or truth[a].get(cell, Counter())["referrals"] == 0:
                        continue
                    others = [v for c, v in ours.items() if c != cell]
                    low = max(lo, theirs_lo - sum(o[1] for o in others))
                    high = min(hi, theirs_hi - sum(o[0] for o in others))
                    if low == high:
                        found.append((a, b, cell, column, truth[a][cell][column]))
    assert found == []
