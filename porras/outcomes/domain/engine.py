"""One set-based SQL engine for the outcome and access reports.

The engine writes SQL for SQLite, PostgreSQL, DuckDB and Spark SQL over three relations with the columns of
the interchange format (:mod:`porras.care.domain.interchange`). The relations are parameters
(:class:`Relations`): table or view names, sub-queries in parentheses, or - on DuckDB - calls such as
``read_parquet(...)``, so the same report runs on a county database and on national Parquet files.
Each dialect differs only in the few helpers below (dates, day differences, the first and last
score); the definitions are written once (:mod:`porras.outcomes.domain.spark` runs them on Spark).

The SQL computes exact integer counts per group; this module labels the groups and hands the
counts to the one disclosure-control rule (:func:`porras.lib.disclosure.protect`), which withholds,
rounds and computes the rates. Doing that in Python, once, makes the numbers identical on every
database (no integer-division or float-rounding differences). There is no per-episode Python loop:
Python only sees one row per group.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, Protocol

from porras.accounts.domain.areas import county_areas
from porras.care.domain.interchange import OPTIONAL_TABLES, SQL_TYPES, TABLE_NAMES, TABLES
from porras.lib.disclosure import SOURCES as DISCLOSURE_SOURCES
from porras.lib.disclosure import GroupingTooFine, Guarded, Policy, Rate, TableSpec, protect
from porras.outcomes.domain.definitions import (
    DEFAULT_DEFINITIONS,
    GAD7,
    GROUP_KEYS,
    PHQ9,
    Definitions,
    GroupKey,
    Limit,
)

Dialect = Literal["sqlite", "postgresql", "duckdb", "spark"]
ReportKind = Literal["outcomes", "access"]
DIALECTS: tuple[str, ...] = ("sqlite", "postgresql", "duckdb", "spark")
REPORT_KINDS: tuple[str, ...] = ("outcomes", "access")

OUTCOME_COLUMNS: tuple[str, ...] = (
    "finished",
    "not_at_caseness",
    "recovered",
    "recovery_rate",
    "reliably_improved",
    "reliable_improvement_rate",
    "reliably_deteriorated",
    "reliable_deterioration_rate",
    "reliably_recovered",
    "reliable_recovery_rate",
    "programme_ended",  # ... whose (first) programme assignment has ended
    "programme_completed",  # ... of which every module was completed
    "programme_completion_rate",  # programme_completed / programme_ended
    "suppressed",
)

# Access columns. Counts are numbers of episodes; medians are days; rates are shares (0..1).
ACCESS_COLUMNS: tuple[str, ...] = (
    "referrals",  # episodes referred in the period (period = referral_date)
    "assessed",  # ... with an assessment_date
    "median_days_to_assessment",  # median of assessment_date - referral_date over `assessed`
    "entered_treatment",  # ... with a first_treatment_date
    "median_days_to_first_treatment",  # median of first_treatment_date - referral_date
    "treated_within_6_weeks",  # first treatment <= wait_standard_short_days (42) after referral
    "treated_within_6_weeks_rate",  # / entered_treatment
    "treated_within_18_weeks",  # first treatment <= wait_standard_long_days (126) after referral
    "treated_within_18_weeks_rate",  # / entered_treatment
    "therapy_guarantee_eligible",  # under 23 at assessment, assessed and entered treatment
    "therapy_guarantee_met",  # ... first treatment <= 28 days after assessment
    "therapy_guarantee_rate",  # met / eligible
    "care_guarantee_eligible",  # assessed and entered treatment (all ages)
    "care_guarantee_met",  # first treatment within 14 days (< 23) or 3 months (>= 23) of assessment
    "care_guarantee_rate",  # met / eligible
    "ended",  # episodes with an end_date
    "completed",  # end_reason completed
    "completion_rate",  # completed / ended
    "dropped_out",  # end_reason dropped_out
    "dropout_rate",  # dropped_out / ended
    "with_minor_children",  # clients with children under 18 (minor_children yes)
    "children_addressed",  # ... whose children's situation was discussed with them or who were referred to family services
    "children_addressed_rate",  # children_addressed / with_minor_children
    "suppressed",
)

# What the disclosure rule needs to know of each report: its counts, rates and medians.
OUTCOME_COUNTS: tuple[str, ...] = (
    "finished",
    "not_at_caseness",
    "recovered",
    "reliably_improved",
    "reliably_deteriorated",
    "reliably_recovered",
    "programme_ended",
    "programme_completed",
)
OUTCOME_RATES: tuple[Rate, ...] = (
    Rate("recovery_rate", "recovered", "finished", less="not_at_caseness"),
    Rate("reliable_improvement_rate", "reliably_improved", "finished"),
    Rate("reliable_deterioration_rate", "reliably_deteriorated", "finished"),
    Rate("reliable_recovery_rate", "reliably_recovered", "finished", less="not_at_caseness"),
    Rate("programme_completion_rate", "programme_completed", "programme_ended"),
)
ACCESS_COUNTS: tuple[str, ...] = (
    "referrals",
    "assessed",
    "entered_treatment",
    "treated_within_6_weeks",
    "treated_within_18_weeks",
    "therapy_guarantee_eligible",
    "therapy_guarantee_met",
    "care_guarantee_eligible",
    "care_guarantee_met",
    "ended",
    "completed",
    "dropped_out",
    "with_minor_children",
    "children_addressed",
)
ACCESS_RATES: tuple[Rate, ...] = (
    Rate("treated_within_6_weeks_rate", "treated_within_6_weeks", "entered_treatment"),
    Rate("treated_within_18_weeks_rate", "treated_within_18_weeks", "entered_treatment"),
    Rate("therapy_guarantee_rate", "therapy_guarantee_met", "therapy_guarantee_eligible"),
    Rate("care_guarantee_rate", "care_guarantee_met", "care_guarantee_eligible"),
    Rate("completion_rate", "completed", "ended"),
    Rate("dropout_rate", "dropped_out", "ended"),
    Rate("children_addressed_rate", "children_addressed", "with_minor_children"),
)
ACCESS_MEDIANS: tuple[Guarded, ...] = (
    Guarded("median_days_to_assessment", "assessed"),
    Guarded("median_days_to_first_treatment", "entered_treatment"),
)

RATES: dict[str, Rate] = {r.name: r for r in (*OUTCOME_RATES, *ACCESS_RATES)}


def report_of(measure: str) -> ReportKind:
    """The report a rate or median belongs to (a :class:`ReportError` for anything else)."""
    if measure in (r.name for r in OUTCOME_RATES):
        return "outcomes"
    if measure in (r.name for r in ACCESS_RATES) or measure in (m.name for m in ACCESS_MEDIANS):
        return "access"
    raise ReportError(f"measure: unknown measure {measure!r}")


# Audiences that may not read the records get rounded counts; this is the default of the domain.
DEFAULT_POLICY = Policy()


class ReportError(ValueError):
    """Bad report input (unknown group key, dialect, report kind, missing table ...)."""


@dataclass(frozen=True)
class Relations:
    """Where the interchange relations come from (SQL text placed after ``FROM``).

    ``programme_assignments`` is optional: ``None`` is a data set in which no episode had a programme
    (every episode is then in the "no programme" group and no programme has ended)."""

    episodes: str = "episodes"
    appointments: str = "appointments"
    measurements: str = "measurements"
    programme_assignments: str | None = None


@dataclass(frozen=True)
class Report:
    """A published report: one dict per listed group, columns in :attr:`columns` order."""

    kind: ReportKind
    group_by: tuple[GroupKey, ...]
    groups: list[dict[str, Any]]
    definitions: Definitions = field(default=DEFAULT_DEFINITIONS)
    policy: Policy = field(default=DEFAULT_POLICY)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(str(k) for k in self.group_by) + measure_columns(self.kind)

    def sources(self) -> list[dict[str, str]]:
        return self.definitions.sources() + [s.as_dict() for s in DISCLOSURE_SOURCES]

    def definitions_dict(self) -> dict[str, Any]:
        return {
            "version": self.definitions.version,
            "sources": self.sources(),
            "disclosure": self.policy.as_dict(),
        }

    def as_dict(self) -> dict[str, Any]:
        """The JSON document ``{"groups": [...], "definitions": {"version", "sources", "disclosure"}}``."""
        return {"groups": self.groups, "definitions": self.definitions_dict()}


def measure_columns(kind: str) -> tuple[str, ...]:
    if kind == "outcomes":
        return OUTCOME_COLUMNS
    if kind == "access":
        return ACCESS_COLUMNS
    raise ReportError(f"report: unknown report {kind!r}; expected one of {', '.join(REPORT_KINDS)}")


def parse_key_list(value: str | Sequence[str] | None, allowed: Sequence[str]) -> tuple[str, ...]:
    """``"county,quarter"`` or ``["county", "quarter"]`` -> the names, each one of ``allowed`` and
    none twice (a report with its own key list - the integrated-care reports - parses with it too)."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    names = [k.strip() for k in items if k.strip()]
    for name in names:
        if name not in allowed:
            raise ReportError(
                f"group_by: unknown group key {name!r}; expected any of {', '.join(allowed)}"
            )
    if len(set(names)) != len(names):
        raise ReportError("group_by: a group key is given twice")
    return tuple(names)


