"""The same data give identical reports on SQLite, PostgreSQL and DuckDB (over Parquet files).

PostgreSQL: postgresql://postgres@127.0.0.1:5432, database ``porras_outcomes_test`` (created when
missing), one schema per test run. Without a PostgreSQL server the test is skipped, unless the
environment variable CI is "true": then it fails.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from itertools import product
from pathlib import Path

import pytest

from porras.outcomes.domain.engine import (
    DEFAULT_POLICY,
    Relations,
    Report,
    parse_group_by,
    report_from_folder,
    run_report,
)
from porras.outcomes.synth import synth, synth_tables
from porras.outcomes.tests.helpers import ALL, DataSet
from porras.outcomes.tests.sqlstore import load_postgresql, load_sqlite

PG_SERVER = os.environ.get("PORRAS_OUTCOMES_PG", "postgresql://postgres@127.0.0.1:5432")
PG_DATABASE = "porras_outcomes_test"
GROUPINGS = [
    (),
    ("county",),
    ("county", "quarter"),
    ("unit", "intervention", "step"),
    ("age_group", "sex", "language", "year"),
    ("month",),
    ("collaborative_area", "quarter"),
    ("programme",),
    ("programme", "county"),
]


def _pg_connect():
    import psycopg

    try:
        admin = psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {PG_SERVER} does not answer and CI=true: {exc}")
        pytest.skip(f"PostgreSQL at {PG_SERVER} does not answer (set CI=true to make this a failure): {exc}")
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PG_DATABASE,)).fetchone()
        if not exists:
            admin.execute(f"CREATE DATABASE {PG_DATABASE}")
    return psycopg.connect(f"{PG_SERVER}/{PG_DATABASE}")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("synth")
    synth(3000, 11, folder)
    return {"folder": folder, "tables": synth_tables(3000, 11)}


@pytest.fixture(scope="module")
def hand_made() -> dict:
    ds = DataSet()
    ds.add("a", phq=[("2025-02-01", 15), ("2025-04-01", 5)], gad=[("2025-02-01", 12), ("2025-04-01", 4)])
    ds.add(
        "a",
        phq=[
            ("2025-02-01", 12, 902),
            ("2025-02-01", 20, 901),
            ("2025-04-01", 14, 905),
            ("2025-04-01", 3, 904),
        ],
        gad=[("2025-02-01", 10), ("2025-04-01", 9)],
    )
    ds.add(
        "b",
        birth_year=2003,
        assessment="2025-01-31",
        first_treatment="2025-04-30",
        phq=[("2025-02-01", 20), ("2025-04-01", 12)],
        gad=[("2025-02-01", 10), ("2025-04-01", 15)],
    )
    ds.add("b", end=None, phq=[("2025-02-01", 8)], gad=[("2025-02-01", 6)])
    # programmes: one completed, one ended early, one with two (counted by the earlier, whatever the
    # order of the rows), one still going
    both = [("2025-02-01", 15), ("2025-04-01", 5)]
    ds.add("a", step=1, intervention="internet_therapy", phq=both, gad=both,
           programmes=[("low-mood", "2025-02-01", "2025-04-20", 6, 6)])
    ds.add("a", step=1, intervention="internet_therapy", phq=both, gad=both,
           programmes=[("low-mood", "2025-02-01", "2025-04-20", 3, 6)])
    ds.add("b", step=1, intervention="internet_therapy", phq=both, gad=both,
           programmes=[("worry", "2025-03-01", "2025-04-20", 5, 5), ("panic", "2025-02-02", "2025-04-20", 2, 6)])
    ds.add("b", step=1, intervention="internet_therapy", phq=both, gad=both,
           programmes=[("sleep", "2025-02-01", None, 2, 5)])
    return {"tables": ds.tables()}


@pytest.fixture(scope="module")
def postgres() -> Iterator:
    con = _pg_connect()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    con.execute(f"CREATE SCHEMA {schema}")
    con.commit()
    try:
        yield con, schema
    finally:
        con.rollback()
        con.execute(f"DROP SCHEMA {schema} CASCADE")
        con.commit()
        con.close()


def _sqlite(tables) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    load_sqlite(con, tables)
    return con


def _pg_relations(con, schema: str, tables, name: str) -> Relations:
    load_postgresql(con, tables, prefix=f"{schema}.{name}_")
    return Relations(
        f"{schema}.{name}_episodes", f"{schema}.{name}_appointments", f"{schema}.{name}_measurements",
        f"{schema}.{name}_programme_assignments",
    )


def _duckdb_folder(tables, folder: Path) -> Path:
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        pq.write_table(table, folder / f"{name}.parquet")
    return folder


@pytest.mark.parametrize("kind", ["outcomes", "access"])
@pytest.mark.parametrize("dataset", ["synthetic", "hand_made"])
def test_sqlite_postgresql_and_duckdb_give_identical_reports(request, postgres, tmp_path, kind, dataset):
    data = request.getfixturevalue(dataset)
    tables = data["tables"]
    folder = data.get("folder") or _duckdb_folder(tables, tmp_path / "parquet")
    pg, schema = postgres
    relations = _pg_relations(pg, schema, tables, f"{dataset}_{kind}")
    lite = _sqlite(tables)
    try:
        # Every group with its exact counts, then as rounded audiences get it (complementary
        # suppression included): cell for cell the same on every engine.
        for grouping, policy in product(GROUPINGS, (ALL, DEFAULT_POLICY)):
            group_by = parse_group_by(grouping)
            reports: dict[str, Report] = {
                "sqlite": run_report(lite, "sqlite", kind, group_by, policy=policy,
                                     relations=Relations(programme_assignments="programme_assignments")),
                "postgresql": run_report(pg, "postgresql", kind, group_by, relations=relations, policy=policy),
                "duckdb": report_from_folder(folder, kind, group_by, policy=policy),
            }
            if policy is ALL:
                assert reports["sqlite"].groups, f"{group_by}: no groups at all"
            assert reports["sqlite"].as_dict() == reports["postgresql"].as_dict(), f"{kind} {group_by}"
            assert reports["sqlite"].as_dict() == reports["duckdb"].as_dict(), f"{kind} {group_by}"
            if "programme" in grouping and policy is ALL:
                programmes = {g["programme"] for g in reports["sqlite"].groups}
                assert None in programmes and len(programmes) > 1, f"{kind} {group_by}: {programmes}"
    finally:
        lite.close()
