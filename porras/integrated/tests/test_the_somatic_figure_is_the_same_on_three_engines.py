"""The somatic health figure (share of eligible clients with a check within 12 months): hand-checked
cells, and the same cells on SQLite, PostgreSQL and DuckDB (over Parquet files), exact and rounded.

PostgreSQL as in the consultation report's test (skipped without a server unless CI is "true")."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest

from porras.integrated.domain.somatic_report import (
    Relations,
    Rules,
    parse_group_by,
    reference_days,
    run_report,
)
from porras.integrated.tests.test_the_consultation_report_is_the_same_on_three_engines import postgres  # noqa: F401
from porras.lib.disclosure import Policy

EXACT_ALL = Policy(minimum=0, base=1)
RULES = Rules(interval_days=365, long_episode_days=365, risk_groups=("schizophrenia", "alcohol_use_disorder"))
D = dt.date.fromisoformat
TODAY = D("2026-06-15")

EPISODE_COLUMNS = ("episode_id", "county_code", "unit_id", "referral_date", "end_date")
CHECK_COLUMNS = ("check_id", "episode_id", "date", "item", "value", "flagged", "limits_version")
GROUP_COLUMNS = ("episode_id", "risk_group", "recorded_date")
Rows = list[tuple[Any, ...]]

# On 2026-06-15: 1 long (referred 2025-01-10) checked 2026-01-01; 2 long, last check 2025-06-14 (366 days
# before: not within); 3 young with schizophrenia recorded 2026-02-01, never checked; 4 young without a
# group (not eligible); 5 long but ended 2026-03-01 (not open); 6 young, group recorded after the day
# (not eligible); 7 (u2) long, checked that day; 8 young with a group that is not of the data.
HAND_EPISODES: Rows = [
    (1, "helsinki", "u1", D("2025-01-10"), None), (2, "helsinki", "u1", D("2025-01-10"), None),
    (3, "helsinki", "u1", D("2026-01-20"), None), (4, "helsinki", "u1", D("2026-01-20"), None),
    (5, "helsinki", "u1", D("2024-01-10"), D("2026-03-01")), (6, "helsinki", "u1", D("2026-05-01"), None),
    (7, "pirkanmaa", "u2", D("2025-02-01"), None), (8, "pirkanmaa", "u2", D("2026-05-01"), None),
]
HAND_CHECKS: Rows = [
    (1, 1, D("2026-01-01"), "weight", 80.0, False, "v"), (1, 1, D("2026-01-01"), "systolic", 150.0, True, "v"),
    (2, 2, D("2025-06-14"), "weight", 90.0, False, "v"), (3, 7, TODAY, "smoking", 1.0, True, "v"),
]
HAND_GROUPS: Rows = [(3, "schizophrenia", D("2026-02-01")), (6, "alcohol_use_disorder", D("2026-07-01")),
                     (8, "bipolar", D("2026-05-02"))]


def _text(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(v.isoformat() if isinstance(v, dt.date) else v for v in row)


def _create(dialect: str, prefix: str) -> list[str]:
    date = "DATE" if dialect == "postgresql" else "TEXT"
    return [f"CREATE TABLE {prefix}episodes (episode_id BIGINT, county_code TEXT, unit_id TEXT, referral_date {date},"
            f" end_date {date})",
            f"CREATE TABLE {prefix}somatic_checks (check_id BIGINT, episode_id BIGINT, date {date}, item TEXT,"
            f" value DOUBLE PRECISION, flagged BOOLEAN, limits_version TEXT)",
            f"CREATE TABLE {prefix}somatic_risk_groups (episode_id BIGINT, risk_group TEXT, recorded_date {date})"]


def _sqlite(episodes: Rows, checks: Rows, groups: Rows) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    for statement in _create("sqlite", ""):
        con.execute(statement)
    con.executemany("INSERT INTO episodes VALUES (?, ?, ?, ?, ?)", [_text(r) for r in episodes])
    con.executemany("INSERT INTO somatic_checks VALUES (?, ?, ?, ?, ?, ?, ?)", [_text(r) for r in checks])
    con.executemany("INSERT INTO somatic_risk_groups VALUES (?, ?, ?)", [_text(r) for r in groups])
    return con


def _parquet(folder: Path, episodes: Rows, checks: Rows, groups: Rows) -> Relations:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    for name, columns, rows in (("episodes", EPISODE_COLUMNS, episodes), ("somatic_checks", CHECK_COLUMNS, checks),
                                ("somatic_risk_groups", GROUP_COLUMNS, groups)):
        pq.write_table(pa.table({c: [r[i] for r in rows] for i, c in enumerate(columns)}), folder / f"{name}.parquet")
    return Relations(*(f"read_parquet('{folder / n}.parquet')" for n in ("episodes", "somatic_checks",
                                                                           "somatic_risk_groups")))


def _pg(postgres: Any, name: str, episodes: Rows, checks: Rows, groups: Rows) -> Relations:  # noqa: F811
    con, schema = postgres
    prefix = f"{schema}.{name}_"
    with con.cursor() as cur:
        for statement in _create("postgresql", prefix):
            cur.execute(statement)
        cur.executemany(f"INSERT INTO {prefix}episodes VALUES (%s, %s, %s, %s, %s)", episodes)
        cur.executemany(f"INSERT INTO {prefix}somatic_checks VALUES (%s, %s, %s, %s, %s, %s, %s)", checks)
        cur.executemany(f"INSERT INTO {prefix}somatic_risk_groups VALUES (%s, %s, %s)", groups)
    con.commit()
    return Relations(f"{prefix}episodes", f"{prefix}somatic_checks", f"{prefix}somatic_risk_groups")


def _synthetic(seed: int = 11, n: int = 1200) -> tuple[Rows, Rows, Rows]:
    rnd = random.Random(seed)
    units = [("helsinki", "h1"), ("helsinki", "h2"), ("pirkanmaa", "p1"), ("pohjanmaa", "o1")]
    episodes: Rows = []
    checks: Rows = []
    groups: Rows = []
    check_id = 0
    for i in range(1, n + 1):
        county, unit = rnd.choice(units)
        referral = D("2023-06-01") + dt.timedelta(days=rnd.randrange(1100))
        end = referral + dt.timedelta(days=rnd.randrange(30, 900)) if rnd.random() < 0.3 else None
        episodes.append((i, county, unit, referral, end))
        for _ in range(rnd.randrange(3)):
            check_id += 1
            day = referral + dt.timedelta(days=rnd.randrange(700))
            for item in ("weight", "smoking")[: rnd.randrange(1, 3)]:
                checks.append((check_id, i, day, item, 1.0, rnd.random() < 0.2, "v"))
        if rnd.random() < 0.2:
            groups.append((i, rnd.choice(RULES.risk_groups), referral + dt.timedelta(days=rnd.randrange(200))))
    return episodes, checks, groups


def test_the_hand_counted_cells_by_county() -> None:
    con = _sqlite(HAND_EPISODES, HAND_CHECKS, HAND_GROUPS)
    report = run_report(con, "sqlite", ("county",), relations=Relations("episodes"), rules=RULES,
                        days=[(0, TODAY)], policy=EXACT_ALL)
    assert report.groups == [
        {"county": "helsinki", "eligible": 3, "checked": 1, "check_rate": 1 / 3, "suppressed": False},
        {"county": "pirkanmaa", "eligible": 1, "checked": 1, "check_rate": 1.0, "suppressed": False},
    ]


def test_each_period_counts_on_its_last_day() -> None:
    days = reference_days("quarter", D("2026-01-01"), TODAY, TODAY)
    assert days == [(20261, D("2026-03-31")), (20262, TODAY)]
    con = _sqlite(HAND_EPISODES, HAND_CHECKS, HAND_GROUPS)
    report = run_report(con, "sqlite", ("unit", "quarter"), relations=Relations("episodes"), rules=RULES, days=days,
                        policy=EXACT_ALL)
    cells = {(g["unit"], g["quarter"]): (g["eligible"], g["checked"]) for g in report.groups}
    # 2026-03-31: 1, 2 long (2 checked 2025-06-14, within), 3 with its group; 5 ended 2026-03-01
    assert cells == {("u1", "2026Q1"): (3, 2), ("u1", "2026Q2"): (3, 1), ("u2", "2026Q1"): (1, 0),
                     ("u2", "2026Q2"): (1, 1)}


def test_two_periods_or_an_unknown_key_are_refused() -> None:
    from porras.outcomes.domain.engine import ReportError

    with pytest.raises(ReportError, match="one period"):
        parse_group_by("month,year")
    with pytest.raises(ReportError, match="step"):
        parse_group_by("county,step")


GROUPINGS = [(), ("county",), ("unit",), ("county", "quarter"), ("collaborative_area",),
             ("collaborative_area", "month"), ("unit", "month"), ("year",)]


@pytest.mark.parametrize("group_by", GROUPINGS, ids=lambda g: ",".join(g) or "total")
def test_sqlite_postgresql_and_duckdb_give_identical_figures(postgres: Any, tmp_path: Path, group_by: Any) -> None:  # noqa: F811
    import duckdb

    data = _synthetic()
    period = next((k for k in group_by if k in ("month", "quarter", "year")), None)
    days = reference_days(period, D("2024-07-01"), TODAY, TODAY)
    lite = _sqlite(*data)
    pg_relations = _pg(postgres, f"s{len(group_by)}_{uuid.uuid4().hex[:6]}", *data)
    duck_relations = _parquet(tmp_path / "parquet", *data)
    duck = duckdb.connect(":memory:")
    for policy in (Policy(), Policy(5, 1)):
        on_sqlite = run_report(lite, "sqlite", group_by, relations=Relations("episodes"), rules=RULES, days=days,
                               policy=policy).groups
        on_postgresql = run_report(postgres[0], "postgresql", group_by, relations=pg_relations, rules=RULES,
                                   days=days, policy=policy).groups
        on_duckdb = run_report(duck, "duckdb", group_by, relations=duck_relations, rules=RULES, days=days,
                               policy=policy).groups
        if not policy.rounds:
            assert on_sqlite and any(g["checked"] for g in on_sqlite), "the synthetic data give published groups"
        assert on_sqlite == on_postgresql == on_duckdb