def parse_group_by(value: str | Sequence[str] | None) -> tuple[GroupKey, ...]:
    """``"county,quarter"`` or ``["county", "quarter"]`` -> the typed group keys (at the edge, once)."""
    return tuple(GroupKey(name) for name in parse_key_list(value, GROUP_KEYS))


def _check(dialect: str, kind: str) -> None:
    if dialect not in DIALECTS:
        raise ReportError(f"dialect: unknown dialect {dialect!r}; expected one of {', '.join(DIALECTS)}")
    measure_columns(kind)


# --- dialect helpers --------------------------------------------------------------------------


def _year(dialect: str, col: str) -> str:
    if dialect == "sqlite":  # dates are ISO text in SQLite
        return f"CAST(substr({col}, 1, 4) AS INTEGER)"
    return f"CAST(EXTRACT(YEAR FROM {col}) AS INTEGER)"


def _month(dialect: str, col: str) -> str:
    if dialect == "sqlite":
        return f"CAST(substr({col}, 6, 2) AS INTEGER)"
    return f"CAST(EXTRACT(MONTH FROM {col}) AS INTEGER)"


def _day(dialect: str, col: str) -> str:
    if dialect == "sqlite":
        return f"CAST(substr({col}, 9, 2) AS INTEGER)"
    return f"CAST(EXTRACT(DAY FROM {col}) AS INTEGER)"


def _quarter(dialect: str, col: str) -> str:
    if dialect == "sqlite":
        return f"((CAST(substr({col}, 6, 2) AS INTEGER) + 2) / 3)"
    return f"CAST(EXTRACT(QUARTER FROM {col}) AS INTEGER)"


def _days_between(dialect: str, later: str, earlier: str) -> str:
    if dialect == "sqlite":
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"
    if dialect == "duckdb":
        return f"date_diff('day', {earlier}, {later})"
    if dialect == "spark":
        return f"datediff({later}, {earlier})"
    return f"({later} - {earlier})"


def _within_limit(dialect: str, start: str, end: str, limit: Limit) -> str:
    """SQL condition: ``end`` is at most ``limit`` after ``start`` (both non-null dates)."""
    if limit.unit == "days":
        return f"{_days_between(dialect, end, start)} <= {limit.amount}"
    # Calendar months, ending on the same day of the month or on the last day of a shorter month:
    # month distance below the limit, or equal to it and a day of month not after the start's.
    months = (
        f"(({_year(dialect, end)} * 12 + {_month(dialect, end)})"
        f" - ({_year(dialect, start)} * 12 + {_month(dialect, start)}))"
    )
    return (
        f"({months} < {limit.amount} OR ({months} = {limit.amount}"
        f" AND {_day(dialect, end)} <= {_day(dialect, start)}))"
    )


