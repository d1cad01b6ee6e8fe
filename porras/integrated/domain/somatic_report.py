"""The somatic health figure: the share of eligible clients with a somatic health check within the
interval (12 months), by county, collaborative area, unit and period. One SQL text for SQLite, PostgreSQL and DuckDB,
written with the dialect helpers of the one report engine, as :mod:`porras.integrated.domain.report`.

Definitions (Porras's own, written down here; the interval and the long-episode time are data with
their source in ``data/somatic_check.yaml``):

* a *reference day* per period: the period's last day, or today if that is earlier (without a period,
  today or the day asked for);
* *eligible* are the episodes open on the reference day (referred on or before it, not ended before
  it) that have lasted the long-episode time by then, or have a somatic-risk diagnosis group recorded
  on or before it (table ``somatic_risk_groups``, groups of the data);
* *checked* are those of them with a somatic health check dated in the interval up to the reference
  day (``0 <= reference day - check date < interval_days``);
* ``check_rate`` = checked / eligible, published through the one disclosure rule.

The same population, for one day and without grouping, is the due list's eligibility
(:func:`eligible_sql`): episodes not checked within the interval are due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from porras.integrated.domain import report as consultation_report
from porras.lib.disclosure import Policy, Rate, TableSpec, protect
from porras.outcomes.domain.engine import (  # the dialect helpers of the one report engine
    Connection,
    Dialect,
    ReportError,
    _date_literal,
    _days_between,
    _fetch,
    _label,
    _quarter_of_month,
    _quote_text,
    _sort_key,
    _year_of,
    geography_hierarchy,
    group_expressions,
)

GROUP_KEYS: tuple[str, ...] = consultation_report.GROUP_KEYS
PERIOD_KEYS: tuple[str, ...] = ("month", "quarter", "year")
COUNTS: tuple[str, ...] = ("eligible", "checked")
COLUMNS: tuple[str, ...] = ("eligible", "checked", "check_rate", "suppressed")


@dataclass(frozen=True)
class Relations:
    """SQL text placed after ``FROM``: ``episodes`` (the care interchange columns), ``checks`` (at least
    ``episode_id`` and ``date``) and ``risk_groups`` (``episode_id``, ``risk_group``, ``recorded_date``)."""

    episodes: str = "episodes"
    checks: str = "somatic_checks"
    risk_groups: str = "somatic_risk_groups"


@dataclass(frozen=True)
class Rules:
    """The data the SQL needs: ``data/somatic_check.yaml``'s interval, long-episode time and groups."""

    interval_days: int
    long_episode_days: int
    risk_groups: tuple[str, ...]


@dataclass(frozen=True)
class SomaticReport:
    group_by: tuple[str, ...]
    groups: list[dict[str, Any]]
    policy: Policy

    @property
    def columns(self) -> tuple[str, ...]:
        return self.group_by + COLUMNS


