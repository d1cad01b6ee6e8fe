"""Small counts withheld, period labels and age groups, on hand-made episodes (exact reports)."""

from __future__ import annotations

import pytest

from porras.lib.disclosure import Policy
from porras.outcomes.domain.engine import ReportError, parse_group_by
from porras.outcomes.tests.helpers import ALL, OUTCOME_ENGINES, DataSet, by_key

RECOVERING = {"phq": [("2025-02-01", 15), ("2025-04-01", 5)], "gad": [("2025-02-01", 12), ("2025-04-01", 4)]}
STEADY = {"phq": [("2025-02-01", 15), ("2025-04-01", 14)], "gad": [("2025-02-01", 12), ("2025-04-01", 11)]}


@pytest.fixture(scope="module")
def tables():
    ds = DataSet()
    for _ in range(4):
        ds.add("four", **RECOVERING)  # type: ignore[arg-type]
    for i in range(5):
        ds.add("five", **(RECOVERING if i < 2 else STEADY))  # type: ignore[arg-type]
    return ds.tables()


@pytest.mark.parametrize("engine", OUTCOME_ENGINES)
def test_a_group_with_fewer_than_five_finished_is_not_listed(tables, engine):
    report = OUTCOME_ENGINES[engine](tables, "outcomes", ["unit"])
    assert "four" not in by_key(report, "unit")


@pytest.mark.parametrize("engine", OUTCOME_ENGINES)
def test_a_group_of_exactly_five_is_listed_with_its_small_counts_withheld(tables, engine):
    group = by_key(OUTCOME_ENGINES[engine](tables, "outcomes", ["unit"]), "unit")["five"]
    assert group["finished"] == 5
    # 2 recovered, 2 reliably improved, 0 not at caseness: all below five, withheld with their rates
    assert group["recovered"] is None and group["recovery_rate"] is None
    assert group["not_at_caseness"] is None
    assert group["suppressed"] is True


@pytest.mark.parametrize("engine", OUTCOME_ENGINES)
def test_the_suppression_minimum_is_configurable(tables, engine):
    report = OUTCOME_ENGINES[engine](tables, "outcomes", ["unit"], policy=Policy(6, 1))
    assert "five" not in by_key(report, "unit")
    report = OUTCOME_ENGINES[engine](tables, "outcomes", ["unit"], policy=Policy(4, 1))
    assert by_key(report, "unit")["four"]["finished"] == 4


@pytest.fixture(scope="module")
def period_tables():
    ds = DataSet()
    # ends 2025-07-31 -> month 2025-07, quarter 2025Q3, year 2025; born 2003, referred 2025 -> 22
    ds.add("a", birth_year=2003, referral="2025-01-10", end="2025-07-31", **RECOVERING)  # type: ignore[arg-type]
    # ends 2025-10-01 -> 2025-10, 2025Q4; born 2002 -> 23 at referral
    ds.add("b", birth_year=2002, referral="2025-01-10", end="2025-10-01", **RECOVERING)  # type: ignore[arg-type]
    # ends 2026-03-31 -> 2026Q1; born 1960, referred 2025 -> 65
    ds.add("c", birth_year=1960, referral="2025-01-10", end="2026-03-31", **RECOVERING)  # type: ignore[arg-type]
    # born 2012, referred 2025 -> 13
    ds.add("d", birth_year=2012, referral="2025-01-10", end="2025-12-31", **RECOVERING)  # type: ignore[arg-type]
    return ds.tables()


@pytest.mark.parametrize("engine", OUTCOME_ENGINES)
def test_it_labels_periods_by_end_date(period_tables, engine):
    report = OUTCOME_ENGINES[engine](
        period_tables, "outcomes", ["unit", "month", "quarter", "year"], policy=ALL
    )
    labels = {g["unit"]: (g["month"], g["quarter"], g["year"]) for g in report.groups}
    assert labels == {
        "a": ("2025-07", "2025Q3", 2025),
        "b": ("2025-10", "2025Q4", 2025),
        "c": ("2026-03", "2026Q1", 2026),
        "d": ("2025-12", "2025Q4", 2025),
    }


@pytest.mark.parametrize("engine", OUTCOME_ENGINES)
def test_it_puts_age_at_referral_into_age_groups(period_tables, engine):
    report = OUTCOME_ENGINES[engine](
        period_tables, "outcomes", ["unit", "age_group"], policy=ALL
    )
    assert {g["unit"]: g["age_group"] for g in report.groups} == {
        "a": "18-22",
        "b": "23-29",
        "c": "65+",
        "d": "13-17",
    }


def test_it_names_the_bad_group_key():
    with pytest.raises(ReportError, match="group_by: unknown group key 'kunta'"):
        parse_group_by("county,kunta")


def test_it_accepts_group_keys_as_text():
    assert parse_group_by(" county, quarter ") == ("county", "quarter")