def _group_expressions(
    dialect: str, group_by: Sequence[GroupKey], period: str, defs: Definitions, alias: str
) -> list[tuple[str, str]]:
    """(output name, SQL expression over the episode alias) for each group key."""
    a = alias
    out: list[tuple[str, str]] = []
    for key in group_by:
        if key == "county":
            expr = f"{a}.county_code"
        elif key == "collaborative_area":
            # The five collaborative areas of the counties (reference data beside the counties);
            # a county outside them (test or future codes) has no area: NULL, like any unknown.
            whens = " ".join(
                f"WHEN {_quote_text(county, dialect)} THEN {_quote_text(area, dialect)}"
                for county, area in sorted(county_areas().items())
            )
            expr = f"CASE {a}.county_code {whens} ELSE NULL END"
        elif key == "unit":
            expr = f"{a}.unit_id"
        elif key in ("intervention", "step", "sex", "language", "programme"):
            expr = f"{a}.{key}"
        elif key == "age_group":
            age = f"({_year(dialect, f'{a}.referral_date')} - {a}.birth_year)"
            bounds = defs.age_group_bounds
            labels = defs.age_group_labels()
            whens = " ".join(
                f"WHEN {age} < {hi} THEN '{label}'" for hi, label in zip(bounds[1:], labels, strict=False)
            )
            expr = f"CASE WHEN {age} < 0 THEN NULL {whens} ELSE '{labels[-1]}' END"
        elif key == "month":
            expr = f"({_year(dialect, f'{a}.{period}')} * 100 + {_month(dialect, f'{a}.{period}')})"
        elif key == "quarter":
            expr = f"({_year(dialect, f'{a}.{period}')} * 10 + {_quarter(dialect, f'{a}.{period}')})"
        elif key == "year":
            expr = _year(dialect, f"{a}.{period}")
        else:  # pragma: no cover - a GroupKey is one of the above
            raise ReportError(f"group_by: unknown group key {key!r}")
        out.append((f"g_{key}", expr))
    return out


def group_expressions(
    dialect: str,
    group_by: Sequence[str],
    period: str,
    alias: str = "e",
    definitions: Definitions = DEFAULT_DEFINITIONS,
) -> list[tuple[str, str]]:
    """``(g_<key>, SQL expression)`` of each group key over an episode alias whose date column
    ``period`` gives month, quarter and year: the one place where county, collaborative area, unit and
    periods become SQL, for this engine's reports and the other reports built on it (integrated care,
    competence)."""
    return _group_expressions(dialect, [GroupKey(k) for k in group_by], period, definitions, alias)


def geography_hierarchy(keys: Sequence[str], unit_county: Mapping[str, str] | None = None) -> dict[str, tuple[Any, ...]]:
    """The coarser margins of the geography keys for the disclosure rule: county -> collaborative area,
    and unit -> county -> area when ``unit_county`` maps each unit to its one county (and the table does
    not group by the coarser key already)."""
    hierarchy: dict[str, tuple[Any, ...]] = {}
    # A county's figures add up to its collaborative area's: the area is a coarser margin of the
    # county (and of the unit, through its county) unless the report groups by the area already.
    to_area = () if GroupKey.COLLABORATIVE_AREA in keys else (county_areas().get,)
    if to_area:
        hierarchy["county"] = to_area
    if unit_county is not None and GroupKey.COUNTY not in keys:
        hierarchy["unit"] = (unit_county.get, *to_area)
    return hierarchy


def _text_type(dialect: str) -> str:
    return "STRING" if dialect == "spark" else "VARCHAR"


def episodes_with_programme(dialect: str, rel: Relations) -> str:
    """The episodes relation with three more columns from the episode's first programme assignment
    (earliest ``start_date``, tie lowest ``assignment_id``): ``programme`` (null: none),
    ``programme_ended`` (1 when that assignment has an ``end_date``) and ``programme_completed`` (1 when
    it has ended with ``modules_completed >= modules_total``). An episode with two assignments is
    counted once, by its first (``SOURCES["porras_programme_completion"]``)."""
    if rel.programme_assignments is None:
        return (f"(SELECT e.*, CAST(NULL AS {_text_type(dialect)}) AS programme, 0 AS programme_ended,"
                f" 0 AS programme_completed FROM {rel.episodes} AS e)")
    return f"""(SELECT e.*, fa.programme AS programme,
    CASE WHEN fa.end_date IS NOT NULL THEN 1 ELSE 0 END AS programme_ended,
    CASE WHEN fa.end_date IS NOT NULL AND fa.modules_completed >= fa.modules_total THEN 1 ELSE 0 END
      AS programme_completed
  FROM {rel.episodes} AS e
  LEFT JOIN (
    SELECT r.episode_id, r.programme, r.end_date, r.modules_completed, r.modules_total
    FROM (
      SELECT p.episode_id, p.programme, p.end_date, p.modules_completed, p.modules_total,
        ROW_NUMBER() OVER (PARTITION BY p.episode_id ORDER BY p.start_date, p.assignment_id) AS rn
      FROM {rel.programme_assignments} AS p
    ) AS r
    WHERE r.rn = 1
  ) AS fa ON fa.episode_id = e.episode_id)"""


def _select_list(items: Iterable[str]) -> str:
    return ",\n    ".join(items)


# --- SQL builders -----------------------------------------------------------------------------


NARROW_KEY_ERROR = "porras: measurement_id outside the narrow key range"


