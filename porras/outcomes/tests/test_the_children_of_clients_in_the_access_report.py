"""The share of clients with children under 18 whose children's situation was addressed (discussed
with the parent, or the family referred to family services), in the access report: by county, unit
and period, on every engine, withheld and rounded by the one disclosure rule. Expected values are
counted by hand in the comments."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from porras.lib.disclosure import Policy
from porras.outcomes.domain.engine import report_from_folder
from porras.outcomes.tests.helpers import ACCESS_ENGINES, ALL, EXACT, DataSet, by_key

COLUMNS = ("with_minor_children", "children_addressed", "children_addressed_rate")


@pytest.fixture(scope="module")
def tables():
    ds = DataSet()
    # unit-a (Helsinki), referred January 2025: four clients with children -
    # discussed; referred to family services; both; neither -> 3 of 4 addressed
    ds.add("unit-a", referral="2025-01-10", minor_children="yes", children_discussed="2025-01-20")
    ds.add("unit-a", referral="2025-01-12", minor_children="yes", family_referral="2025-02-01")
    ds.add("unit-a", referral="2025-01-15", minor_children="yes", children_discussed="2025-01-20",
           family_referral="2025-03-01")
    ds.add("unit-a", referral="2025-01-20", minor_children="yes")
    # ... and clients who are not counted: no children, not known, a file that did not say
    ds.add("unit-a", referral="2025-01-21", minor_children="no")
    ds.add("unit-a", referral="2025-01-22", minor_children="unknown")
    ds.add("unit-a", referral="2025-01-23")
    # unit-a, referred April 2025 (the second quarter): two with children, one addressed
    ds.add("unit-a", referral="2025-04-02", minor_children="yes", children_discussed="2025-04-10")
    ds.add("unit-a", referral="2025-04-03", minor_children="yes")
    # unit-b (Pirkanmaa), January 2025: one with children, addressed
    ds.add("unit-b", county="pirkanmaa", referral="2025-01-05", minor_children="yes",
           family_referral="2025-01-30")
    return ds.tables()


@pytest.mark.parametrize("engine", ACCESS_ENGINES)
def test_the_share_is_counted_by_unit(engine, tables):
    groups = by_key(ACCESS_ENGINES[engine](tables, "access", ["unit"], policy=ALL), "unit")
    assert tuple(groups["unit-a"][c] for c in COLUMNS) == (6, 4, pytest.approx(4 / 6))
    assert tuple(groups["unit-b"][c] for c in COLUMNS) == (1, 1, 1.0)


@pytest.mark.parametrize("engine", ACCESS_ENGINES)
def test_the_share_is_counted_by_county_and_period(engine, tables):
    report = ACCESS_ENGINES[engine](tables, "access", ["county", "quarter"], policy=ALL)
    cells = {(g["county"], g["quarter"]): tuple(g[c] for c in COLUMNS) for g in report.groups}
    assert cells == {
        ("helsinki", "2025Q1"): (4, 3, 0.75),
        ("helsinki", "2025Q2"): (2, 1, 0.5),
        ("pirkanmaa", "2025Q1"): (1, 1, 1.0),
    }
    by_month = ACCESS_ENGINES[engine](tables, "access", ["month"], policy=ALL)
    assert {g["month"]: g["with_minor_children"] for g in by_month.groups} == {"2025-01": 5, "2025-04": 2}
    by_year = ACCESS_ENGINES[engine](tables, "access", ["year"], policy=ALL)
    assert tuple(by_year.groups[0][c] for c in COLUMNS) == (7, 5, pytest.approx(5 / 7))


@pytest.mark.parametrize("engine", ACCESS_ENGINES)
def test_small_counts_are_withheld_with_their_share(engine, tables):
    # minimum 5: unit-a has 9 referrals (listed) but 6 and 4 children's counts -> 4 withheld, and
    # with it the share; unit-b's single referral is not listed at all.
    groups = by_key(ACCESS_ENGINES[engine](tables, "access", ["unit"], policy=EXACT), "unit")
    assert set(groups) == {"unit-a"}
    assert groups["unit-a"]["children_addressed"] is None
    assert groups["unit-a"]["children_addressed_rate"] is None


@pytest.mark.parametrize("engine", ACCESS_ENGINES)
def test_an_audience_that_may_not_read_the_records_gets_rounded_counts(engine, tables):
    report = ACCESS_ENGINES[engine](tables, "access", [], policy=Policy(1, 5))
    group = report.groups[0]
    assert group["with_minor_children"] == 5  # 7 rounded to a multiple of 5
    assert group["children_addressed"] == 5  # 5
    assert group["children_addressed_rate"] == 0.71  # from the exact counts, 5 / 7, to two decimals


def test_a_data_set_older_than_the_children_s_columns_reports_none_with_children(tables, tmp_path):
    old = tables["episodes"].drop_columns(["minor_children", "children_discussed_date", "family_referral_date"])
    pq.write_table(old, tmp_path / "episodes.parquet")
    for name in ("appointments", "measurements"):
        pq.write_table(tables[name], tmp_path / f"{name}.parquet")
    report = report_from_folder(tmp_path, "access", (), policy=ALL)
    assert (report.groups[0]["referrals"], report.groups[0]["with_minor_children"],
            report.groups[0]["children_addressed_rate"]) == (10, 0, None)
    assert isinstance(old, pa.Table)
