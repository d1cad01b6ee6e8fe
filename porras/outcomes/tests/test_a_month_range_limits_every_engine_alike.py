"""A report limited to a range of months counts the same episodes on SQLite, PostgreSQL and DuckDB:
outcomes by the month treatment ended, access by the month of referral (both ends included)."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from porras.outcomes.domain.engine import ReportError, parse_months, report_from_folder, run_report
from porras.outcomes.tests.helpers import ALL, DataSet
from porras.outcomes.tests.sqlstore import load_sqlite
from porras.outcomes.tests.test_three_engines_agree import _pg_connect, _pg_relations

PAIRED = {"phq": [("2025-01-20", 15), ("2025-03-01", 5)], "gad": [("2025-01-20", 12), ("2025-03-01", 4)]}


def _data() -> dict:
    ds = DataSet()
    # referral month / end month of each episode (every one finished and paired)
    ds.add("a", referral="2024-12-31", assessment="2025-01-10", first_treatment="2025-01-15", end="2025-01-31", **PAIRED)
    ds.add("a", referral="2025-01-01", end="2025-02-01", **PAIRED)
    ds.add("a", referral="2025-01-10", end="2025-02-28", **PAIRED)
    ds.add("a", referral="2025-02-28", assessment="2025-03-01", first_treatment="2025-03-02", end="2025-03-31", **PAIRED)
    ds.add("a", referral="2025-03-01", assessment="2025-03-02", first_treatment="2025-03-03", end="2025-12-31", **PAIRED)
    return {"tables": ds.tables()}


# (first month, last month) -> (finished by end month, referrals by referral month), counted by hand
# from the dates above
CASES = {
    ("2025-02", "2025-02"): (2, 1),
    ("2025-01", "2025-02"): (3, 3),
    (None, "2025-01"): (1, 3),
    ("2025-03", None): (2, 1),
    ("2025-12", "2025-12"): (1, 0),
    (None, None): (5, 5),
}


def _count(report, column: str) -> int:
    return report.groups[0][column] if report.groups else 0


def test_a_month_range_counts_the_same_episodes_on_every_engine(tmp_path: Path) -> None:
    tables = _data()["tables"]
    lite = sqlite3.connect(":memory:")
    load_sqlite(lite, tables)
    folder = tmp_path / "parquet"
    folder.mkdir()
    for name, table in tables.items():
        pq.write_table(table, folder / f"{name}.parquet")
    pg = _pg_connect()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    pg.execute(f"CREATE SCHEMA {schema}")
    try:
        relations = _pg_relations(pg, schema, tables, "months")
        for months, (finished, referrals) in CASES.items():
            for kind, column, expected in (("outcomes", "finished", finished), ("access", "referrals", referrals)):
                reports = {
                    "sqlite": run_report(lite, "sqlite", kind, policy=ALL, months=months),
                    "postgresql": run_report(pg, "postgresql", kind, relations=relations, policy=ALL, months=months),
                    "duckdb": report_from_folder(folder, kind, policy=ALL, months=months),
                }
                for engine, report in reports.items():
                    assert _count(report, column) == expected, f"{engine} {kind} {months}"
    finally:
        lite.close()
        pg.rollback()
        pg.execute(f"DROP SCHEMA {schema} CASCADE")
        pg.commit()
        pg.close()


@pytest.mark.parametrize(
    ("first", "last", "field"),
    [("2025-13", None, "date_from"), ("25-01", None, "date_from"), (None, "2025-1", "date_to"),
     ("2025-03", "2025-02", "date_to"), ("2025-03'; --", None, "date_from")],
)
def test_a_month_that_is_not_one_is_refused_naming_its_field(first, last, field) -> None:
    with pytest.raises(ReportError, match=f"^{field}: "):
        parse_months(first, last)