def _scores_cte(dialect: str, rel: Relations, wide_ids: bool = False) -> str:
    """CTE ``sc``: per episode the number of PHQ-9 and GAD-7 measurements and their first and last
    totals (first = earliest date, tie lowest measurement_id; last = latest date, tie highest)."""
    if dialect == "duckdb":
        # One hash aggregation, no sort: arg_min/arg_max over an integer key that orders like
        # (date, measurement_id). Narrow (BIGINT): days since 1970 * 2**40 + measurement_id, for ids
        # below 2**40 - any other id stops the query with NARROW_KEY_ERROR and run_report runs it
        # again with the wide (HUGEINT) key days * 2**64 + measurement_id, exact for every id.
        days = "date_diff('day', DATE '1970-01-01', m.date)"
        if wide_ids:
            key = f"({days}::HUGEINT * 18446744073709551616::HUGEINT + m.measurement_id)"
        else:
            key = (
                f"({days}::BIGINT * 1099511627776 + CASE WHEN m.measurement_id BETWEEN 0 AND 1099511627775"
                f" THEN m.measurement_id ELSE error('{NARROW_KEY_ERROR}') END)"
            )
        # The key and the instrument tests are computed once per row in a sub-query (the
        # aggregates' FILTERs then read a boolean): 8-10 % less CPU than computing them in each of
        # the six aggregates (BENCHMARKS.md section 1b). No WHERE on the instrument: a filter
        # operator over every measurement cost ~20 % of this aggregation's CPU; a measurement of
        # another instrument only makes its episode a group with no PHQ-9 or GAD-7 measurement
        # (p_n = g_n = 0), which the report's "two of each" condition leaves out (section 9).
        parts = []
        for prefix, chosen in (("p", "m.is_phq9"), ("g", "m.is_gad7")):
            where = f"FILTER (WHERE {chosen})"
            parts += [
                f"COUNT(*) {where} AS {prefix}_n",
                f"arg_min(m.total, m.k) {where} AS {prefix}_first",
                f"arg_max(m.total, m.k) {where} AS {prefix}_last",
            ]
        return f"""sc AS (
  SELECT m.episode_id,
    {_select_list(parts)}
  FROM (
    SELECT m.episode_id, m.total, m.instrument = '{PHQ9}' AS is_phq9, m.instrument = '{GAD7}' AS is_gad7,
      {key} AS k
    FROM {rel.measurements} AS m
  ) AS m
  GROUP BY m.episode_id
)"""
    # SQLite and PostgreSQL: MIN/MAX over a key that sorts like (date, measurement_id) and carries
    # the total, so the first and last totals come out of one aggregation.
    if dialect == "sqlite":
        # Text: ISO date, zero-padded id and total (totals below 100000: interchange.py; ids below 10**20),
        # in one printf (two printfs and || cost 12 % more of the county report: BENCHMARKS.md section 2).
        key = "printf('%s%020d%05d', m.date, m.measurement_id, m.total)"

        def total_of(agg: str) -> str:
            return f"CAST(substr({agg}, 31) AS INTEGER)"
    elif dialect == "spark":
        # A struct, compared field by field (as PostgreSQL's array): exact for any bigint id and total.
        key = "named_struct('d', m.date, 'i', CAST(m.measurement_id AS BIGINT), 't', CAST(m.total AS BIGINT))"

        def total_of(agg: str) -> str:
            return f"CAST(({agg}).t AS INTEGER)"
    else:
        # An array, compared element by element: exact for any bigint id and total. (A numeric key
        # days * 1e25 + id * 1e5 + total took 1.15 s of a 100,000-episode county report; this, 0.74 s:
        # BENCHMARKS.md section 2.)
        key = "ARRAY[(m.date - DATE '1970-01-01')::bigint, m.measurement_id::bigint, m.total::bigint]"

        def total_of(agg: str) -> str:
            return f"CAST(({agg})[3] AS INTEGER)"

    parts = []
    for prefix, instrument in (("p", PHQ9), ("g", GAD7)):
        keyed = f"CASE WHEN m.instrument = '{instrument}' THEN {key} END"
        parts += [
            f"SUM(CASE WHEN m.instrument = '{instrument}' THEN 1 ELSE 0 END) AS {prefix}_n",
            f"{total_of(f'MIN({keyed})')} AS {prefix}_first",
            f"{total_of(f'MAX({keyed})')} AS {prefix}_last",
        ]
    # Only the measurements of finished episodes (a county's report must not aggregate the whole
    # country's). SQLite plans the IN best; PostgreSQL estimates the IN over the CTE at 200 rows and
    # probes the index once per episode - a join lets it hash (0.96 s -> 0.64 s for 100,000 episodes,
    # and as fast as the IN for one county's share: BENCHMARKS.md section 2). Spark hashes the join too.
    if dialect == "sqlite":
        source = f"{rel.measurements} AS m"
        only_finished = "\n    AND m.episode_id IN (SELECT episode_id FROM fin)"
    else:
        source = f"{rel.measurements} AS m JOIN fin AS f ON f.episode_id = m.episode_id"
        only_finished = ""
    return f"""sc AS (
  SELECT m.episode_id,
    {_select_list(parts)}
  FROM {source}
  WHERE m.instrument IN ('{PHQ9}', '{GAD7}'){only_finished}
  GROUP BY m.episode_id
)"""


def outcomes_sql(
    dialect: Dialect,
    group_by: Sequence[GroupKey] = (),
    relations: Relations | None = None,
    definitions: Definitions = DEFAULT_DEFINITIONS,
    *,
    wide_ids: bool = False,
) -> str:
    """SQL of the outcome report: group keys ``g_<key>`` then the six counts.

    ``wide_ids`` (DuckDB only): order measurements by a key exact for any 64-bit measurement_id
    (slower); by default ids up to 2**40 - 1 are handled and others raise NARROW_KEY_ERROR."""
    _check(dialect, "outcomes")
    keys = tuple(group_by)
    rel = relations or Relations()
    d = definitions
    groups = _group_expressions(dialect, keys, "end_date", d, "e")
    gnames = [name for name, _ in groups]
    group_clause = f"\nGROUP BY {', '.join(gnames)}" if gnames else ""
    pc, gc = d.phq9_caseness, d.gad7_caseness
    pr, gr = d.phq9_reliable_change, d.gad7_reliable_change
    pop_columns = [f"{expr} AS {name}" for name, expr in groups]
    pop_columns += ["sc.p_first", "sc.p_last", "sc.g_first", "sc.g_last", "e.programme_ended",
                    "e.programme_completed"]
    flag_columns = [
        *gnames,
        f"CASE WHEN p_first < {pc} AND g_first < {gc} THEN 1 ELSE 0 END AS nac",
        f"CASE WHEN (p_first >= {pc} OR g_first >= {gc}) AND p_last < {pc} AND g_last < {gc}"
        " THEN 1 ELSE 0 END AS rec",
        f"CASE WHEN (p_first - p_last >= {pr} OR g_first - g_last >= {gr})"
        f" AND p_last - p_first < {pr} AND g_last - g_first < {gr} THEN 1 ELSE 0 END AS imp",
        f"CASE WHEN (p_last - p_first >= {pr} OR g_last - g_first >= {gr})"
        f" AND p_first - p_last < {pr} AND g_first - g_last < {gr} THEN 1 ELSE 0 END AS det",
        "programme_ended",
        "programme_completed",
    ]
    count_columns = [
        *gnames,
        "COUNT(*) AS finished",
        "SUM(nac) AS not_at_caseness",
        "SUM(rec) AS recovered",
        "SUM(imp) AS reliably_improved",
        "SUM(det) AS reliably_deteriorated",
        "SUM(CASE WHEN rec = 1 AND imp = 1 THEN 1 ELSE 0 END) AS reliably_recovered",
        "SUM(programme_ended) AS programme_ended",
        "SUM(programme_completed) AS programme_completed",
    ]
    return f"""
WITH fin AS (
  SELECT e.*
  FROM {episodes_with_programme(dialect, rel)} AS e
  WHERE e.end_date IS NOT NULL
    AND e.episode_id IN (
      SELECT a.episode_id FROM {rel.appointments} AS a
      WHERE a.kind = 'treatment' AND a.status = 'attended'
      GROUP BY a.episode_id
      HAVING COUNT(*) >= {d.min_treatment_appointments})
),
{_scores_cte(dialect, rel, wide_ids)},
pop AS (
  SELECT
    {_select_list(pop_columns)}
  FROM fin AS e JOIN sc ON sc.episode_id = e.episode_id
  WHERE sc.p_n >= 2 AND sc.g_n >= 2
),
fl AS (
  SELECT
    {_select_list(flag_columns)}
  FROM pop
)
SELECT
    {_select_list(count_columns)}
FROM fl{group_clause}
"""


