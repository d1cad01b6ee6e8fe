"""The consultation report as a user may see it: their scope only, under their disclosure policy,
from this database (the care episodes and the consultations) or from a data-set folder (DuckDB over
``episodes`` and ``consultations`` Parquet or CSV files)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.db.models import Q
from django.utils import timezone

from porras.integrated.domain import somatic
from porras.integrated.domain.interchange import CONSULTATION_COLUMNS, SOCIAL_CARE_COLUMNS, SQL_TYPES
from porras.integrated.domain.report import ConsultationReport, Relations, run_report
from porras.lib.disclosure import Policy, Rate, TableSpec, protect
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

SOMATIC_KEYS = ("county", "unit")
SOMATIC_COLUMNS = ("eligible", "checked", "check_rate", "suppressed")


def somatic_report(user: Any, group_by: Sequence[str], today: dt.date | None = None) -> list[dict[str, Any]]:
    """Open episodes carrying the yearly check (eligible) and those with a check in the last interval
    (checked), by county and/or unit, under the disclosure rule. Counted over this database."""
    from porras.care.models import Episode
    from porras.integrated.models import SomaticCheck

    keys = tuple(k for k in group_by if k in SOMATIC_KEYS)
    counties, units = outcome_reports.user_scope(user)
    policy = outcome_reports.policy_for(user)
    day = today or timezone.localdate()
    spec = somatic.load_check()
    qs = Episode.objects.filter(end_date__isnull=True, voided_at__isnull=True).select_related(
        "unit__organisation__county")
    if counties is not None or units is not None:
        qs = qs.filter(Q(unit__organisation__county__code__in=counties or []) | Q(unit__code__in=units or []))
    eligible = [e for e in qs if somatic.is_eligible(e.referral_date, e.concerns or [], day, spec)]
    since = day - dt.timedelta(days=spec.interval_days)
    checked_ids = set(SomaticCheck.objects.filter(episode__in=eligible, date__gt=since)
                      .values_list("episode_id", flat=True))
    cells: dict[tuple[str, ...], dict[str, Any]] = {}
    unit_county: dict[str, str] = {}
    for e in eligible:
        county, unit = e.unit.organisation.county.code, e.unit.code
        unit_county[unit] = county
        key = tuple(county if k == "county" else unit for k in keys)
        cell = cells.setdefault(key, {**dict(zip(keys, key, strict=True)), "eligible": 0, "checked": 0})
        cell["eligible"] += 1
        cell["checked"] += int(e.pk in checked_ids)
    hierarchy: dict[str, tuple[Any, ...]] = {}
    if "unit" in keys and "county" not in keys:
        hierarchy["unit"] = (unit_county.get,)
    spec_table = TableSpec(keys, "eligible", ("eligible", "checked"), (Rate("check_rate", "checked", "eligible"),),
                           (), hierarchy)
    rows = sorted(cells.values(), key=lambda r: tuple(r[k] for k in keys))
    return [{**{k: r[k] for k in keys}, **{c: r[c] for c in SOMATIC_COLUMNS}} for r in protect(spec_table, rows, policy)]
