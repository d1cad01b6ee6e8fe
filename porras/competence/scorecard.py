"""Scorecards for decision-makers: one page per county, and the counties side by side
(docs/product.md §6 J).

Every figure comes from the reports' engine (``porras.outcomes``: the access and outcome reports over
the configured source, with their definitions and the one disclosure rule) and from the capacity
estimate of this app; each county figure has the national figure beside it. The national figures
are published like any report to a reader who may not read the records (rounded, small counts
withheld), unless the reader may read every record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied

from porras.accounts import audit, authz
from porras.accounts.domain.areas import CollaborativeArea, area_of, collaborative_areas
from porras.accounts.models import County
from porras.accounts.roles import Perm
from porras.competence.domain.capacity import Estimate, NeedGroup
from porras.competence.services import estimate_groups
from porras.lib.disclosure import Policy
from porras.lib.errors import NotFound
from porras.outcomes import services as reports
from porras.outcomes.domain.definitions import GroupKey

# (report, column, kind) of the figures on a scorecard, in their order.
ACCESS_LINES = (
    ("referrals", "count"),
    ("median_days_to_first_treatment", "days"),
    ("treated_within_6_weeks_rate", "rate"),
    ("therapy_guarantee_rate", "rate"),
    ("care_guarantee_rate", "rate"),
    ("completion_rate", "rate"),
)
OUTCOME_LINES = (
    ("finished", "count"),
    ("recovery_rate", "rate"),
    ("reliable_improvement_rate", "rate"),
    ("reliable_recovery_rate", "rate"),
)
TREND_COLUMNS = (("access", "referrals"), ("access", "care_guarantee_rate"), ("outcomes", "recovery_rate"))


@dataclass(frozen=True)
class Line:
    column: str
    kind: str  # count | rate | days
    county: Any
    nation: Any


@dataclass(frozen=True)
class CapacityLine:
    group: NeedGroup
    county: Estimate
    nation: Estimate


@dataclass
class Scorecard:
    county: County
    collaborative_area: CollaborativeArea | None
    access: list[Line]
    outcomes: list[Line]
    capacity: list[CapacityLine]
    trends: list[dict[str, Any]]  # {"year", "<report>.<column>": (county, nation)}
    policy: Policy
    national_policy: Policy
    source: str = field(default="db")


def scorecard_counties(actor: Any) -> list[County]:
    """Counties the actor may see a whole-county scorecard of (a county or national aggregate scope)."""
    authz.require(actor, Perm.AGGREGATE_READ)
    scope = authz.scope(actor, Perm.AGGREGATE_READ)
    if scope.everywhere:
        return list(County.objects.order_by("name_fi"))
    return list(County.objects.filter(pk__in=scope.county_ids).order_by("name_fi"))


def _national_policy(actor: Any) -> Policy:
    if authz.scope(actor, Perm.AGGREGATE_READ).everywhere:
        return reports.policy_for(actor)
    return Policy.from_settings(settings)


def _first(report: Any) -> dict[str, Any]:
    return report.groups[0] if report.groups else {}


def _by(report: Any, key: str) -> dict[Any, dict[str, Any]]:
    return {row[key]: row for row in report.groups}


def county_scorecard(actor: Any, code: str) -> Scorecard:
    counties = scorecard_counties(actor)
    county = next((c for c in counties if c.code == code), None)
    if county is None:
        audit.record(actor, "competence.scorecard.read", "county", code, outcome=audit.Outcome.DENIED)
        if not counties:
            raise PermissionDenied(Perm.AGGREGATE_READ.value)
        raise NotFound(f"no county {code!r}")
    source = reports.configured_source()
    policy, national = reports.policy_for(actor), _national_policy(actor)

    def run(kind: str, keys: tuple[GroupKey, ...], *, whole_country: bool) -> Any:
        return reports.run(kind, source, keys, policy=national if whole_country else policy,
                           county=None if whole_country else code)

    access_c, access_n = _first(run("access", (), whole_country=False)), _first(run("access", (), whole_country=True))
    outc_c, outc_n = _first(run("outcomes", (), whole_country=False)), _first(run("outcomes", (), whole_country=True))
    access = [Line(col, kind, access_c.get(col), access_n.get(col)) for col, kind in ACCESS_LINES]
    outcomes = [Line(col, kind, outc_c.get(col), outc_n.get(col)) for col, kind in OUTCOME_LINES]
    every = [c.code for c in County.objects.all()]
    national_groups = {g.code: e for g, e, _ in estimate_groups("national", every)}
    capacity = [CapacityLine(g, e, national_groups[g.code]) for g, e, _ in estimate_groups(code, [code])]
    yearly = {
        (kind, whole): _by(run(kind, (GroupKey.YEAR,), whole_country=whole), "year")
        for kind in ("access", "outcomes") for whole in (False, True)
    }
    years = sorted({y for table in yearly.values() for y in table})[-3:]
    trends = []
    for year in years:
        row: dict[str, Any] = {"year": year}
        for kind, column in TREND_COLUMNS:
            row[f"{kind}.{column}"] = (yearly[(kind, False)].get(year, {}).get(column),
                                       yearly[(kind, True)].get(year, {}).get(column))
        trends.append(row)
    audit.record(actor, "competence.scorecard.read", "county", code)
    return Scorecard(county, area_of(county.code), access, outcomes, capacity, trends, policy, national, source)


@dataclass(frozen=True)
class CountyRow:
    county: County
    collaborative_area: CollaborativeArea | None
    referrals: Any
    care_guarantee_rate: Any
    recovery_rate: Any
    trained: int
    to_train: int
    coverage: Any


@dataclass(frozen=True)
class AreaRow:
    area: CollaborativeArea
    referrals: Any
    care_guarantee_rate: Any
    recovery_rate: Any
    trained: int
    to_train: int
    coverage: Any


def area_comparison(actor: Any) -> list[AreaRow]:
    """The five collaborative areas side by side (national readers only; others get none)."""
    if not authz.scope(actor, Perm.AGGREGATE_READ).everywhere:
        return []
    source, policy = reports.configured_source(), reports.policy_for(actor)
    rows = []
    for area in collaborative_areas().values():
        counties = list(area.counties)
        access = _first(reports.run("access", source, (), policy=policy, scope=(counties, None)))
        outcomes = _first(reports.run("outcomes", source, (), policy=policy, scope=(counties, None)))
        adults = next(e for g, e, _ in estimate_groups(area.code, counties) if g.code == "adult_common")
        rows.append(AreaRow(area, access.get("referrals"), access.get("care_guarantee_rate"),
                            outcomes.get("recovery_rate"), adults.trained, adults.to_train,
                            float(adults.coverage) if adults.coverage is not None else None))
    return rows


def county_comparison(actor: Any) -> tuple[list[CountyRow], Policy]:
    """The counties the actor may see, side by side, ordered by collaborative area."""
    counties = scorecard_counties(actor)
    source = reports.configured_source()
    policy = reports.policy_for(actor) if authz.scope(actor, Perm.AGGREGATE_READ).everywhere else _national_policy(actor)
    codes = [c.code for c in counties]
    access = _by(reports.run("access", source, (GroupKey.COUNTY,), policy=policy, scope=(codes, None)), "county")
    outcomes = _by(reports.run("outcomes", source, (GroupKey.COUNTY,), policy=policy, scope=(codes, None)), "county")
    order = {code: i for i, code in enumerate(c for a in collaborative_areas().values() for c in a.counties)}
    rows = []
    for county in sorted(counties, key=lambda c: order.get(c.code, len(order))):
        adults = next(e for g, e, _ in estimate_groups(county.code, [county.code]) if g.code == "adult_common")
        rows.append(CountyRow(
            county, area_of(county.code), access.get(county.code, {}).get("referrals"),
            access.get(county.code, {}).get("care_guarantee_rate"), outcomes.get(county.code, {}).get("recovery_rate"),
            adults.trained, adults.to_train, float(adults.coverage) if adults.coverage is not None else None,
        ))
    audit.record(actor, "competence.scorecard.list", "county", "", detail={"counties": codes})
    return rows, policy
