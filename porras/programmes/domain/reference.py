"""Loading the programme reference data (``porras/programmes/data/*.yaml``) into plain records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from porras.programmes.domain.model import (
    Decision,
    Grant,
    InnokylaDescription,
    PriorityArea,
    Programme,
    ProgrammeEntity,
    Project,
    Source,
    Unallocated,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LANGUAGES = ("fi", "sv", "en")


class ReferenceDataError(ValueError):
    """The reference data is inconsistent; the message names the file, record and field."""


@dataclass(frozen=True)
class ReferenceData:
    sources: tuple[Source, ...]
    programmes: tuple[Programme, ...]
    priority_areas: tuple[PriorityArea, ...]
    entities: tuple[ProgrammeEntity, ...]
    projects: tuple[Project, ...]
    decisions: tuple[Decision, ...]
    grants: tuple[Grant, ...]
    unallocated: tuple[Unallocated, ...]


def _read(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _names(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, Mapping) or set(raw) != set(LANGUAGES):
        raise ReferenceDataError(f"{where}: name needs exactly the languages {', '.join(LANGUAGES)}")
    return {lang: str(raw[lang]) for lang in LANGUAGES}


def _date(raw: Any, where: str) -> date | None:
    if raw is None or isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError as exc:
        raise ReferenceDataError(f"{where}: {raw!r} is not an ISO date") from exc


def _description(raw: Mapping[str, Any] | None, where: str) -> InnokylaDescription:
    raw = raw or {}
    return InnokylaDescription(
        short_description=str(raw.get("short_description", "")).strip(),
        purpose_and_goals=str(raw.get("purpose_and_goals", "")).strip(),
        main_goal=str(raw.get("main_goal", "")).strip(),
        period_text=str(raw.get("period_text", "")),
        start=_date(raw.get("start"), f"{where}.start"),
        end=_date(raw.get("end"), f"{where}.end"),
        actors=tuple(str(a) for a in raw.get("actors", [])),
        place=str(raw.get("place", "")),
        funder=str(raw.get("funder", "")),
        contact_person=str(raw.get("contact_person", "")),
        contact_organisation=str(raw.get("contact_organisation", "")),
        author=str(raw.get("author", "")),
        created=_date(raw.get("created"), f"{where}.created"),
        modified=_date(raw.get("modified"), f"{where}.modified"),
        starting_point_and_strategic_links=str(raw.get("starting_point_and_strategic_links", "")).strip(),
        outputs_and_results=str(raw.get("outputs_and_results", "")).strip(),
    )


def load_reference_data(data_dir: Path = DATA_DIR) -> ReferenceData:
    """Read and cross-check every reference file; raise :class:`ReferenceDataError` on a bad record."""
    sources = tuple(
        Source(
            id=str(s["id"]),
            title=" ".join(str(s["title"]).split()),
            publisher=str(s.get("publisher", "")),
            date=_date(s.get("date"), f"sources.yaml {s['id']}.date"),
            kept_as=s.get("kept_as"),
        )
        for s in _read(data_dir / "sources.yaml")
    )
    source_ids = {s.id for s in sources}

    def need_source(source: Any, where: str) -> str:
        if source not in source_ids:
            raise ReferenceDataError(f"{where}: unknown source {source!r}")
        return str(source)

    strategy = _read(data_dir / "strategy.yaml")
    programmes = []
    for p in strategy["programmes"]:
        where = f"strategy.yaml programme {p['id']}"
        for lang, src in p.get("name_sources", {}).items():
            need_source(src, f"{where}.name_sources.{lang}")
        programmes.append(
            Programme(
                id=str(p["id"]),
                kind=str(p["kind"]),
                name=_names(p["name"], where),
                start=_date(p.get("start"), f"{where}.start"),
                end=_date(p.get("end"), f"{where}.end"),
                parent=p.get("parent"),
                funder=str(p.get("funder", "")),
                coordinator=str(p.get("coordinator", "")),
                name_sources=dict(p.get("name_sources", {})),
            )
        )
    for lang, src in strategy["priority_area_name_sources"].items():
        need_source(src, f"strategy.yaml priority_area_name_sources.{lang}")
    priority_areas = tuple(
        PriorityArea(
            int(a["number"]), str(a["key"]), _names(a["name"], f"strategy.yaml priority area {a['number']}")
        )
        for a in strategy["priority_areas"]
    )
    programme_ids = {p.id for p in programmes}
    area_numbers = {a.number for a in priority_areas}

    entities = []
    for e in _read(data_dir / "entities.yaml")["entities"]:
        where = f"entities.yaml {e['id']}"
        if e["programme"] not in programme_ids:
            raise ReferenceDataError(f"{where}.programme: unknown programme {e['programme']!r}")
        if e.get("priority_area") is not None and e["priority_area"] not in area_numbers:
            raise ReferenceDataError(f"{where}.priority_area: unknown priority area {e['priority_area']!r}")
        for lang, src in e.get("name_sources", {}).items():
            need_source(src, f"{where}.name_sources.{lang}")
        entities.append(
            ProgrammeEntity(
                id=str(e["id"]),
                programme=str(e["programme"]),
                name=_names(e["name"], where),
                source=need_source(e["source"], f"{where}.source"),
                priority_area=e.get("priority_area"),
                parent=e.get("parent"),
                abbreviation=str(e.get("abbreviation", "")),
                projects_stated=e.get("projects_stated"),
                description=_description(e.get("innokyla"), f"{where}.innokyla"),
                name_sources=dict(e.get("name_sources", {})),
            )
        )
    entity_ids = {e.id for e in entities}
    for entity in entities:
        if entity.parent is not None and entity.parent not in entity_ids:
            raise ReferenceDataError(f"entities.yaml {entity.id}.parent: unknown entity {entity.parent!r}")

    projects = []
    for p in _read(data_dir / "projects.yaml")["projects"]:
        where = f"projects.yaml {p['id']}"
        if p["entity"] not in entity_ids:
            raise ReferenceDataError(f"{where}.entity: unknown entity {p['entity']!r}")
        projects.append(
            Project(
                id=str(p["id"]),
                entity=str(p["entity"]),
                name=str(p["name"]),
                round=str(p.get("round", "")),
                listed_as=str(p.get("listed_as", "")),
                region_as_listed=p.get("region_as_listed"),
                organisation_as_listed=p.get("organisation_as_listed"),
                county_code=p.get("county_code"),
                start=_date(p.get("start"), f"{where}.start"),
                end=_date(p.get("end"), f"{where}.end"),
                description=_description(p.get("innokyla"), f"{where}.innokyla"),
            )
        )
    project_ids = {p.id for p in projects}

    raw_grants = _read(data_dir / "grants.yaml")
    decisions = tuple(
        Decision(
            id=str(d["id"]),
            funder=str(d["funder"]),
            year=int(d["year"]),
            source=need_source(d["source"], f"grants.yaml decision {d['id']}.source"),
            announced=_date(d.get("announced"), f"grants.yaml decision {d['id']}.announced"),
        )
        for d in raw_grants["decisions"]
    )
    decisions_by_id = {d.id: d for d in decisions}
    grants = []
    for g in raw_grants["grants"]:
        where = f"grants.yaml grant {g['id']}"
        decision = decisions_by_id.get(g["decision"])
        if decision is None:
            raise ReferenceDataError(f"{where}.decision: unknown decision {g['decision']!r}")
        if g["entity"] not in entity_ids:
            raise ReferenceDataError(f"{where}.entity: unknown entity {g['entity']!r}")
        if g.get("project") is not None and g["project"] not in project_ids:
            raise ReferenceDataError(f"{where}.project: unknown project {g['project']!r}")
        grants.append(
            Grant(
                id=str(g["id"]),
                entity=str(g["entity"]),
                amount_eur=Decimal(str(g["amount_eur"])),
                year=decision.year,
                source=need_source(g["source"], f"{where}.source"),
                decision=decision.id,
                approximate=bool(g.get("approximate", False)),
                project=g.get("project"),
                recipient=g.get("recipient"),
                decision_date=decision.announced,
                period_start=_date(g.get("period_start"), f"{where}.period_start"),
                period_end=_date(g.get("period_end"), f"{where}.period_end"),
            )
        )
    unallocated = tuple(
        Unallocated(
            id=str(u["id"]),
            decision=str(u["decision"]),
            amount_eur=Decimal(str(u["amount_eur"])),
            approximate=bool(u.get("approximate", False)),
            note=_names(u["note"], f"grants.yaml unallocated {u['id']}.note"),
            source=need_source(u["source"], f"grants.yaml unallocated {u['id']}.source"),
        )
        for u in raw_grants.get("unallocated", [])
    )
    return ReferenceData(
        sources=sources,
        programmes=tuple(programmes),
        priority_areas=priority_areas,
        entities=tuple(entities),
        projects=tuple(projects),
        decisions=decisions,
        grants=tuple(grants),
        unallocated=unallocated,
    )
