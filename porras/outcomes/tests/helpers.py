"""Builders of hand-made interchange data and runners over every engine (test helpers)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from porras.care.domain.interchange import TABLE_NAMES, arrow_schema
from porras.lib.disclosure import Policy
from porras.outcomes.domain.definitions import DEFAULT_DEFINITIONS, Definitions
from porras.outcomes.domain.engine import Relations, Report, parse_group_by, run_report
from porras.outcomes.tests.pandas_reference import pandas_outcomes
from porras.outcomes.tests.sqlstore import load_sqlite


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@dataclass
class DataSet:
    """Rows of the three tables, built episode by episode."""

    episodes: list[dict[str, Any]] = field(default_factory=list)
    appointments: list[dict[str, Any]] = field(default_factory=list)
    measurements: list[dict[str, Any]] = field(default_factory=list)
    programme_assignments: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self,
        unit: str,
        *,
        county: str = "helsinki",
        birth_year: int = 1990,
        sex: str = "female",
        language: str = "fi",
        referral: str = "2025-01-10",
        assessment: str | None = "2025-01-20",
        first_treatment: str | None = "2025-02-01",
        end: str | None = "2025-05-01",
        end_reason: str | None = "completed",
        step: int | None = 2,
        intervention: str | None = "IDY03",
        treatments: Sequence[str] = ("attended", "attended"),
        phq: Sequence[tuple[str, int] | tuple[str, int, int]] = (),
        gad: Sequence[tuple[str, int] | tuple[str, int, int]] = (),
        other: Sequence[tuple[str, str, int, int]] = (),
        programmes: Sequence[tuple[str, str, str | None, int, int]] = (),
        minor_children: str | None = None,
        children_discussed: str | None = None,
        family_referral: str | None = None,
    ) -> int:
        """Add an episode; ``phq``/``gad`` are (date, total) or (date, total, measurement_id);
        ``other`` are measurements of other
        instruments (instrument, date, total, measurement_id); ``programmes`` are assignments (programme, start, end, modules completed, modules total)."""
        episode_id = len(self.episodes) + 1
        if end is None:
            end_reason = None
        self.episodes.append(
            {
                "episode_id": episode_id,
                "client_id": f"client-{episode_id}",
                "county_code": county,
                "unit_id": unit,
                "birth_year": birth_year,
                "sex": sex,
                "language": language,
                "referral_date": d(referral),
                "assessment_date": d(assessment) if assessment else None,
                "first_treatment_date": d(first_treatment) if first_treatment else None,
                "end_date": d(end) if end else None,
                "end_reason": end_reason,
                "step": step,
                "intervention": intervention,
                "problem": "depression",
                "minor_children": minor_children,
                "children_discussed_date": d(children_discussed) if children_discussed else None,
                "family_referral_date": d(family_referral) if family_referral else None,
            }
        )
        if assessment:
            self._appointment(episode_id, assessment, "assessment", "attended")
        start = d(first_treatment) if first_treatment else d(referral)
        for i, status in enumerate(treatments):
            self._appointment(episode_id, (start + dt.timedelta(days=7 * i)).isoformat(), "treatment", status)
        for instrument, scores in (("phq9", phq), ("gad7", gad)):
            for score in scores:
                mid = score[2] if len(score) == 3 else 10_000 + len(self.measurements)  # type: ignore[misc]
                self.measurements.append(
                    {
                        "measurement_id": mid,
                        "episode_id": episode_id,
                        "date": d(score[0]),
                        "instrument": instrument,
                        "total": score[1],
                        "items": None,
                    }
                )
        for instrument, date, total, mid in other:
            self.measurements.append({"measurement_id": mid, "episode_id": episode_id, "date": d(date),
                                      "instrument": instrument, "total": total, "items": None})
        for programme, started, ended, done, total in programmes:
            self.programme_assignments.append(
                {
                    "assignment_id": len(self.programme_assignments) + 1,
                    "episode_id": episode_id,
                    "programme": programme,
                    "start_date": d(started),
                    "end_date": d(ended) if ended else None,
                    "modules_completed": done,
                    "modules_total": total,
                }
            )
        return episode_id

    def _appointment(self, episode_id: int, date: str, kind: str, status: str) -> None:
        self.appointments.append(
            {
                "appointment_id": len(self.appointments) + 1,
                "episode_id": episode_id,
                "date": d(date),
                "kind": kind,
                "status": status,
            }
        )

    def tables(self) -> dict[str, pa.Table]:
        rows = {
            "episodes": self.episodes,
            "appointments": self.appointments,
            "measurements": self.measurements,
            "programme_assignments": self.programme_assignments,
        }
        return {name: pa.Table.from_pylist(rows[name], schema=arrow_schema(name))
                for name in (*TABLE_NAMES, "programme_assignments")}


def relations_of(tables: dict[str, pa.Table]) -> Relations:
    """The engine's relations over tables loaded under their own names (the optional table when given)."""
    return Relations(programme_assignments="programme_assignments" if "programme_assignments" in tables else None)


# Exact counts, small ones withheld: what an operator's ``porras report`` shows. Tests of the
# rules themselves pass ALL (minimum 0: nothing withheld).
EXACT = Policy(5, 1)
ALL = Policy(0, 1)


def sqlite_report(
    tables: dict[str, pa.Table],
    kind: str,
    group_by: Sequence[str],
    definitions: Definitions = DEFAULT_DEFINITIONS,
    policy: Policy = EXACT,
) -> Report:
    con = sqlite3.connect(":memory:")
    try:
        load_sqlite(con, tables)
        return run_report(
            con, "sqlite", kind, parse_group_by(group_by), definitions=definitions, policy=policy,  # type: ignore[arg-type]
            relations=relations_of(tables),
        )
    finally:
        con.close()


def duckdb_report(
    tables: dict[str, pa.Table],
    kind: str,
    group_by: Sequence[str],
    definitions: Definitions = DEFAULT_DEFINITIONS,
    policy: Policy = EXACT,
) -> Report:
    con = duckdb.connect(":memory:")
    try:
        for name, table in tables.items():
            con.register(name, table)
        return run_report(
            con, "duckdb", kind, parse_group_by(group_by), definitions=definitions, policy=policy,  # type: ignore[arg-type]
            relations=relations_of(tables),
        )
    finally:
        con.close()


def pandas_report(
    tables: dict[str, pa.Table],
    kind: str,
    group_by: Sequence[str],
    definitions: Definitions = DEFAULT_DEFINITIONS,
    policy: Policy = EXACT,
) -> Report:
    assert not policy.rounds, "the pandas reference makes exact reports only"
    assert kind == "outcomes"
    frames = {}
    for name, table in tables.items():
        df = table.to_pandas()
        for column in df.columns:
            if column.endswith("_date") or column == "date":
                df[column] = df[column].astype("datetime64[ms]")
        frames[name] = df
    return pandas_outcomes(
        frames["episodes"],
        frames["appointments"],
        frames["measurements"],
        parse_group_by(group_by),
        definitions,
        policy.minimum,
        programme_assignments=frames.get("programme_assignments"),
    )


OUTCOME_ENGINES = {"sqlite": sqlite_report, "duckdb": duckdb_report, "pandas": pandas_report}
ACCESS_ENGINES = {"sqlite": sqlite_report, "duckdb": duckdb_report}


def by_key(report: Report, key: str) -> dict[Any, dict[str, Any]]:
    return {g[key]: g for g in report.groups}
