"""The consultation report as a user may see it: their scope only, under their disclosure policy,
from this database (the care episodes and the consultations) or from a data-set folder (DuckDB over
``episodes`` and ``consultations`` Parquet or CSV files)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.utils import timezone

from porras.integrated.domain import somatic
from porras.integrated.domain import somatic_report as sr
from porras.integrated.domain.interchange import (
    CONSULTATION_COLUMNS,
    RISK_GROUP_COLUMNS,
    SOCIAL_CARE_COLUMNS,
    SOMATIC_CHECK_COLUMNS,
    SQL_TYPES,
)
from porras.integrated.domain.report import ConsultationReport, Relations, run_report
from porras.lib.disclosure import Policy
from porras.outcomes import services as outcome_reports
from porras.outcomes.domain.engine import Dialect, ReportError, folder_relations, parse_months, restrict
from porras.outcomes.domain.engine import Relations as CareRelations
from porras.outcomes.sources import database_relations

# The consultations of this database in the interchange columns (answered ones carry their outcome).
# A question withdrawn by the asking unit before its answer is left out (of every figure and the export).
CONSULTATIONS_SQL = """SELECT c.id AS consultation_id, c.episode_id AS episode_id, u.code AS specialist_unit_id,
  c.asked_on AS asked_date, c.urgency AS urgency, c.preferred_form AS preferred_form,
  c.answered_on AS answered_date, NULLIF(c.outcome, '') AS outcome
FROM integrated_consultation c
JOIN accounts_unit u ON u.id = c.specialist_unit_id
WHERE c.withdrawn_at IS NULL"""


SOCIAL_CARE_SQL = """SELECT m.id AS member_id, m.episode_id AS episode_id, m.category AS category,
  m.start_date AS start_date, m.end_date AS end_date