def _access_base(
    dialect: str, keys: Sequence[GroupKey], rel: Relations, d: Definitions, *, waits_only: bool = False
) -> tuple[str, list[str]]:
    groups = _group_expressions(dialect, keys, "referral_date", d, "e")
    gnames = [name for name, _ in groups]
    age_at_assessment = f"({_year(dialect, 'e.assessment_date')} - e.birth_year)"
    cg_under = _within_limit(
        dialect, "e.assessment_date", "e.first_treatment_date", d.care_guarantee_under_age
    )
    cg_from = _within_limit(dialect, "e.assessment_date", "e.first_treatment_date", d.care_guarantee_from_age)
    both = "e.assessment_date IS NOT NULL AND e.first_treatment_date IS NOT NULL"
    items = [
        *(f"{expr} AS {name}" for name, expr in groups),
        f"{_days_between(dialect, 'e.assessment_date', 'e.referral_date')} AS d_assess",
        f"{_days_between(dialect, 'e.first_treatment_date', 'e.referral_date')} AS d_treat",
    ]
    episodes = episodes_with_programme(dialect, rel) if GroupKey.PROGRAMME in keys else rel.episodes
    if waits_only:
        return f"SELECT\n    {_select_list(items)}\n  FROM {episodes} AS e", gnames
    items += [
        f"CASE WHEN {both} THEN 1 ELSE 0 END AS both_dates",
        f"CASE WHEN {both} AND {age_at_assessment} < {d.therapy_guarantee_age_limit} THEN 1 ELSE 0 END"
        " AS tg_eligible",
        f"CASE WHEN {both} AND {age_at_assessment} < {d.therapy_guarantee_age_limit} AND "
        f"{_days_between(dialect, 'e.first_treatment_date', 'e.assessment_date')}"
        f" <= {d.therapy_guarantee_days} THEN 1 ELSE 0 END AS tg_met",
        f"CASE WHEN {both} AND (({age_at_assessment} < {d.care_guarantee_age_limit} AND {cg_under})"
        f" OR ({age_at_assessment} >= {d.care_guarantee_age_limit} AND {cg_from}))"
        " THEN 1 ELSE 0 END AS cg_met",
        "CASE WHEN e.end_date IS NOT NULL THEN 1 ELSE 0 END AS ended",
        "CASE WHEN e.end_date IS NOT NULL AND e.end_reason = 'completed' THEN 1 ELSE 0 END AS completed",
        "CASE WHEN e.end_date IS NOT NULL AND e.end_reason = 'dropped_out' THEN 1 ELSE 0 END AS dropped_out",
        *_children_flags(),
    ]
    return f"SELECT\n    {_select_list(items)}\n  FROM {episodes} AS e", gnames


def _children_flags() -> list[str]:
    """The children of clients (porras.care.domain.children): a client with children under 18, and
    whether their situation was addressed - discussed with the parent or the family referred to
    family services (either date set). The same SQL in every dialect."""
    yes = "e.minor_children = 'yes'"
    return [
        f"CASE WHEN {yes} THEN 1 ELSE 0 END AS ch_yes",
        f"CASE WHEN {yes} AND (e.children_discussed_date IS NOT NULL OR e.family_referral_date IS NOT NULL)"
        " THEN 1 ELSE 0 END AS ch_addressed",
    ]


def access_sql(
    dialect: Dialect,
    group_by: Sequence[GroupKey] = (),
    relations: Relations | None = None,
    definitions: Definitions = DEFAULT_DEFINITIONS,
) -> tuple[str, str]:
    """Two SQL statements of the access report: the counts per group, and the histograms of the waits.

    The second returns ``which`` ('a' assessment, 't' first treatment), the group keys and the lower
    and upper middle values of the waits; the median is their mean.
    """
    _check(dialect, "access")
    keys = tuple(group_by)
    rel = relations or Relations()
    d = definitions
    base, gnames = _access_base(dialect, keys, rel, d)
    group_clause = f"\nGROUP BY {', '.join(gnames)}" if gnames else ""
    count_columns = [
        *gnames,
        "COUNT(*) AS referrals",
        "COUNT(d_assess) AS assessed",
        "COUNT(d_treat) AS entered_treatment",
        f"SUM(CASE WHEN d_treat <= {d.wait_standard_short_days} THEN 1 ELSE 0 END) AS treated_within_6_weeks",
        f"SUM(CASE WHEN d_treat <= {d.wait_standard_long_days} THEN 1 ELSE 0 END) AS treated_within_18_weeks",
        "SUM(tg_eligible) AS therapy_guarantee_eligible",
        "SUM(tg_met) AS therapy_guarantee_met",
        "SUM(both_dates) AS care_guarantee_eligible",
        "SUM(cg_met) AS care_guarantee_met",
        "SUM(ended) AS ended",
        "SUM(completed) AS completed",
        "SUM(dropped_out) AS dropped_out",
        "SUM(ch_yes) AS with_minor_children",
        "SUM(ch_addressed) AS children_addressed",
    ]
    counts = f"""
WITH w AS (
  {base}
)
SELECT
    {_select_list(count_columns)}
FROM w{group_clause}
"""
    part = ", ".join(["which", *gnames])
    gcols = "".join(f"{g}, " for g in gnames)
    waits, _ = _access_base(dialect, keys, rel, d, waits_only=True)
    # Medians from a histogram (one row per group and distinct number of days) and its running
    # totals: with N waits, the lower middle value is the first whose running total c has
    # 2c >= N, the upper middle value the first with 2c >= N + 1 (integers only, every dialect).
    medians = f"""
WITH w AS (
  {waits}
),
v AS (
  SELECT 'a' AS which, {gcols}d_assess AS days FROM w WHERE d_assess IS NOT NULL
  UNION ALL
  SELECT 't' AS which, {gcols}d_treat AS days FROM w WHERE d_treat IS NOT NULL
),
h AS (
  SELECT {part}, days, COUNT(*) AS n
  FROM v
  GROUP BY {part}, days
),
c AS (
  SELECT {part}, days,
    SUM(n) OVER (PARTITION BY {part} ORDER BY days ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
    SUM(n) OVER (PARTITION BY {part}) AS total
  FROM h
)
SELECT {part},
  MIN(CASE WHEN 2 * cum >= total THEN days END) AS lower_middle,
  MIN(CASE WHEN 2 * cum >= total + 1 THEN days END) AS upper_middle
FROM c
GROUP BY {part}
"""
    return counts, medians


