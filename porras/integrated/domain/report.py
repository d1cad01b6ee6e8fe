"""The integrated-care report (consultations and social welfare in the team): one set-based SQL statement pair for SQLite, PostgreSQL and DuckDB.

Definitions (docs/product.md §6 K; Porras's own, written down here because no national definition
of these figures could be sourced):

* the population is the *episodes referred in the period* (``referral_date``), grouped by the
  episode's county, its county's collaborative area, its unit (the asking unit) and the period of its
  referral (the group expressions are the report engine's, :func:`~porras.outcomes.domain.engine.group_expressions`);
* ``consultations`` counts the consultation questions asked about those episodes (whenever asked);
  a question the asking unit withdrew before its answer is not counted at all (it is left out of the
  ``consultations`` relation and the export), so withdrawn questions count in no figure, and in no
  answer time;
  ``consultations_per_1000_episodes`` = 1000 x consultations / episodes;
* ``episodes_with_consultation`` counts the episodes with at least one question;
* ``answered`` counts the answered questions; ``median_answer_days`` is the median of the whole
  calendar days from ``asked_date`` to ``answered_date`` over them;
* ``transfers`` and ``primary_care`` count the answers whose outcome is a transfer to specialised
  care or care continuing in primary care; their rates are shares of ``answered``;
* ``episodes_with_social_care`` counts the episodes whose team has had a social-welfare member
  (table ``social_care``); ``social_care_rate`` is their share of ``episodes``.

The SQL computes exact integer counts and the two middle values of each median per group; Python
labels the groups and hands them to the one disclosure rule (:func:`porras.lib.disclosure.protect`),
so that the numbers are identical on every engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from porras.lib.disclosure import Guarded, Policy, Rate, TableSpec, protect
from porras.outcomes.domain.engine import (  # the dialect helpers of the one report engine
    Connection,
    Dialect,
    _days_between,
    _fetch,
    _label,
    _quarter_of_month,
    _sort_key,
    _year_of,
    geography_hierarchy,
    group_expressions,
    parse_key_list,
)

GROUP_KEYS: tuple[str, ...] = ("county", "collaborative_area", "unit", "month", "quarter", "year")
COUNTS: tuple[str, ...] = ("episodes", "episodes_with_consultation", "consultations", "answered", "transfers",
                           "primary_care", "episodes_with_social_care")
RATES: tuple[Rate, ...] = (
    Rate("consultation_rate", "consultations", "episodes"),
    Rate("transfer_rate", "transfers", "answered"),
    Rate("primary_care_rate", "primary_care", "answered"),
    Rate("social_care_rate", "episodes_with_social_care", "episodes"),
)
MEDIANS: tuple[Guarded, ...] = (Guarded("median_answer_days", "answered"),)
COLUMNS: tuple[str, ...] = ("episodes", "consultations", "consultations_per_1000_episodes",
                            "episodes_with_consultation", "answered", "median_answer_days", "transfers",
                            "transfer_rate", "primary_care", "primary_care_rate", "episodes_with_social_care",
                            "social_care_rate", "suppressed")


@dataclass(frozen=True)
class Relations:
    """SQL text placed after ``FROM``: tables, views, parenthesised sub-queries or DuckDB readers."""

    episodes: str = "episodes"
    consultations: str = "consultations"
    social_care: str = "social_care"


@dataclass(frozen=True)
class ConsultationReport:
    group_by: tuple[str, ...]
    groups: list[dict[str, Any]]
    policy: Policy

    @property
    def columns(self) -> tuple[str, ...]:
        return self.group_by + COLUMNS


def parse_group_by(value: str | Sequence[str] | None) -> tuple[str, ...]:
    return parse_key_list(value, GROUP_KEYS)


def _groups(dialect: str, keys: Sequence[str]) -> list[tuple[str, str]]:
    return group_expressions(dialect, keys, "referral_date", "e")


def consultation_sql(dialect: Dialect, group_by: Sequence[str] = (), relations: Relations | None = None) -> tuple[str, str]:
    """The counts per group, and the two middle values of the answer times per group."""
    rel = relations or Relations()
    groups = _groups(dialect, group_by)
    names = [n for n, _ in groups]
    select_groups = "".join(f"{expr} AS {name}, " for name, expr in groups)
    group_clause = f"\nGROUP BY {', '.join(names)}" if names else ""
    gcols = "".join(f"{n}, " for n in names)
    counts = f"""
