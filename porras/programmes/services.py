"""Use cases of the programmes app: loading the public record, recording grants and indicator
values, the portfolio and the reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from porras.accounts import authz
from porras.accounts.models import County
from porras.accounts.roles import Perm
from porras.lib.errors import Conflict, InputError, NotFound
from porras.lib.schema import EARLIEST_EVENT, YEARS_AHEAD
from porras.programmes import models as m
from porras.programmes.domain import (
    FundingRow,
    IndicatorHistory,
    TimelineRow,
    funding,
    indicator_history,
    load_reference_data,
    project_timeline,
)
from porras.programmes.domain.reference import DATA_DIR, ReferenceData
from porras.programmes.domain.rules import RuleError, grant_errors


@dataclass(frozen=True)
class LoadSummary:
    programmes: int
    priority_areas: int
    entities: int
    projects: int
    grants: int
    unallocated: int


def _source_title(data: ReferenceData, source_id: str | None) -> str:
    for source in data.sources:
        if source.id == source_id:
            return source.title
    return source_id or ""


@transaction.atomic
def load_public_record(data_dir: Path = DATA_DIR) -> LoadSummary:
    """Create or update the reference data (strategy, entities, projects, grants). Idempotent."""
    data = load_reference_data(data_dir)
    area_source = ", ".join(
        sorted(
            {
                _source_title(data, s)
                for s in (
                    "stm-mielenterveysstrategia-fi",
                    "stm-mental-health-strategy-sv",
                    "stm-mental-health-strategy-en",
                )
            }
        )
    )
    programmes: dict[str, m.Programme] = {}
    for p in data.programmes:
        programmes[p.id], _ = m.Programme.objects.update_or_create(
            code=p.id,
            defaults={
                "kind": p.kind,
                "name_fi": p.name["fi"],
                "name_sv": p.name["sv"],
                "name_en": p.name["en"],
                "parent": programmes.get(p.parent) if p.parent else None,
                "start": p.start,
                "end": p.end,
                "funder": p.funder,
                "coordinator": p.coordinator,
                "source": "; ".join(sorted({_source_title(data, s) for s in p.name_sources.values()})),
            },
        )
    areas: dict[int, m.PriorityArea] = {}
    for a in data.priority_areas:
        areas[a.number], _ = m.PriorityArea.objects.update_or_create(
            number=a.number,
            defaults={
                "key": a.key,
                "name_fi": a.name["fi"],
                "name_sv": a.name["sv"],
                "name_en": a.name["en"],
                "source": area_source,
            },
        )
    entities: dict[str, m.ProgrammeEntity] = {}
    for e in data.entities:
        d = e.description
        entities[e.id], _ = m.ProgrammeEntity.objects.update_or_create(
            code=e.id,
            defaults={
                "programme": programmes[e.programme],
                "priority_area": areas.get(e.priority_area) if e.priority_area else None,
                "parent": entities.get(e.parent) if e.parent else None,
                "abbreviation": e.abbreviation,
                "projects_stated": e.projects_stated,
                "name_fi": e.name["fi"],
                "name_sv": e.name["sv"],
                "name_en": e.name["en"],
                "short_description": d.short_description,
                "purpose_and_goals": d.purpose_and_goals,
                "main_goal": d.main_goal,
                "period_text": d.period_text,
                "start": d.start,
                "end": d.end,
                "actors": "\n".join(d.actors),
                "place": d.place,
                "funder": d.funder,
                "contact_person": d.contact_person,
                "contact_organisation": d.contact_organisation,
                "author": d.author,
                "created_on": d.created,
                "modified_on": d.modified,
                "starting_point": d.starting_point_and_strategic_links,
                "outputs_and_results": d.outputs_and_results,
                "source": _source_title(data, e.source),
            },
        )
    counties = {c.code: c for c in County.objects.all()}
    projects: dict[str, m.Project] = {}
    for pr in data.projects:
        projects[pr.id], _ = m.Project.objects.update_or_create(
            code=pr.id,
            defaults={
                "entity": entities[pr.entity],
                "name": pr.name,
                "funding_round": pr.round,
                "listed_as": pr.listed_as,
                "region_as_listed": pr.region_as_listed or "",
                "organisation_as_listed": pr.organisation_as_listed or "",
                "county": counties.get(pr.county_code) if pr.county_code else None,
                "funder": "Sosiaali- ja terveysministeriö (STM)",
                "contact_organisation": "Terveyden ja hyvinvoinnin laitos (THL)",
                "source": _source_title(data, "innokyla-mielenterveyden-edistaminen"),
            },
        )
    for g in data.grants:
        m.Grant.objects.update_or_create(
            code=g.id,
            defaults={
                "entity": entities[g.entity],
                "project": projects.get(g.project) if g.project else None,
                "amount_eur": g.amount_eur,
                "approximate": g.approximate,
                "decision_ref": g.decision or "",
                "decision_date": g.decision_date,
                "year": g.year,
                "period_start": g.period_start,
                "period_end": g.period_end,
                "recipient": g.recipient or "",
                "source": _source_title(data, g.source),
            },
        )
    decision_years = {d.id: d.year for d in data.decisions}
    for u in data.unallocated:
        m.UnallocatedFunds.objects.update_or_create(
            code=u.id,
            defaults={
                "decision_ref": u.decision,
                "year": decision_years[u.decision],
                "amount_eur": u.amount_eur,
                "approximate": u.approximate,
                "note_fi": u.note["fi"],
                "note_sv": u.note["sv"],
                "note_en": u.note["en"],
                "source": _source_title(data, u.source),
            },
        )
    return LoadSummary(
        len(data.programmes),
        len(data.priority_areas),
        len(data.entities),
        len(data.projects),
        len(data.grants),
        len(data.unallocated),
    )


def grant_years(today: date | None = None) -> tuple[int, int]:
    """The decision years a grant may have (inclusive): those of the plausible event dates of
    ``porras.lib.schema``, from 1990 to five years ahead."""
    today = today or timezone.localdate()
    return EARLIEST_EVENT.year, today.year + YEARS_AHEAD


def _refuse(errors: Sequence[RuleError]) -> None:
    if errors:
        raise InputError([{"field": e.field, "reason": e.reason} for e in errors])


@dataclass(frozen=True)
class GrantInput:
    """A state grant as a manager records it: entity and project by their codes."""

    code: str
    entity: str
    amount_eur: Decimal
    year: int
    source: str
    project: str | None = None
    approximate: bool = False
    decision: str = ""
    decision_date: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    recipient: str = ""


@transaction.atomic
def record_grant(user: Any, grant: GrantInput) -> m.Grant:
    """Record a state grant (``Perm.PROGRAMME_EDIT``); ``InputError`` naming each field that breaks
    a rule, ``Conflict`` when the code is taken."""
    authz.require(user, Perm.PROGRAMME_EDIT)
    entity = m.ProgrammeEntity.objects.filter(code=grant.entity).first()
    if entity is None:
        raise InputError([{"field": "entity", "reason": f"unknown programme entity {grant.entity!r}"}])
    project = None
    if grant.project:
        project = m.Project.objects.select_related("entity").filter(code=grant.project).first()
        if project is None:
            raise InputError([{"field": "project", "reason": f"unknown project {grant.project!r}"}])
    _refuse(
        grant_errors(
            entity=entity.code,
            project_entity=project.entity.code if project else None,
            amount_eur=grant.amount_eur,
            year=grant.year,
            period_start=grant.period_start,
            period_end=grant.period_end,
            years=grant_years(),
        )
    )
    try:
        with transaction.atomic():
            return m.Grant.objects.create(
                code=grant.code,
                entity=entity,
                project=project,
                amount_eur=grant.amount_eur,
                approximate=grant.approximate,
                year=grant.year,
                decision_ref=grant.decision,
                decision_date=grant.decision_date,
                period_start=grant.period_start,
                period_end=grant.period_end,
                recipient=grant.recipient,
                source=grant.source,
            )
    except IntegrityError as exc:
        raise Conflict(f"a grant with code {grant.code!r} already exists") from exc


@transaction.atomic
def record_indicator_value(
    user: Any, code: str, on: date, value: Decimal, kind: str, source: str = ""
) -> m.IndicatorValue:
    """Record a measured value or a target of an indicator (``Perm.PROGRAMME_EDIT``); ``NotFound``
    for an unknown indicator, ``Conflict`` when it already has a value of this kind on this day."""
    authz.require(user, Perm.PROGRAMME_EDIT)
    indicator = m.Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise NotFound(f"indicator {code!r} not found")
    try:
        with transaction.atomic():
            return m.IndicatorValue.objects.create(indicator=indicator, on=on, value=value, kind=kind, source=source)
    except IntegrityError as exc:
        raise Conflict(f"{indicator.code} already has a {kind} value on {on}") from exc


def _entities() -> list[m.ProgrammeEntity]:
    return list(m.ProgrammeEntity.objects.select_related("programme", "priority_area", "parent"))


def _grants() -> list[m.Grant]:
    return list(m.Grant.objects.select_related("entity", "project"))


def funding_report(by: tuple[str, ...]) -> list[FundingRow]:
    """Granted euros grouped by the given dimensions (see ``porras.programmes.domain.reports``)."""
    projects = [p.to_record() for p in m.Project.objects.select_related("entity", "county")]
    return funding([g.to_record() for g in _grants()], [e.to_record() for e in _entities()], projects, by=by)


def funding_rows_as_dicts(rows: list[FundingRow]) -> list[dict[str, Any]]:
    return [
        {**row.group, "amount_eur": row.amount_eur, "grants": row.grants, "approximate": row.approximate}
        for row in rows
    ]


@dataclass(frozen=True)
class PortfolioEntry:
    entity: m.ProgrammeEntity
    projects: list[m.Project]
    granted_total_eur: Decimal
    granted_total_approximate: bool
    grants: list[m.Grant]


def portfolio() -> list[PortfolioEntry]:
    """Every programme entity with its projects and granted total."""
    grants_by_entity: dict[int, list[m.Grant]] = {}
    for grant in _grants():
        grants_by_entity.setdefault(grant.entity_id, []).append(grant)
    projects_by_entity: dict[int, list[m.Project]] = {}
    for project in m.Project.objects.select_related("county").order_by("funding_round", "name"):
        projects_by_entity.setdefault(project.entity_id, []).append(project)
    entries = []
    for entity in _entities():
        grants = grants_by_entity.get(entity.pk, [])
        entries.append(
            PortfolioEntry(
                entity=entity,
                projects=projects_by_entity.get(entity.pk, []),
                granted_total_eur=sum((g.amount_eur for g in grants), Decimal(0)),
                granted_total_approximate=any(g.approximate for g in grants),
                grants=grants,
            )
        )
    return entries


def timeline(entity_code: str | None = None) -> list[TimelineRow]:
    projects = [p.to_record() for p in m.Project.objects.select_related("entity", "county")]
    return project_timeline(projects, entity=entity_code)


def history_of(indicator: m.Indicator) -> IndicatorHistory:
    return indicator_history(indicator.to_record(), [v.to_record() for v in indicator.values.all()])