# --- finalisation (one row per group) ---------------------------------------------------------


def _label(key: str, value: Any) -> Any:
    if value is None:
        return None
    if key == "month":
        v = int(value)
        return f"{v // 100:04d}-{v % 100:02d}"
    if key == "quarter":
        v = int(value)
        return f"{v // 10:04d}Q{v % 10}"
    if key in ("year", "step"):
        return int(value)
    return str(value)


def _sort_key(keys: tuple[Any, ...]) -> tuple[tuple[bool, Any], ...]:
    return tuple((k is None, k if k is not None else 0) for k in keys)


def _as_int(value: Any) -> int:
    return 0 if value is None else int(value)


def _quarter_of_month(month: str) -> str:
    return f"{month[:4]}Q{(int(month[5:7]) + 2) // 3}"


def _year_of(period: str) -> int:
    return int(period[:4])


def table_spec(
    kind: ReportKind, keys: Sequence[GroupKey], unit_county: Mapping[str, str] | None = None
) -> TableSpec:
    """The report as the disclosure rule sees it: counts, rates, medians, and which coarser
    groupings are sums of it (month -> quarter -> year; unit -> county when ``unit_county`` maps
    each unit to its one county and the report does not group by county already)."""
    hierarchy: dict[str, tuple[Any, ...]] = {
        "month": (_quarter_of_month, _year_of),
        "quarter": (_year_of,),
        **geography_hierarchy(keys, unit_county),
    }
    if kind == "outcomes":
        return TableSpec(tuple(str(k) for k in keys), "finished", OUTCOME_COUNTS, OUTCOME_RATES, (), hierarchy)
    return TableSpec(tuple(str(k) for k in keys), "referrals", ACCESS_COUNTS, ACCESS_RATES, ACCESS_MEDIANS, hierarchy)


def _publish(
    kind: ReportKind,
    keys: tuple[GroupKey, ...],
    exact: list[dict[str, Any]],
    definitions: Definitions,
    policy: Policy,
    unit_county: Mapping[str, str] | None,
) -> Report:
    exact.sort(key=lambda row: _sort_key(tuple(row[k] for k in keys)))
    try:
        published = protect(table_spec(kind, keys, unit_county), exact, policy)
    except GroupingTooFine as exc:
        raise ReportError(f"group_by: {exc.errors[0]['reason']}") from None
    columns = measure_columns(kind)
    groups = [{**{str(k): row[k] for k in keys}, **{c: row[c] for c in columns}} for row in published]
    return Report(kind, keys, groups, definitions, policy)


def finalize_outcomes(
    group_by: Sequence[GroupKey],
    rows: Iterable[Sequence[Any]],
    definitions: Definitions = DEFAULT_DEFINITIONS,
    policy: Policy = DEFAULT_POLICY,
    unit_county: Mapping[str, str] | None = None,
) -> Report:
    """Rows ``(group keys..., finished, not_at_caseness, recovered, improved, deteriorated,
    reliably_recovered, programme_ended, programme_completed)`` -> the published report."""
    keys = tuple(group_by)
    n = len(keys)
    exact = []
    for row in rows:
        group: dict[str, Any] = {str(k): _label(k, v) for k, v in zip(keys, row[:n], strict=True)}
        group.update(zip(OUTCOME_COUNTS, (_as_int(v) for v in row[n : n + len(OUTCOME_COUNTS)]), strict=True))
        exact.append(group)
    return _publish("outcomes", keys, exact, definitions, policy, unit_county)


def finalize_access(
    group_by: Sequence[GroupKey],
    count_rows: Iterable[Sequence[Any]],
    median_rows: Iterable[Sequence[Any]],
    definitions: Definitions = DEFAULT_DEFINITIONS,
    policy: Policy = DEFAULT_POLICY,
    unit_county: Mapping[str, str] | None = None,
) -> Report:
    """Counts and median parts (see :func:`access_sql`) -> the published access report."""
    keys = tuple(group_by)
    n = len(keys)
    medians: dict[tuple[str, tuple[Any, ...]], float] = {}
    for row in median_rows:
        labels = tuple(_label(k, v) for k, v in zip(keys, row[1 : n + 1], strict=True))
        medians[(str(row[0]), labels)] = (int(row[n + 1]) + int(row[n + 2])) / 2
    exact = []
    for row in count_rows:
        labels = tuple(_label(k, v) for k, v in zip(keys, row[:n], strict=True))
        group: dict[str, Any] = dict(zip((str(k) for k in keys), labels, strict=True))
        group.update(zip(ACCESS_COUNTS, (_as_int(v) for v in row[n : n + len(ACCESS_COUNTS)]), strict=True))
        group["median_days_to_assessment"] = medians.get(("a", labels))
        group["median_days_to_first_treatment"] = medians.get(("t", labels))
        exact.append(group)
    return _publish("access", keys, exact, definitions, policy, unit_county)


# --- the months a report covers ---------------------------------------------------------------

