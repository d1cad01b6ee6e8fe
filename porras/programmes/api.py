"""JSON API of strategy programmes, projects, grants, indicators and funding reports.

Reading is public (the portfolio is public information); writing needs ``Perm.PROGRAMME_EDIT``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field

from porras.lib.downloads import TABULAR_FORMATS, tabular_download
from porras.lib.errors import InputError, NotFound
from porras.lib.schema import EventDate, Input
from porras.programmes import models as m
from porras.programmes import services
from porras.programmes.domain import FUNDING_DIMENSIONS

router = Router(tags=["programmes"])


class Names(Schema):
    fi: str
    sv: str
    en: str


class ProjectOut(Schema):
    code: str
    name: str
    funding_round: str
    listed_as: str
    region_as_listed: str | None
    organisation_as_listed: str | None
    county: str | None
    start: date | None
    end: date | None


class GrantOut(Schema):
    code: str
    entity: str
    project: str | None
    amount_eur: Decimal
    approximate: bool
    year: int
    decision: str
    decision_date: date | None
    period_start: date | None
    period_end: date | None
    recipient: str
    source: str


class EntityOut(Schema):
    code: str
    name: Names
    abbreviation: str
    programme: str
    priority_area: int | None
    parent: str | None
    projects_stated: int | None
    granted_total_eur: Decimal
    granted_total_approximate: bool
    projects: list[ProjectOut]
    source: str


class InnokylaOut(Schema):
    short_description: str
    purpose_and_goals: str
    main_goal: str
    period_text: str
    start: date | None
    end: date | None
    actors: list[str]
    place: str
    funder: str
    contact_person: str
    contact_organisation: str
    author: str
    created: date | None
    modified: date | None
    starting_point_and_strategic_links: str
    outputs_and_results: str
    source: str


class EntityDetailOut(EntityOut):
    description: InnokylaOut
    grants: list[GrantOut]


class ProgrammeOut(Schema):
    code: str
    kind: str
    name: Names
    parent: str | None
    start: date | None
    end: date | None
    source: str


class PriorityAreaOut(Schema):
    number: int
    key: str
    name: Names


class StrategyOut(Schema):
    programmes: list[ProgrammeOut]
    priority_areas: list[PriorityAreaOut]


def _project_out(p: m.Project) -> ProjectOut:
    return ProjectOut(
        code=p.code,
        name=p.name,
        funding_round=p.funding_round,
        listed_as=p.listed_as,
        region_as_listed=p.region_as_listed or None,
        organisation_as_listed=p.organisation_as_listed or None,
        county=p.county.code if p.county else None,
        start=p.start,
        end=p.end,
    )


def _grant_out(g: m.Grant) -> GrantOut:
    return GrantOut(
        code=g.code,
        entity=g.entity.code,
        project=g.project.code if g.project else None,
        amount_eur=g.amount_eur,
        approximate=g.approximate,
        year=g.year,
        decision=g.decision_ref,
        decision_date=g.decision_date,
        period_start=g.period_start,
        period_end=g.period_end,
        recipient=g.recipient,
        source=g.source,
    )


def _entity_out(entry: services.PortfolioEntry) -> dict[str, Any]:
    e = entry.entity
    return {
        "code": e.code,
        "name": e.names(),
        "abbreviation": e.abbreviation,
        "programme": e.programme.code,
        "priority_area": e.priority_area.number if e.priority_area else None,
        "parent": e.parent.code if e.parent else None,
        "projects_stated": e.projects_stated,
        "granted_total_eur": entry.granted_total_eur,
        "granted_total_approximate": entry.granted_total_approximate,
        "projects": [_project_out(p) for p in entry.projects],
        "source": e.source,
    }


@router.get(
    "/programmes", response=list[EntityOut], auth=None, summary="Programme entities with projects and totals"
)
def list_programmes(request: HttpRequest) -> list[dict[str, Any]]:
    """Every programme entity with its projects and the total of its grants (public)."""
    return [_entity_out(entry) for entry in services.portfolio()]


@router.get(
    "/programmes/strategy", response=StrategyOut, auth=None, summary="The strategy and its priority areas"
)
def strategy(request: HttpRequest) -> dict[str, Any]:
    return {
        "programmes": [
            {
                "code": p.code,
                "kind": p.kind,
                "name": p.names(),
                "parent": p.parent.code if p.parent else None,
                "start": p.start,
                "end": p.end,
                "source": p.source,
            }
            for p in m.Programme.objects.select_related("parent")
        ],
        "priority_areas": [
            {"number": a.number, "key": a.key, "name": a.names()} for a in m.PriorityArea.objects.all()
        ],
    }


@router.get(
    "/programmes/entities/{code}", response=EntityDetailOut, auth=None, summary="One programme entity"
)
def entity_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    entry = next((e for e in services.portfolio() if e.entity.code == code), None)
    if entry is None:
        raise NotFound(f"programme entity {code!r} not found")
    d = entry.entity.description_record()
    return {
        **_entity_out(entry),
        "description": {**d.__dict__, "actors": list(d.actors), "source": entry.entity.source},
        "grants": [_grant_out(g) for g in entry.grants],
    }


@router.get("/programmes/projects", response=list[ProjectOut], auth=None, summary="Projects")
def list_projects(
    request: HttpRequest, entity: str | None = None, county: str | None = None
) -> list[ProjectOut]:
    qs = m.Project.objects.select_related("county", "entity")
    if entity:
        qs = qs.filter(entity__code=entity)
    if county:
        qs = qs.filter(county__code=county)
    return [_project_out(p) for p in qs]


@router.get("/programmes/grants", response=list[GrantOut], auth=None, summary="State grants")
def list_grants(request: HttpRequest, year: int | None = None) -> list[GrantOut]:
    qs = m.Grant.objects.select_related("entity", "project")
    if year is not None:
        qs = qs.filter(year=year)
    return [_grant_out(g) for g in qs]


class GrantIn(Input):
    """A state grant; the year lies between 1990 and five years ahead, the period ends on or after
    it starts, a project belongs to the entity."""

    code: str = Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=80)
    entity: str = Field(max_length=80)
    project: str | None = Field(default=None, max_length=80)
    amount_eur: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    approximate: bool = False
    year: int
    decision: str = Field(default="", max_length=120)
    decision_date: EventDate | None = None
    period_start: EventDate | None = None
    period_end: EventDate | None = None
    recipient: str = Field(default="", max_length=200)
    source: str = Field(min_length=1)


@router.post("/programmes/grants", response={201: GrantOut}, summary="Record a state grant")
def create_grant(request: HttpRequest, payload: GrantIn) -> Status:
    grant = services.record_grant(request.user, services.GrantInput(**payload.dict()))
    return Status(201, _grant_out(grant))


FundingFormat = Literal["json", "csv", "xlsx"]


def _parse_by(by: str) -> tuple[str, ...]:
    dims = tuple(d.strip() for d in by.split(",") if d.strip())
    bad = [d for d in dims if d not in FUNDING_DIMENSIONS]
    if not dims or bad:
        raise InputError(
            [{"field": "by", "reason": f"use one or more of {', '.join(FUNDING_DIMENSIONS)}"}]
        )
    return dims


@router.get(
    "/programmes/reports/funding", auth=None, summary="Funding by programme, priority area, region, year"
)
def funding_report(request: HttpRequest, by: str = "programme,year", format: FundingFormat = "json") -> Any:
    dims = _parse_by(by)
    rows = services.funding_rows_as_dicts(services.funding_report(dims))
    columns = [*dims, "amount_eur", "grants", "approximate"]
    if format in TABULAR_FORMATS:
        return tabular_download(rows, columns, format, "funding")
    return {"by": list(dims), "rows": [{**r, "amount_eur": str(r["amount_eur"])} for r in rows]}


class TimelineOut(Schema):
    project: str
    entity: str
    name: str
    funding_round: str
    start: date | None
    end: date | None
    county: str | None


@router.get("/programmes/reports/timeline", response=list[TimelineOut], auth=None, summary="Project timeline")
def timeline(request: HttpRequest, entity: str | None = None) -> list[TimelineOut]:
    return [
        TimelineOut(
            project=r.project,
            entity=r.entity,
            name=r.name,
            funding_round=r.round,
            start=r.start,
            end=r.end,
            county=r.county_code,
        )
        for r in services.timeline(entity)
    ]


class IndicatorOut(Schema):
    code: str
    name: Names
    unit: str
    higher_is_better: bool
    entity: str | None
    project: str | None
    is_demo: bool


class IndicatorPointOut(Schema):
    on: date
    value: Decimal
    target: Decimal | None
    met: bool | None


class IndicatorHistoryOut(Schema):
    indicator: IndicatorOut
    points: list[IndicatorPointOut]
    targets: list[tuple[date, Decimal]]
    change: Decimal | None


def _indicator_out(i: m.Indicator) -> IndicatorOut:
    return IndicatorOut(
        code=i.code,
        name=Names(**i.names()),
        unit=i.unit,
        higher_is_better=i.higher_is_better,
        entity=i.entity.code if i.entity else None,
        project=i.project.code if i.project else None,
        is_demo=i.is_demo,
    )


@router.get("/programmes/indicators", response=list[IndicatorOut], auth=None, summary="Indicators")
def list_indicators(request: HttpRequest) -> list[IndicatorOut]:
    return [_indicator_out(i) for i in m.Indicator.objects.select_related("entity", "project")]


@router.get(
    "/programmes/indicators/{code}/history",
    response=IndicatorHistoryOut,
    auth=None,
    summary="Indicator values over time",
)
def indicator_history(request: HttpRequest, code: str) -> dict[str, Any]:
    indicator = get_object_or_404(m.Indicator.objects.select_related("entity", "project"), code=code)
    history = services.history_of(indicator)
    return {
        "indicator": _indicator_out(indicator),
        "points": [p.__dict__ for p in history.points],
        "targets": list(history.targets),
        "change": history.change,
    }


class IndicatorValueIn(Input):
    on: EventDate
    value: Decimal = Field(max_digits=16, decimal_places=4)
    kind: Literal["measured", "target"] = "measured"
    source: str = ""


@router.post(
    "/programmes/indicators/{code}/values",
    response={201: IndicatorPointOut},
    summary="Record an indicator value or target",
)
def add_indicator_value(request: HttpRequest, code: str, payload: IndicatorValueIn) -> Status:
    recorded = services.record_indicator_value(
        request.user, code, payload.on, payload.value, payload.kind, payload.source
    )
    point = next((p for p in services.history_of(recorded.indicator).points if p.on == payload.on), None)
    if point is None:  # a target: report it as a point without a measured comparison
        return Status(201, {"on": payload.on, "value": payload.value, "target": payload.value, "met": None})
    return Status(201, point.__dict__)
