"""The consultation report: hand-checked figures, and the same cells on SQLite, PostgreSQL and DuckDB
(over Parquet files), exact and as rounded audiences get it.

PostgreSQL: postgresql://postgres@127.0.0.1:5432, database ``porras_outcomes_test`` (as the outcome
reports' test); without a server the PostgreSQL part is skipped, unless CI is "true": then it fails.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from porras.integrated.domain.report import Relations, parse_group_by, run_report
from porras.lib.disclosure import Policy

PG_SERVER = os.environ.get("PORRAS_OUTCOMES_PG", "postgresql://postgres@127.0.0.1:5432")
PG_DATABASE = "porras_outcomes_test"
EXACT_ALL = Policy(minimum=0, base=1)  # nothing withheld: the figures as they are (a test of the rules)
D = dt.date.fromisoformat

EPISODE_COLUMNS = ("episode_id", "county_code", "unit_id", "referral_date")
CONSULTATION_COLUMNS = ("consultation_id", "episode_id", "specialist_unit_id", "asked_date", "urgency",
                        "preferred_form", "answered_date", "outcome")
SOCIAL_CARE_COLUMNS = ("member_id", "episode_id", "category", "start_date", "end_date")

# Eight episodes of u1 (Helsinki; four in 2025Q1, four in 2025Q2), four of u2 (Pirkanmaa, 2025Q1).
HAND_EPISODES = ([(i, "helsinki", "u1", D("2025-01-15")) for i in range(1, 5)]
                 + [(i, "helsinki", "u1", D("2025-04-15")) for i in range(5, 9)]
                 + [(i, "pirkanmaa", "u2", D("2025-01-20")) for i in range(9, 13)])
HAND_CONSULTATIONS = [
    (1, 1, "psy", D("2025-01-20"), "urgent", "video", D("2025-01-22"), "transfer"),  # 2 days
    (2, 1, "psy", D("2025-02-01"), "non_urgent", "written_advice", D("2025-02-08"), "primary_care"),  # 7
    (3, 2, "psy", D("2025-01-25"), "non_urgent", "joint_visit", D("2025-01-26"), "primary_care"),  # 1
    (4, 5, "psy", D("2025-04-20"), "urgent", "transfer", None, None),  # waiting
    (5, 9, "sub", D("2025-01-21"), "non_urgent", "written_advice", D("2025-01-31"), "primary_care"),  # 10
    (6, 10, "sub", D("2025-01-22"), "urgent", "transfer", D("2025-01-26"), "transfer"),  # 4
]
# Social welfare in the team of episode 1 (twice: counted once) and of episode 9.
HAND_SOCIAL_CARE = [
    (1, 1, "social_work", D("2025-01-20"), None),
    (2, 1, "supported_housing", D("2025-02-01"), D("2025-03-01")),
    (3, 9, "social_rehabilitation", D("2025-01-25"), None),
]


Rows = list[tuple[Any, ...]]


def _synthetic(seed: int = 7, n: int = 1500) -> tuple[Rows, Rows, Rows]:
    rnd = random.Random(seed)
    units = [("helsinki", "h1"), ("helsinki", "h2"), ("pirkanmaa", "p1"), ("pohjanmaa", "o1")]
    episodes: Rows = []
    consultations: Rows = []
    social: Rows = []
    for i in range(1, n + 1):
        county, unit = rnd.choice(units)
        referral = D("2024-01-01") + dt.timedelta(days=rnd.randrange(0, 600))
        episodes.append((i, county, unit, referral))
        for _ in range(rnd.choice((0, 0, 0, 1, 1, 2))):
            asked = referral + dt.timedelta(days=rnd.randrange(0, 90))
            answered = asked + dt.timedelta(days=rnd.randrange(0, 30)) if rnd.random() < 0.8 else None
            outcome = rnd.choice(("transfer", "primary_care", "primary_care")) if answered else None
            consultations.append((len(consultations) + 1, i, rnd.choice(("psy", "sub")), asked,
                                  rnd.choice(("urgent", "non_urgent")), rnd.choice(("video", "joint_visit")),
                                  answered, outcome))
        for _ in range(rnd.choice((0, 0, 1, 2))):
            start = referral + dt.timedelta(days=rnd.randrange(0, 60))
            social.append((len(social) + 1, i, rnd.choice(("social_work", "supported_housing")), start, None))
    return episodes, consultations, social


def _create(dialect: str, prefix: str) -> list[str]:
    date = "DATE" if dialect == "postgresql" else "TEXT"
    return [f"CREATE TABLE {prefix}episodes (episode_id BIGINT, county_code TEXT, unit_id TEXT, referral_date {date})",
            f"CREATE TABLE {prefix}consultations (consultation_id BIGINT, episode_id BIGINT, specialist_unit_id TEXT,"
            f" asked_date {date}, urgency TEXT, preferred_form TEXT, answered_date {date}, outcome TEXT)",
            f"CREATE TABLE {prefix}social_care (member_id BIGINT, episode_id BIGINT, category TEXT,"
            f" start_date {date}, end_date {date})"]


def _sqlite(episodes: Rows, consultations: Rows, social: Rows) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    for statement in _create("sqlite", ""):
        con.execute(statement)

    def text(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(v.isoformat() if isinstance(v, dt.date) else v for v in row)

    con.executemany("INSERT INTO episodes VALUES (?, ?, ?, ?)", [text(r) for r in episodes])
    con.executemany("INSERT INTO consultations VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [text(r) for r in consultations])
    con.executemany("INSERT INTO social_care VALUES (?, ?, ?, ?, ?)", [text(r) for r in social])
    return con


def _parquet(folder: Path, episodes: Rows, consultations: Rows, social: Rows) -> Relations:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    for name, columns, rows in (("episodes", EPISODE_COLUMNS, episodes),
                                ("consultations", CONSULTATION_COLUMNS, consultations),
                                ("social_care", SOCIAL_CARE_COLUMNS, social)):
        table = pa.table({c: [r[i] for r in rows] for i, c in enumerate(columns)})
        pq.write_table(table, folder / f"{name}.parquet")
    return Relations(f"read_parquet('{folder / 'episodes.parquet'}')",
                     f"read_parquet('{folder / 'consultations.parquet'}')",
                     f"read_parquet('{folder / 'social_care.parquet'}')")


@pytest.fixture(scope="module")
def postgres() -> Iterator[Any]:
    import psycopg

    try:
        admin = psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {PG_SERVER} does not answer and CI=true: {exc}")
        pytest.skip(f"PostgreSQL at {PG_SERVER} does not answer: {exc}")
    with admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PG_DATABASE,)).fetchone():
            admin.execute(f"CREATE DATABASE {PG_DATABASE}")
    con = psycopg.connect(f"{PG_SERVER}/{PG_DATABASE}")
    schema = f"k_{uuid.uuid4().hex[:12]}"
    con.execute(f"CREATE SCHEMA {schema}")
    con.commit()
    try:
        yield con, schema
    finally:
        con.rollback()
        con.execute(f"DROP SCHEMA {schema} CASCADE")
        con.commit()
        con.close()


def _pg(postgres: Any, name: str, episodes: Rows, consultations: Rows, social: Rows) -> Relations:
    con, schema = postgres
    prefix = f"{schema}.{name}_"
    with con.cursor() as cur:
        for statement in _create("postgresql", prefix):
            cur.execute(statement)
        cur.executemany(f"INSERT INTO {prefix}episodes VALUES (%s, %s, %s, %s)", episodes)
        cur.executemany(f"INSERT INTO {prefix}consultations VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", consultations)
        cur.executemany(f"INSERT INTO {prefix}social_care VALUES (%s, %s, %s, %s, %s)", social)
    con.commit()
    return Relations(f"{prefix}episodes", f"{prefix}consultations", f"{prefix}social_care")


def test_the_figures_by_county_are_the_hand_counted_ones() -> None:
    report = run_report(_sqlite(HAND_EPISODES, HAND_CONSULTATIONS, HAND_SOCIAL_CARE), "sqlite", ("county",), policy=EXACT_ALL)
    assert report.groups == [
        {"county": "helsinki", "episodes": 8, "consultations": 4, "consultations_per_1000_episodes": 500.0,
         "episodes_with_consultation": 3, "answered": 3, "median_answer_days": 2.0, "transfers": 1,
         "transfer_rate": 1 / 3, "primary_care": 2, "primary_care_rate": 2 / 3, "episodes_with_social_care": 1,
         "social_care_rate": 1 / 8, "suppressed": False},
        {"county": "pirkanmaa", "episodes": 4, "consultations": 2, "consultations_per_1000_episodes": 500.0,
         "episodes_with_consultation": 2, "answered": 2, "median_answer_days": 7.0, "transfers": 1,
         "transfer_rate": 0.5, "primary_care": 1, "primary_care_rate": 0.5, "episodes_with_social_care": 1,
         "social_care_rate": 1 / 4, "suppressed": False},
    ]


def test_a_quarter_without_answers_has_no_median_and_no_shares() -> None:
    report = run_report(_sqlite(HAND_EPISODES, HAND_CONSULTATIONS, HAND_SOCIAL_CARE), "sqlite", ("unit", "quarter"), policy=EXACT_ALL)
    cells = {(g["unit"], g["quarter"]): (g["episodes"], g["consultations"], g["consultations_per_1000_episodes"],
                                         g["answered"], g["median_answer_days"], g["transfer_rate"],
                                         g["social_care_rate"])
             for g in report.groups}
    assert cells == {("u1", "2025Q1"): (4, 3, 750.0, 3, 2.0, 1 / 3, 0.25),
                     ("u1", "2025Q2"): (4, 1, 250.0, 0, None, None, 0.0),
                     ("u2", "2025Q1"): (4, 2, 500.0, 2, 7.0, 0.5, 0.25)}


def test_an_unknown_group_key_is_refused() -> None:
    from porras.outcomes.domain.engine import ReportError

    with pytest.raises(ReportError, match="intervention"):
        parse_group_by("county,intervention")


GROUPINGS = [(), ("county",), ("county", "quarter"), ("collaborative_area",), ("collaborative_area", "quarter"),
             ("unit",), ("unit", "month"), ("year",)]


@pytest.mark.parametrize("group_by", GROUPINGS, ids=lambda g: ",".join(g) or "total")
def test_sqlite_postgresql_and_duckdb_give_identical_reports(postgres: Any, tmp_path: Path, group_by: Any) -> None:
    import duckdb

    data = _synthetic()
    lite = _sqlite(*data)
    pg_relations = _pg(postgres, f"g{len(group_by)}_{uuid.uuid4().hex[:6]}", *data)
    duck_relations = _parquet(tmp_path / "parquet", *data)
    duck = duckdb.connect(":memory:")
    for policy in (Policy(), Policy(5, 1)):
        on_sqlite = run_report(lite, "sqlite", group_by, policy=policy).groups
        on_postgresql = run_report(postgres[0], "postgresql", group_by, relations=pg_relations, policy=policy).groups
        on_duckdb = run_report(duck, "duckdb", group_by, relations=duck_relations, policy=policy).groups
        assert on_sqlite, "the synthetic data give published groups"
        assert on_sqlite == on_postgresql == on_duckdb