MonthRange = tuple[str | None, str | None]


def period_column(kind: str) -> str:
    """The episode date that places an episode in a period: the end of treatment for outcomes (a
    finished episode counts in the month it ended), the referral for access."""
    return "end_date" if measure_columns(kind) is OUTCOME_COLUMNS else "referral_date"


def parse_month(value: str | None, field: str) -> str | None:
    """``"2025-03"`` -> ``"2025-03"`` (checked); empty -> None; anything else a :class:`ReportError`
    naming ``field``."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    if len(text) != 7 or text[4] != "-" or not (text[:4].isdigit() and text[5:].isdigit()):
        raise ReportError(f"{field}: not a month; expected YYYY-MM, got {text!r}")
    year, month = int(text[:4]), int(text[5:])
    if not 1 <= month <= 12 or not 1900 <= year <= 9998:
        raise ReportError(f"{field}: not a month; expected YYYY-MM, got {text!r}")
    return text


def parse_months(first: str | None, last: str | None) -> MonthRange:
    """The checked month range; the first month may not come after the last."""
    a, b = parse_month(first, "date_from"), parse_month(last, "date_to")
    if a is not None and b is not None and a > b:
        raise ReportError("date_to: must not be before date_from")
    return a, b


def _date_literal(dialect: str, day: str) -> str:
    # SQLite keeps dates as ISO text, which sorts as dates do; the others compare typed dates.
    return f"'{day}'" if dialect == "sqlite" else f"DATE '{day}'"


def restrict_months(
    relations: Relations, dialect: str, kind: str, first: str | None, last: str | None
) -> Relations:
    """Relations limited to episodes whose period date (:func:`period_column`) is in the months
    ``first`` .. ``last`` (``YYYY-MM``, both included; ``None`` = open)."""
    first, last = parse_months(first, last)
    if first is None and last is None:
        return relations
    column = period_column(kind)
    conditions = []
    if first is not None:
        conditions.append(f"dated.{column} >= {_date_literal(dialect, first + '-01')}")
    if last is not None:
        year, month = int(last[:4]), int(last[5:])
        after = f"{year + month // 12:04d}-{month % 12 + 1:02d}-01"
        conditions.append(f"dated.{column} < {_date_literal(dialect, after)}")
    where = " AND ".join(conditions)
    episodes = f"(SELECT * FROM {relations.episodes} AS dated WHERE {where})"
    return replace(relations, episodes=episodes)


# --- running ----------------------------------------------------------------------------------


class Connection(Protocol):
    """Any DB-API-like connection: sqlite3, psycopg, duckdb, or Django's ``connection``."""

    def cursor(self) -> Any: ...


def _fetch(connection: Connection, sql: str, dialect: str) -> list[Sequence[Any]]:
    if dialect == "spark":  # a SparkSession: the rows are collected to the driver (one per group)
        return [tuple(row) for row in connection.sql(sql).collect()]  # type: ignore[attr-defined]
    if dialect == "duckdb":
        # a DuckDB cursor is a new connection that would not see relations registered on this one
        return list(connection.execute(sql).fetchall())  # type: ignore[attr-defined]
    cursor = connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _unit_counties(connection: Connection, dialect: str, relations: Relations) -> dict[str, str] | None:
    """Each unit's county, when every unit of the data has exactly one (else None)."""
    rows = _fetch(connection, f"SELECT DISTINCT unit_id, county_code FROM {relations.episodes} AS e", dialect)
    out: dict[str, str] = {}
    for unit, county in rows:
        if out.setdefault(str(unit), str(county)) != str(county):
            return None
    return out


def run_report(
    connection: Connection,
    dialect: Dialect,
    kind: ReportKind,
    group_by: Sequence[GroupKey] = (),
    *,
    relations: Relations | None = None,
    definitions: Definitions = DEFAULT_DEFINITIONS,
    policy: Policy = DEFAULT_POLICY,
    months: MonthRange = (None, None),
) -> Report:
    """Run the ``outcomes`` or ``access`` report on an open database connection and publish it
    under ``policy``; ``months`` (first, last as ``YYYY-MM``, either open) limits it to the episodes
    whose period date (see :func:`period_column`) falls in those months."""
    return run_reports(
        connection, dialect, kind, group_by, relations=relations, definitions=definitions, policies=(policy,),
        months=months,
    )[0]


def run_reports(
    connection: Connection,
    dialect: Dialect,
    kind: ReportKind,
    group_by: Sequence[GroupKey] = (),
    *,
    relations: Relations | None = None,
    definitions: Definitions = DEFAULT_DEFINITIONS,
    policies: Sequence[Policy] = (DEFAULT_POLICY,),
    months: MonthRange = (None, None),
) -> list[Report]:
    """The report published under each of ``policies``, from one run of its queries (``months``
    as in :func:`run_report`)."""
    _check(dialect, kind)
    keys = tuple(group_by)
    rel = restrict_months(relations or Relations(), dialect, kind, *months)
    unit_county = None
    if any(p.rounds for p in policies) and GroupKey.UNIT in keys and GroupKey.COUNTY not in keys:
        unit_county = _unit_counties(connection, dialect, rel)
    if kind == "outcomes":
        try:
            rows = _fetch(connection, outcomes_sql(dialect, keys, rel, definitions), dialect)
        except Exception as exc:  # the DuckDB error type is not importable without duckdb
            if dialect != "duckdb" or NARROW_KEY_ERROR not in str(exc):
                raise
            rows = _fetch(connection, outcomes_sql(dialect, keys, rel, definitions, wide_ids=True), dialect)
        return [
            finalize_outcomes(keys, rows, definitions, p, unit_county if p.rounds else None) for p in policies
        ]
    counts_sql, medians_sql = access_sql(dialect, keys, rel, definitions)
    counts = _fetch(connection, counts_sql, dialect)
    medians = _fetch(connection, medians_sql, dialect)
    return [
        finalize_access(keys, counts, medians, definitions, p, unit_county if p.rounds else None)
        for p in policies
    ]