def parse_group_by(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """The consultation report's keys (the same list), and at most one period."""
    names = consultation_report.parse_group_by(value)
    if len([n for n in names if n in PERIOD_KEYS]) > 1:
        raise ReportError("group_by: give one period (month, quarter or year)")
    return tuple(names)


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def reference_days(period: str | None, first: dt.date, last: dt.date, today: dt.date) -> list[tuple[int, dt.date]]:
    """``(period value, reference day)`` of each period from ``first`` to ``last`` (the engine's period
    values: 202503 for March 2025, 20251 for its first quarter, 2025 for the year); without a period
    one row ``(0, min(last, today))``. A period that starts after today is left out."""
    if period is None:
        return [(0, min(last, today))]
    out: list[tuple[int, dt.date]] = []
    year, month = first.year, first.month
    if period == "quarter":
        month = (month - 1) // 3 * 3 + 1
    elif period == "year":
        month = 1
    step = {"month": 1, "quarter": 3, "year": 12}[period]
    while dt.date(year, month, 1) <= min(last, today):
        end_month = month + step - 1
        end = _month_end(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1)
        value = {"month": year * 100 + month, "quarter": year * 10 + (month + 2) // 3, "year": year}[period]
        out.append((value, min(end, today)))
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return out


def _calendar(dialect: str, days: Sequence[tuple[int, dt.date]]) -> str:
    rows = [f"SELECT {value} AS g_period, {_date_literal(dialect, day.isoformat())} AS day" for value, day in days]
    return "\nUNION ALL ".join(rows) if rows else f"SELECT 0 AS g_period, {_date_literal(dialect, '1900-01-01')} AS day WHERE 1 = 0"


def _population(dialect: str, rel: Relations, rules: Rules, days: Sequence[tuple[int, dt.date]]) -> str:
    """``WITH`` clauses ending in ``x``: one row per (reference day, eligible episode) with ``checked``."""
    groups = ", ".join(_quote_text(g, dialect) for g in rules.risk_groups) or "NULL"
    return f"""WITH d AS (
{_calendar(dialect, days)}
),
x AS (
  SELECT d.g_period AS g_period, e.county_code AS county_code, e.unit_id AS unit_id, e.episode_id AS episode_id,
    CASE WHEN EXISTS (
      SELECT 1 FROM {rel.checks} AS k
      WHERE k.episode_id = e.episode_id AND k.date <= d.day
        AND {_days_between(dialect, 'd.day', 'k.date')} < {int(rules.interval_days)}
    ) THEN 1 ELSE 0 END AS checked
  FROM {rel.episodes} AS e
  CROSS JOIN d
  WHERE e.referral_date <= d.day AND (e.end_date IS NULL OR e.end_date >= d.day)
    AND ({_days_between(dialect, 'd.day', 'e.referral_date')} >= {int(rules.long_episode_days)}
         OR EXISTS (SELECT 1 FROM {rel.risk_groups} AS r
                    WHERE r.episode_id = e.episode_id AND r.recorded_date <= d.day AND r.risk_group IN ({groups})))
)"""


def somatic_sql(dialect: Dialect, group_by: Sequence[str], rel: Relations, rules: Rules,
                days: Sequence[tuple[int, dt.date]]) -> str:
    """Eligible and checked per group."""
    # county, area and unit are the engine's expressions over x (which keeps the episode's county and
    # unit); every period is the reference day's period value g_period.
    exprs = dict(group_expressions(dialect, [k for k in group_by if k not in PERIOD_KEYS], "-", "x"))
    names = [f"g_{k}" for k in group_by]
    exprs.update({f"g_{k}": "x.g_period" for k in group_by if k in PERIOD_KEYS})
    select_groups = "".join(f"{exprs[n]} AS {n}, " for n in names)
    group_clause = f"\nGROUP BY {', '.join(exprs[n] for n in names)}" if names else ""
    return f"""{_population(dialect, rel, rules, days)}
SELECT {select_groups}COUNT(*) AS eligible, COALESCE(SUM(checked), 0) AS checked
FROM x{group_clause}
"""


def eligible_sql(dialect: Dialect, rel: Relations, rules: Rules, day: dt.date) -> str:
    """The episodes eligible on ``day``, and whether each had a check within the interval."""
    return f"""{_population(dialect, rel, rules, [(0, day)])}
SELECT episode_id, checked FROM x ORDER BY episode_id
"""


def table_spec(keys: Sequence[str], unit_county: Mapping[str, str] | None = None) -> TableSpec:
    hierarchy: dict[str, tuple[Any, ...]] = {"month": (_quarter_of_month, _year_of), "quarter": (_year_of,),
                                             **geography_hierarchy(keys, unit_county)}
    return TableSpec(tuple(keys), "eligible", COUNTS, (Rate("check_rate", "checked", "eligible"),), (), hierarchy)


def finalize(group_by: Sequence[str], rows: Iterable[Sequence[Any]], policy: Policy,
             unit_county: Mapping[str, str] | None = None) -> SomaticReport:
    keys = tuple(group_by)
    n = len(keys)
    exact = []
    for row in rows:
        group: dict[str, Any] = {k: _label(k, v) for k, v in zip(keys, row[:n], strict=True)}
        group.update(zip(COUNTS, (0 if v is None else int(v) for v in row[n:n + 2]), strict=True))
        exact.append(group)
    exact.sort(key=lambda r: _sort_key(tuple(r[k] for k in keys)))
    published = protect(table_spec(keys, unit_county), exact, policy)
    return SomaticReport(keys, [{**{k: c[k] for k in keys}, **{col: c[col] for col in COLUMNS}} for c in published],
                         policy)


def _unit_counties(connection: Connection, dialect: str, rel: Relations) -> dict[str, str] | None:
    out: dict[str, str] = {}
    for unit, county in _fetch(connection, f"SELECT DISTINCT unit_id, county_code FROM {rel.episodes} AS e", dialect):
        if out.setdefault(str(unit), str(county)) != str(county):
            return None
    return out


def run_report(connection: Connection, dialect: Dialect, group_by: Sequence[str], *, relations: Relations,
               rules: Rules, days: Sequence[tuple[int, dt.date]], policy: Policy | None = None) -> SomaticReport:
    pol = policy or Policy()
    keys = tuple(group_by)
    unit_county = None
    if pol.rounds and "unit" in keys and "county" not in keys:
        unit_county = _unit_counties(connection, dialect, relations)
    rows = _fetch(connection, somatic_sql(dialect, keys, relations, rules, days), dialect)
    return finalize(keys, rows, pol, unit_county)
