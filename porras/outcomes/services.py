"""Use cases of the reporting app: run a report from a source, scoped to what the user may see.

A *source* is ``"db"`` (the care episodes of this Porras database) or a folder of a data set in
the interchange format (Parquet or CSV, read in-process by DuckDB). The web dashboard and the API
use the configured source: ``settings.PORRAS_REPORTS_SOURCE`` (or the environment variable of the
same name), ``"db"`` by default.

Only aggregates leave this module: a :class:`Report` has one row per group, suppressed below the
minimum of the definitions.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings

from porras.accounts import authz
from porras.accounts.models import County, Unit
from porras.accounts.roles import Perm
from porras.outcomes.domain.definitions import DEFAULT_DEFINITIONS, Definitions
from porras.outcomes.domain.engine import (
    Relations,
    Report,
    ReportError,
    ReportKind,
    folder_relations,
    measure_columns,
    parse_group_by,
    run_report,
)


class ReportUnavailable(Exception):
    """The requested source cannot be reported on (yet); the message says why."""


def configured_source() -> str:
    return str(
        getattr(settings, "PORRAS_REPORTS_SOURCE", None) or os.environ.get("PORRAS_REPORTS_SOURCE") or "db"
    )


def db_relations() -> tuple[str, Relations]:
    """(dialect, relations) over the care tables of this database.

    The care app owns episodes, appointments and measurements; until its models exist there is
    nothing to report on in the database.
    """
    from django.apps import apps

    care_models = {model.__name__ for model in apps.get_app_config("care").get_models()}
    if "Episode" not in care_models:
        raise ReportUnavailable(
            "source db: the care models (porras.care Episode, Appointment, Measurement) are not installed "
            "yet; report on a data-set folder instead (--source DIR)"
        )
    # porras.care.reporting.interchange_relations(): parenthesised SELECTs over the care tables
    # with exactly the interchange columns (SQLite and PostgreSQL).
    from porras.care import reporting  # type: ignore[attr-defined]

    relations: Relations = reporting.interchange_relations()
    return _dialect(), relations


def _dialect() -> str:
    from django.db import connection

    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise ReportUnavailable(f"source db: database {vendor!r} is not supported (SQLite or PostgreSQL)")
    return vendor


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def restrict(relations: Relations, counties: Iterable[str] | None, units: Iterable[str] | None) -> Relations:
    """Relations limited to episodes of the given counties or units (``None`` = no limit).

    Appointments and measurements need no filter: the report reaches them only through episodes.
    """
    if counties is None and units is None:
        return relations
    conditions = []
    county_list = sorted(set(counties or ()))
    unit_list = sorted(set(units or ()))
    if county_list:
        conditions.append(f"county_code IN ({', '.join(_quote(c) for c in county_list)})")
    if unit_list:
        conditions.append(f"unit_id IN ({', '.join(_quote(u) for u in unit_list)})")
    where = " OR ".join(conditions) if conditions else "1 = 0"
    episodes = f"(SELECT * FROM {relations.episodes} AS scoped WHERE {where})"
    return Relations(episodes, relations.appointments, relations.measurements)


def user_scope(user: Any) -> tuple[list[str] | None, list[str] | None]:
    """(county codes, unit codes) whose aggregates ``user`` may see; (None, None) = everywhere."""
    authz.require(user, Perm.AGGREGATE_READ)
    scope = authz.scope(user, Perm.AGGREGATE_READ)
    if scope.everywhere:
        return None, None
    counties = list(County.objects.filter(pk__in=scope.county_ids).values_list("code", flat=True))
    units = list(Unit.objects.filter(pk__in=scope.unit_ids).values_list("code", flat=True))
    return counties, units


def _empty_report(kind: ReportKind, keys: tuple[str, ...], definitions: Definitions) -> Report:
    import duckdb
    import pyarrow as pa

    from porras.outcomes.domain.interchange import TABLE_NAMES, arrow_schema

    con = duckdb.connect(":memory:")
    try:
        for name in TABLE_NAMES:
            con.register(name, pa.Table.from_pylist([], schema=arrow_schema(name)))
        return run_report(con, "duckdb", kind, keys, definitions=definitions)
    finally:
        con.close()


def run(
    kind: str,
    source: str,
    group_by: str | Sequence[str] | None = (),
    *,
    definitions: Definitions = DEFAULT_DEFINITIONS,
    scope: tuple[Iterable[str] | None, Iterable[str] | None] = (None, None),
    county: str | None = None,
    unit: str | None = None,
    empty_when_no_care_data: bool = False,
) -> Report:
    """Run the ``outcomes`` or ``access`` report on ``source`` (``"db"`` or a folder).

    ``scope`` (county codes, unit codes) limits the episodes to what a user may see; ``county`` and
    ``unit`` are filters within that scope (each restriction narrows the one before it).
    """
    measure_columns(kind)
    keys = parse_group_by(group_by)
    report_kind: ReportKind = "outcomes" if kind == "outcomes" else "access"
    if source == "db":
        try:
            dialect, relations = db_relations()
        except ReportUnavailable:
            if not empty_when_no_care_data:
                raise
            # No care tables yet means no episodes: the report of an empty data set.
            return _empty_report(report_kind, keys, definitions)
    else:
        folder = Path(source)
        if not folder.is_dir():
            raise ReportError(f"source: {source!r} is neither 'db' nor a folder")
        dialect, relations = "duckdb", folder_relations(folder)
    relations = restrict(relations, *scope)
    if county:
        relations = restrict(relations, [county], None)
    if unit:
        relations = restrict(relations, None, [unit])
    if dialect == "duckdb":
        import duckdb

        con = duckdb.connect(":memory:")
        try:
            return run_report(con, "duckdb", report_kind, keys, relations=relations, definitions=definitions)
        finally:
            con.close()
    from django.db import connection

    return run_report(
        connection,
        dialect,  # type: ignore[arg-type]
        report_kind,
        keys,
        relations=relations,
        definitions=definitions,
    )


def run_for_user(
    user: Any,
    kind: str,
    group_by: str | Sequence[str] | None = (),
    *,
    county: str | None = None,
    unit: str | None = None,
    source: str | None = None,
    definitions: Definitions = DEFAULT_DEFINITIONS,
) -> Report:
    """The report as ``user`` may see it: suppressed aggregates of their scope only."""
    scope = user_scope(user)
    return run(
        kind,
        source or configured_source(),
        group_by,
        definitions=definitions,
        scope=scope,
        county=county,
        unit=unit,
        empty_when_no_care_data=True,
    )