# --- DuckDB over a folder of Parquet or CSV files ---------------------------------------------


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _folder_source(folder: Path, table: str) -> tuple[str, bool]:
    """DuckDB table function reading ``table`` from ``folder``; second value: is it CSV."""
    single = folder / f"{table}.parquet"
    if single.is_file():
        return f"read_parquet({_quote(str(single))})", False
    sub = folder / table
    if sub.is_dir():
        if any(sub.rglob("*.parquet")):
            pattern = str(sub / "**" / "*.parquet")
            return f"read_parquet({_quote(pattern)}, hive_partitioning = true, union_by_name = true)", False
        first_csv = next(iter(sorted(sub.rglob("*.csv"))), None)
        if first_csv is not None:
            return _csv_source(table, str(sub / "**" / "*.csv"), first_csv), True
    csv_file = folder / f"{table}.csv"
    if csv_file.is_file():
        return _csv_source(table, str(csv_file), csv_file), True
    raise ReportError(
        f"source: no {table} table in {folder} (expected {table}.parquet, a folder {table}/ of Parquet "
        f"or CSV files, or {table}.csv)"
    )


def _csv_header(path: Path) -> set[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {name.strip().strip('"') for name in fh.readline().strip().split(",")}


def _csv_source(table: str, path: str, first_file: Path | None = None) -> str:
    spec = TABLES.get(table) or OPTIONAL_TABLES[table]
    # An optional column an older file lacks is left out here and read as NULL (folder_relations).
    header = _csv_header(first_file) if first_file is not None else set(spec.column_names)
    columns = ", ".join(
        f"{_quote(c.name)}: {_quote(SQL_TYPES[c.type])}" for c in spec.columns if c.required or c.name in header
    )
    return f"read_csv({_quote(path)}, header = true, columns = {{{columns}}}, dateformat = '%Y-%m-%d')"


_DUCKDB_FAMILIES = {
    "int": ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER"),
    "string": ("VARCHAR",),
    "date": ("DATE",),
}


def _native_columns(con: Any, table: str, source: str) -> set[str]:
    """Columns whose type in the files already works as the interchange type (no CAST needed)."""
    described = {
        str(row[0]): str(row[1]) for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    }
    found = set()
    for column in (TABLES.get(table) or OPTIONAL_TABLES[table]).columns:
        if described.get(column.name) in _DUCKDB_FAMILIES.get(column.type, ()):
            found.add(column.name)
    return found


def _present_columns(con: Any, source: str) -> set[str]:
    """The columns the files have (an optional column an older file lacks reads as NULL: unknown)."""
    return {str(row[0]) for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}


def folder_relations(folder: str | Path) -> Relations:
    """DuckDB relations over a data-set folder (Parquet, partitioned Parquet, or CSV)."""
    root = Path(folder)
    if not root.is_dir():
        raise ReportError(f"source: {root} is not a folder")
    import duckdb

    parts: dict[str, str] = {}
    con = duckdb.connect(":memory:")
    for table in TABLE_NAMES:
        source, _is_csv = _folder_source(root, table)
        spec = TABLES[table]
        native = _native_columns(con, table, source)
        present = _present_columns(con, source)
        cols = ", ".join(
            c.name if c.name in native
            else f"CAST(NULL AS {SQL_TYPES[c.type]}) AS {c.name}" if c.name not in present and not c.required
            else f"CAST({c.name} AS {SQL_TYPES[c.type]}) AS {c.name}"
            for c in spec.columns
            if c.type != "int_list"
        )
        parts[table] = f"(SELECT {cols} FROM {source})"
    assignments = None
    for table, spec in OPTIONAL_TABLES.items():  # absent: nothing of that kind happened
        try:
            source, _is_csv = _folder_source(root, table)
        except ReportError:
            continue
        native = _native_columns(con, table, source)
        cols = ", ".join(c.name if c.name in native else f"CAST({c.name} AS {SQL_TYPES[c.type]}) AS {c.name}"
                         for c in spec.columns)
        assignments = f"(SELECT {cols} FROM {source})"
    con.close()
    return Relations(parts["episodes"], parts["appointments"], parts["measurements"], assignments)


def _quote_text(text: str, dialect: str = "duckdb") -> str:
    if dialect == "spark":  # Spark SQL reads backslash escapes and takes '' as two adjacent literals
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return "'" + text.replace("'", "''") + "'"


Restriction = tuple[Iterable[str] | None, Iterable[str] | None]


def restrict(
    relations: Relations, counties: Iterable[str] | None, units: Iterable[str] | None, dialect: str = "duckdb"
) -> Relations:
    """Relations limited to episodes of the given counties or units (``None`` = no limit).

    Appointments and measurements need no filter: the report reaches them only through episodes.
    """
    if counties is None and units is None:
        return relations
    conditions = []
    county_list = sorted(set(counties or ()))
    unit_list = sorted(set(units or ()))
    if county_list:
        conditions.append(f"county_code IN ({', '.join(_quote_text(c, dialect) for c in county_list)})")
    if unit_list:
        conditions.append(f"unit_id IN ({', '.join(_quote_text(u, dialect) for u in unit_list)})")
    where = " OR ".join(conditions) if conditions else "1 = 0"
    episodes = f"(SELECT * FROM {relations.episodes} AS scoped WHERE {where})"
    return replace(relations, episodes=episodes)


def report_from_folder(
    folder: str | Path,
    kind: ReportKind,
    group_by: Sequence[GroupKey] = (),
    *,
    definitions: Definitions = DEFAULT_DEFINITIONS,
    policy: Policy = DEFAULT_POLICY,
    restrictions: Sequence[Restriction] = (),
    months: MonthRange = (None, None),
    threads: int | None = None,
    memory_limit: str | None = None,
) -> Report:
    """Run a report with DuckDB (in-process) over a data-set folder; each of ``restrictions``
    (county codes, unit codes) narrows the episodes further (see :func:`restrict`), and ``months``
    limits them to a range of months (see :func:`restrict_months`)."""
    import duckdb

    relations = folder_relations(folder)
    for counties, units in restrictions:
        relations = restrict(relations, counties, units)
    config: dict[str, Any] = {}
    if threads is not None:
        config["threads"] = threads
    if memory_limit is not None:
        config["memory_limit"] = memory_limit
    con = duckdb.connect(":memory:", config=config)
    try:
        return run_report(
            con,
            "duckdb",
            kind,
            group_by,
            relations=relations,
            definitions=definitions,
            policy=policy,
            months=months,
        )
    finally:
        con.close()
