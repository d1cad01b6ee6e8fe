"""Use cases of the reporting app: run a report from a source, scoped to what the user may see.

A *source* is ``"db"`` (the care episodes of this Porras database, provided by the care app through
:mod:`porras.outcomes.sources`) or a folder of a data set in the interchange format (Parquet or
CSV, read in-process by DuckDB). The web dashboard and the API use the configured source:
``settings.PORRAS_REPORTS_SOURCE``, ``"db"`` by default.

Only aggregates leave this module, published under the one disclosure rule
(:mod:`porras.lib.disclosure`): rounded for users who may not read the records the report covers,
exact for those who may; small counts withheld for everyone, at the configured minimum
(``PORRAS_SUPPRESSION_MIN``) that no caller can lower.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from porras.accounts import authz
from porras.accounts.models import County, Unit
from porras.accounts.roles import Perm
from porras.lib.disclosure import Policy
from porras.outcomes.domain import funnel
from porras.outcomes.domain.definitions import DEFAULT_DEFINITIONS, Definitions, GroupKey
from porras.outcomes.domain.engine import (
    RATES,
    Dialect,
    MonthRange,
    Report,
    ReportError,
    ReportKind,
    Restriction,
    measure_columns,
    report_from_folder,
    report_of,
    restrict,
    run_report,
)
from porras.outcomes.sources import database_relations

Scope = Restriction


def configured_source() -> str:
    return str(getattr(settings, "PORRAS_REPORTS_SOURCE", None) or "db")


def _database_dialect() -> Dialect:
    from django.db import connection

    vendor = connection.vendor
    if vendor == "sqlite":
        return "sqlite"
    if vendor == "postgresql":
        return "postgresql"
    raise ReportError(f"source: database {vendor!r} is not supported (SQLite or PostgreSQL)")


def user_scope(user: Any) -> tuple[list[str] | None, list[str] | None]:
    """(county codes, unit codes) whose aggregates ``user`` may see; (None, None) = everywhere."""
    authz.require(user, Perm.AGGREGATE_READ)
    scope = authz.scope(user, Perm.AGGREGATE_READ)
    if scope.everywhere:
        return None, None
    counties = list(County.objects.filter(pk__in=scope.county_ids).values_list("code", flat=True))
    units = list(Unit.objects.filter(pk__in=scope.unit_ids).values_list("code", flat=True))
    return counties, units


def reads_every_record(user: Any) -> bool:
    """May ``user`` read the client records of everything their reports cover? Then a report is
    no disclosure to them and shows exact counts (small ones are still withheld)."""
    records = authz.scope(user, Perm.CLIENT_READ)
    if records.everywhere:
        return True
    aggregates = authz.scope(user, Perm.AGGREGATE_READ)
    if aggregates.everywhere or not aggregates.county_ids <= records.county_ids:
        return False
    unit_counties = Unit.objects.filter(pk__in=aggregates.unit_ids).values_list("pk", "organisation__county_id")
    return all(unit in records.unit_ids or county in records.county_ids for unit, county in unit_counties)


def policy_for(user: Any) -> Policy:
    """The disclosure policy of ``user``'s reports: the configured one, exact if they read the records."""
    return Policy.from_settings(settings, exact=reads_every_record(user))


def run(
    kind: str,
    source: str,
    group_by: Sequence[GroupKey] = (),
    *,
    policy: Policy,
    definitions: Definitions = DEFAULT_DEFINITIONS,
    scope: Scope = (None, None),
    county: str | None = None,
    unit: str | None = None,
    months: MonthRange = (None, None),
) -> Report:
    """Run the ``outcomes`` or ``access`` report on ``source`` (``"db"`` or a folder).

    ``scope`` (county codes, unit codes) limits the episodes to what a user may see; ``county`` and
    ``unit`` are filters within that scope (each restriction narrows the one before it); ``months``
    (first, last as ``YYYY-MM``) a range of months of the report's period date.
    """
    measure_columns(kind)
    report_kind: ReportKind = "outcomes" if kind == "outcomes" else "access"
    restrictions: list[Restriction] = [scope]
    if county:
        restrictions.append(([county], None))
    if unit:
        restrictions.append((None, [unit]))
    if source != "db":
        if not Path(source).is_dir():
            raise ReportError(f"source: {source!r} is neither 'db' nor a folder")
        return report_from_folder(
            source,
            report_kind,
            group_by,
            definitions=definitions,
            policy=policy,
            restrictions=restrictions,
            months=months,
        )
    from django.db import connection

    relations = database_relations()
    for counties, units in restrictions:
        relations = restrict(relations, counties, units)
    return run_report(
        connection,
        _database_dialect(),
        report_kind,
        group_by,
        relations=relations,
        definitions=definitions,
        policy=policy,
        months=months,
    )


def run_for_user(
    user: Any,
    kind: str,
    group_by: Sequence[GroupKey] = (),
    *,
    county: str | None = None,
    unit: str | None = None,
    source: str | None = None,
    definitions: Definitions = DEFAULT_DEFINITIONS,
    months: MonthRange = (None, None),
) -> Report:
    """The report as ``user`` may see it: their scope only, under their disclosure policy."""
    scope = user_scope(user)
    return run(
        kind,
        source or configured_source(),
        group_by,
        policy=policy_for(user),
        definitions=definitions,
        scope=scope,
        county=county,
        unit=unit,
        months=months,
    )


def trend_for_user(
    user: Any,
    measure: str,
    period: GroupKey,
    *,
    county: str | None = None,
    months: MonthRange = (None, None),
) -> Report:
    """The report that ``measure`` (a rate or median) belongs to, by ``period`` (month, quarter or
    year), as ``user`` may see it."""
    if period not in (GroupKey.MONTH, GroupKey.QUARTER, GroupKey.YEAR):
        raise ReportError(f"period: not a period: {period!r}")
    return run_for_user(user, report_of(measure), (period,), county=county, months=months)


@dataclass(frozen=True)
class Comparison:
    """Groups compared on one rate: the report by group, the target (the rate of all the episodes
    the user may see under the same filters), the groups placed on the funnel and those that cannot
    be (a figure withheld)."""

    report: Report
    target: float | None
    placed: list[funnel.Placed]
    unplaced: list[dict[str, Any]]


def comparison_for_user(
    user: Any,
    rate: str,
    level: GroupKey,
    *,
    county: str | None = None,
    months: MonthRange = (None, None),
) -> Comparison:
    """Counties or units (``level``) compared on ``rate`` as a funnel plot, as ``user`` may see them."""
    if rate not in RATES:
        raise ReportError(f"measure: not a rate: {rate!r}")
    if level not in (GroupKey.COUNTY, GroupKey.UNIT):
        raise ReportError(f"level: not a level of comparison: {level!r}")
    kind = report_of(rate)
    report = run_for_user(user, kind, (level,), county=county, months=months)
    total = run_for_user(user, kind, (), county=county, months=months)
    target = total.groups[0][rate] if total.groups else None
    if target is None:
        return Comparison(report, None, [], list(report.groups))
    spec = RATES[rate]
    placed, unplaced = funnel.place(report.groups, rate, spec.denominator, spec.less, float(target))
    return Comparison(report, float(target), placed, unplaced)
