"""The consultation report as a user may see it: their scope only, under their disclosure policy,
from this database (the care episodes and the consultations) or from a data-set folder (DuckDB over
``episodes`` and ``consultations`` Parquet or CSV files)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from porras.integrated.domain.interchange import CONSULTATION_COLUMNS, SQL_TYPES
from porras.integrated.domain.report import ConsultationReport, Relations, run_report
from porras.lib.disclosure import Policy
from porras.outcomes import services as outcome_reports
from porras.outcomes.domain.engine import Dialect, ReportError, folder_relations, restrict
from porras.outcomes.domain.engine import Relations as CareRelations
from porras.outcomes.sources import database_relations

# The consultations of this database in the interchange columns (answered ones carry their outcome).
CONSULTATIONS_SQL = """SELECT c.id AS consultation_id, c.episode_id AS episode_id, u.code AS specialist_unit_id,
  c.asked_on AS asked_date, c.urgency AS urgency, c.preferred_form AS preferred_form,
  c.answered_on AS answered_date, NULLIF(c.outcome, '') AS outcome
FROM integrated_consultation c
JOIN accounts_unit u ON u.id = c.specialist_unit_id"""


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def folder_consultations(folder: Path) -> str:
    """DuckDB reader of the ``consultations`` table of a data-set folder."""
    single = folder / "consultations.parquet"
    if single.is_file():
        return f"read_parquet({_quote(str(single))})"
    sub = folder / "consultations"
    if sub.is_dir() and any(sub.rglob("*.parquet")):
        return f"read_parquet({_quote(str(sub / '**' / '*.parquet'))}, hive_partitioning = true, union_by_name = true)"
    csv_file = folder / "consultations.csv"
    if csv_file.is_file():
        columns = ", ".join(f"{_quote(name)}: {_quote(SQL_TYPES[kind])}" for name, kind in CONSULTATION_COLUMNS)
        return f"read_csv({_quote(str(csv_file))}, header = true, columns = {{{columns}}}, dateformat = '%Y-%m-%d')"
    raise ReportError(f"source: no consultations table in {folder} (consultations.parquet, consultations/ or "
                      "consultations.csv)")


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
                              folder_consultations(folder))
        con = duckdb.connect(":memory:")
        try:
            return run_report(con, "duckdb", group_by, relations=relations, policy=policy)
        finally:
            con.close()
    from django.db import connection

    dialect: Dialect = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    relations = Relations(_restricted(database_relations().episodes, restrictions), f"({CONSULTATIONS_SQL})")
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