FROM integrated_socialcaremember m"""


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def folder_table(folder: Path, table: str, spec: tuple[tuple[str, str], ...]) -> str:
    """DuckDB reader of an optional table of a data-set folder (``table.parquet``, a folder ``table/`` of
    Parquet files, or ``table.csv``); a folder without it reads as the empty table."""
    single = folder / f"{table}.parquet"
    if single.is_file():
        return f"read_parquet({_quote(str(single))})"
    sub = folder / table
    if sub.is_dir() and any(sub.rglob("*.parquet")):
        return f"read_parquet({_quote(str(sub / '**' / '*.parquet'))}, hive_partitioning = true, union_by_name = true)"
    csv_file = folder / f"{table}.csv"
    if csv_file.is_file():
        columns = ", ".join(f"{_quote(name)}: {_quote(SQL_TYPES[kind])}" for name, kind in spec)
        return f"read_csv({_quote(str(csv_file))}, header = true, columns = {{{columns}}}, dateformat = '%Y-%m-%d')"
    empty = ", ".join(f"CAST(NULL AS {SQL_TYPES[kind]}) AS {name}" for name, kind in spec)
    return f"(SELECT {empty} WHERE 1 = 0)"


def _restricted(episodes: str, restrictions: Sequence[tuple[Any, Any]]) -> str:
    relations = CareRelations(episodes, "-", "-")
    for counties, units in restrictions:
        relations = restrict(relations, counties, units)
    return relations.episodes


def run(source: str, group_by: Sequence[str], *, policy: Policy,
        restrictions: Sequence[tuple[Any, Any]] = ()) -> ConsultationReport:
    if source != "db":
        folder = Path(source)
        if not folder.is_dir():
            raise ReportError(f"source: {source!r} is neither 'db' nor a folder")
        import duckdb

        relations = Relations(_restricted(folder_relations(folder).episodes, restrictions),
                              folder_table(folder, "consultations", CONSULTATION_COLUMNS),
                              folder_table(folder, "social_care", SOCIAL_CARE_COLUMNS))
        con = duckdb.connect(":memory:")
        try:
            return run_report(con, "duckdb", group_by, relations=relations, policy=policy)
        finally:
            con.close()
    from django.db import connection

    dialect: Dialect = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    relations = Relations(_restricted(database_relations().episodes, restrictions), f"({CONSULTATIONS_SQL})",
                          f"({SOCIAL_CARE_SQL})")
    return run_report(connection, dialect, group_by, relations=relations, policy=policy)


def run_for_user(user: Any, group_by: Sequence[str], *, county: str | None = None, unit: str | None = None,
                 source: str | None = None) -> ConsultationReport:
    """The report as ``user`` may see it (AGGREGATE_READ; 403 without it)."""
    restrictions: list[tuple[Any, Any]] = [outcome_reports.user_scope(user)]
    if county:
        restrictions.append(([county], None))
    if unit:
        restrictions.append((None, [unit]))
    return run(source or outcome_reports.configured_source(), group_by,
               policy=outcome_reports.policy_for(user), restrictions=restrictions)


# --- the somatic health check ------------------------------------------------------------------

SOMATIC_CHECKS_SQL = """SELECT k.id AS check_id, k.episode_id AS episode_id, k.date AS date
FROM integrated_somaticcheck k"""
RISK_GROUPS_SQL = """SELECT g.episode_id AS episode_id, g.risk_group AS risk_group, g.recorded_on AS recorded_date
FROM integrated_somaticriskgroup g"""
SOMATIC_KEYS = sr.GROUP_KEYS
SOMATIC_COLUMNS = sr.COLUMNS


def somatic_rules() -> sr.Rules:
    spec = somatic.load_check()
    return sr.Rules(spec.interval_days, spec.long_episode_days, tuple(g.code for g in spec.risk_groups))


def database_somatic_relations(restrictions: Sequence[tuple[Any, Any]] = ()) -> sr.Relations:
    return sr.Relations(_restricted(database_relations().episodes, restrictions), f"({SOMATIC_CHECKS_SQL})",
                                    f"({RISK_GROUPS_SQL})")


def _dialect() -> Dialect:
    from django.db import connection

    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def run_somatic(source: str, group_by: Sequence[str], *, policy: Policy, days: Sequence[tuple[int, dt.date]],
                restrictions: Sequence[tuple[Any, Any]] = ()) -> sr.SomaticReport:
    """The somatic figure from this database (``"db"``) or a data-set folder (DuckDB)."""
    rules = somatic_rules()
    if source != "db":
        folder = Path(source)
        if not folder.is_dir():
            raise ReportError(f"source: {source!r} is neither 'db' nor a folder")
        import duckdb

        relations = sr.Relations(
            _restricted(folder_relations(folder).episodes, restrictions),
            folder_table(folder, "somatic_checks", SOMATIC_CHECK_COLUMNS),
            folder_table(folder, "somatic_risk_groups", RISK_GROUP_COLUMNS))
        con = duckdb.connect(":memory:")
        try:
            return sr.run_report(con, "duckdb", group_by, relations=relations, rules=rules, days=days,
                                             policy=policy)
        finally:
            con.close()
    from django.db import connection

    return sr.run_report(connection, _dialect(), group_by, relations=database_somatic_relations(restrictions),
                                     rules=rules, days=days, policy=policy)


def somatic_days(group_by: Sequence[str], date_from: str | None = None, date_to: str | None = None,
                 today: dt.date | None = None) -> list[tuple[int, dt.date]]:
    """The reference days: one per period of ``date_from``..``date_to`` (months, ``YYYY-MM``; by default
    the twelve months up to today), or today (or the end of ``date_to``) without a period key."""
    first, last = parse_months(date_from, date_to)
    day = today or timezone.localdate()
    end = day if last is None else min(day, sr._month_end(int(last[:4]), int(last[5:])))
    if first is None:
        start = dt.date(end.year - 1, end.month, 1) if end.month == 12 else dt.date(end.year - 1, end.month + 1, 1)
    else:
        start = dt.date(int(first[:4]), int(first[5:]), 1)
    period = next((k for k in group_by if k in sr.PERIOD_KEYS), None)
    return sr.reference_days(period, start, end, day)


def somatic_report_for_user(user: Any, group_by: Sequence[str], *, date_from: str | None = None,
                            date_to: str | None = None, today: dt.date | None = None,
                            source: str | None = None) -> sr.SomaticReport:
    """The somatic figure as ``user`` may see it (their scope, their disclosure policy)."""
    keys = sr.parse_group_by(list(group_by))
    return run_somatic(source or outcome_reports.configured_source(), keys, policy=outcome_reports.policy_for(user),
                       days=somatic_days(keys, date_from, date_to, today),
                       restrictions=[outcome_reports.user_scope(user)])


def somatic_report(user: Any, group_by: Sequence[str], today: dt.date | None = None) -> list[dict[str, Any]]:
    """Rows of :func:`somatic_report_for_user` (the reports page and the API)."""
    return somatic_report_for_user(user, group_by, today=today).groups