WITH c AS (
  SELECT c.episode_id,
    COUNT(*) AS n,
    SUM(CASE WHEN c.answered_date IS NOT NULL THEN 1 ELSE 0 END) AS answered,
    SUM(CASE WHEN c.answered_date IS NOT NULL AND c.outcome = 'transfer' THEN 1 ELSE 0 END) AS transfers,
    SUM(CASE WHEN c.answered_date IS NOT NULL AND c.outcome = 'primary_care' THEN 1 ELSE 0 END) AS primary_care
  FROM {rel.consultations} AS c
  GROUP BY c.episode_id
),
s AS (
  SELECT DISTINCT s.episode_id FROM {rel.social_care} AS s
),
w AS (
  SELECT {select_groups}c.n AS n, c.answered AS answered, c.transfers AS transfers, c.primary_care AS primary_care,
    CASE WHEN s.episode_id IS NULL THEN 0 ELSE 1 END AS social
  FROM {rel.episodes} AS e
  LEFT JOIN c ON c.episode_id = e.episode_id
  LEFT JOIN s ON s.episode_id = e.episode_id
)
SELECT {gcols}COUNT(*) AS episodes,
  COUNT(n) AS episodes_with_consultation,
  COALESCE(SUM(n), 0) AS consultations,
  COALESCE(SUM(answered), 0) AS answered,
  COALESCE(SUM(transfers), 0) AS transfers,
  COALESCE(SUM(primary_care), 0) AS primary_care,
  SUM(social) AS episodes_with_social_care
FROM w{group_clause}
"""
    part = ", ".join(["k", *names])
    medians = f"""
WITH w AS (
  SELECT 1 AS k, {select_groups}{_days_between(dialect, 'c.answered_date', 'c.asked_date')} AS days
  FROM {rel.consultations} AS c
  JOIN {rel.episodes} AS e ON e.episode_id = c.episode_id
  WHERE c.answered_date IS NOT NULL
),
h AS (
  SELECT {part}, days, COUNT(*) AS n FROM w GROUP BY {part}, days
),
r AS (
  SELECT {part}, days,
    SUM(n) OVER (PARTITION BY {part} ORDER BY days ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
    SUM(n) OVER (PARTITION BY {part}) AS total
  FROM h
)
SELECT {gcols}MIN(CASE WHEN 2 * cum >= total THEN days END) AS lower_middle,
  MIN(CASE WHEN 2 * cum >= total + 1 THEN days END) AS upper_middle
FROM r
GROUP BY {part}
"""
    return counts, medians


def table_spec(keys: Sequence[str], unit_county: Mapping[str, str] | None = None) -> TableSpec:
    hierarchy: dict[str, tuple[Any, ...]] = {"month": (_quarter_of_month, _year_of), "quarter": (_year_of,),
                                             **geography_hierarchy(keys, unit_county)}
    return TableSpec(tuple(keys), "episodes", COUNTS, RATES, MEDIANS, hierarchy)


def finalize(group_by: Sequence[str], count_rows: Iterable[Sequence[Any]], median_rows: Iterable[Sequence[Any]],
             policy: Policy, unit_county: Mapping[str, str] | None = None) -> ConsultationReport:
    keys = tuple(group_by)
    n = len(keys)
    medians: dict[tuple[Any, ...], float] = {}
    for row in median_rows:
        labels = tuple(_label(k, v) for k, v in zip(keys, row[:n], strict=True))
        medians[labels] = (int(row[n]) + int(row[n + 1])) / 2
    exact = []
    for row in count_rows:
        labels = tuple(_label(k, v) for k, v in zip(keys, row[:n], strict=True))
        group: dict[str, Any] = dict(zip(keys, labels, strict=True))
        group.update(zip(COUNTS, (0 if v is None else int(v) for v in row[n:n + len(COUNTS)]), strict=True))
        group["median_answer_days"] = medians.get(labels)
        exact.append(group)
    exact.sort(key=lambda row: _sort_key(tuple(row[k] for k in keys)))
    published = protect(table_spec(keys, unit_county), exact, policy)
    groups = []
    for cell in published:
        rate = cell.pop("consultation_rate")
        cell["consultations_per_1000_episodes"] = None if rate is None else round(rate * 1000, 1)
        groups.append({**{k: cell[k] for k in keys}, **{c: cell[c] for c in COLUMNS}})
    return ConsultationReport(keys, groups, policy)


def _unit_counties(connection: Connection, dialect: str, relations: Relations) -> dict[str, str] | None:
    rows = _fetch(connection, f"SELECT DISTINCT unit_id, county_code FROM {relations.episodes} AS e", dialect)
    out: dict[str, str] = {}
    for unit, county in rows:
        if out.setdefault(str(unit), str(county)) != str(county):
            return None
    return out


def run_report(connection: Connection, dialect: Dialect, group_by: Sequence[str] = (), *,
               relations: Relations | None = None, policy: Policy | None = None) -> ConsultationReport:
    rel = relations or Relations()
    pol = policy or Policy()
    keys = tuple(group_by)
    unit_county = None
    if pol.rounds and "unit" in keys and "county" not in keys:
        unit_county = _unit_counties(connection, dialect, rel)
    counts_sql, medians_sql = consultation_sql(dialect, keys, rel)
    return finalize(keys, _fetch(connection, counts_sql, dialect), _fetch(connection, medians_sql, dialect), pol,
                    unit_county)
