"""API schemas of method competence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field, StrictInt

from porras.competence.domain.methods import MethodCard
from porras.competence.models import TrainingRecord
from porras.lib.schema import EventDate, Input


class TrainingOut(Schema):
    required: bool
    course: dict[str, str] | None
    training_cases: int | None = Field(description="Cases a training asks; null where no source gives a number.")
    supervision_sessions: int | None = Field(description="Supervision a training asks; null where not sourced.")
    source: str | None


class MethodOut(Schema):
    code: str
    name: dict[str, str]
    step: int
    procedure_code: str | None
    navigator_code: str | None
    need_group: str | None
    target: dict[str, str]
    age_min: int | None
    age_max: int | None
    contacts_min: int | None
    contacts_max: int | None
    training: TrainingOut
    sources: dict[str, str]

    @staticmethod
    def of(card: MethodCard, citations: dict[str, str]) -> dict[str, Any]:
        t = card.training
        return {
            "code": card.code, "name": card.name, "step": card.step, "procedure_code": card.procedure_code,
            "navigator_code": card.navigator_code, "need_group": card.need_group, "target": card.target,
            "age_min": card.age_min, "age_max": card.age_max,
            "contacts_min": card.contacts_min, "contacts_max": card.contacts_max,
            "training": {"required": t.required, "course": t.course, "training_cases": t.training_cases,
                         "supervision_sessions": t.supervision_sessions, "source": t.source},
            "sources": {key: citations[key] for key in card.sources},
        }


class TrainingRecordIn(Input):
    professional: str = Field(max_length=150, description="Username of the professional.")
    unit: str = Field(max_length=60, description="Code of the unit where the professional delivers the method.")
    method: str = Field(max_length=60, description="A method card's code (GET /api/v1/methods).")
    course: str = Field(default="", max_length=200)
    provider: str = Field(default="", max_length=200)
    started_on: EventDate | None = None
    completed_on: EventDate | None = None
    certified_on: EventDate | None = None
    supervision_sessions: StrictInt = Field(default=0, ge=0, le=1000)
    training_cases: list[StrictInt] = Field(default_factory=list, max_length=200,
                                            description="Episode ids of the unit used as training cases.")


class TrainingRecordOut(Schema):
    id: int
    professional: str
    unit: str
    method: str
    course: str
    provider: str
    started_on: dt.date | None
    completed_on: dt.date | None
    certified_on: dt.date | None
    supervision_sessions: int
    training_cases: list[int]
    origin: str
    version: int

    @staticmethod
    def of(r: TrainingRecord) -> dict[str, Any]:
        return {
            "id": r.pk, "professional": r.professional.username, "unit": r.unit.code, "method": r.method,
            "course": r.course, "provider": r.provider, "started_on": r.started_on,
            "completed_on": r.completed_on, "certified_on": r.certified_on,
            "supervision_sessions": r.supervision_sessions,
            "training_cases": sorted(e.pk for e in r.training_cases.all()), "origin": r.origin,
            "version": r.version,
        }


class MethodCapacityOut(Schema):
    method: str
    trained: int


class GroupCapacityOut(Schema):
    group: str
    population: int
    people_in_need: int
    contacts_needed: int
    trained: int
    capacity_contacts: int
    gap_contacts: int
    to_train: int
    coverage: float | None
    referrals_last_year: int | None = Field(description="Disclosure-controlled: null when withheld.")
    methods: list[MethodCapacityOut]


class CentreOut(Schema):
    code: str
    scope: str
    status: str
    name: dict[str, str]
    host: str | None
    url: str | None


class CentresOut(Schema):
    centres: list[CentreOut]
    duties: list[dict[str, str]]
    funding_eur_per_resident_year: float
    source: str


class AreaCapacityOut(Schema):
    area: str
    kind: str
    collaborative_area: str | None
    competence_centre: str | None
    centre_residents: int | None
    centre_funding_eur_year: float | None
    population_year: int
    population_source: str
    population_illustrative: bool
    groups: list[GroupCapacityOut]
