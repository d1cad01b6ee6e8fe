"""Request bodies (``porras.lib.schema.Input``: unknown fields refused) and responses of the selfcare API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field, StrictInt

from porras.lib.schema import Input
from porras.selfcare.domain.programmes import LANGUAGES, TEXT_MAX, Programme
from porras.selfcare.models import Message


class AssignIn(Input):
    programme: str = Field(max_length=60)
    exclusions: list[str] = Field(default_factory=list, max_length=20)
    override_reason: str = Field(default="", max_length=2000)


class AssignedOut(Schema):
    assignment_id: int
    programme: str
    code: str | None = Field(description="shown once: give it to the client; never stored in clear (null in an "
                                         "answer replayed for an Idempotency-Key: ask for a new code)")
    expires_at: dt.datetime


class CodeIn(Input):
    code: str = Field(max_length=20)


class SignedInOut(Schema):
    token: str
    token_type: str = "Bearer"
    expires_at: dt.datetime
    kind: str = Field(description="programme | questionnaire")


class QuestionnaireIn(Input):
    instrument: str = Field(max_length=40)


class QuestionnaireOut(Schema):
    instrument: str
    code: str | None = Field(description="single use; shown once (null in an answer replayed for an "
                                         "Idempotency-Key: send a new request)")
    expires_at: dt.datetime


class MeasurementIn(Input):
    instrument: str = Field(max_length=40)
    answers: list[StrictInt | None] = Field(max_length=200)
    module: str | None = Field(default=None, max_length=60)


class CrisisContactOut(Schema):
    name: str
    phone: str
    description: str


class MeasuredOut(Schema):
    measurement_id: int
    instrument: str
    total: float
    severity: str
    risk: bool
    crisis_contacts: list[CrisisContactOut]


class ModuleIn(Input):
    answers: dict[str, str] = Field(default_factory=dict, max_length=50)
    complete: bool = False


class MessageIn(Input):
    body: str = Field(max_length=4000)


class TherapistMessageIn(Input):
    body: str = Field(max_length=4000)
    assignment_id: int | None = Field(default=None, description="the programme; default: the newest active one")


class MessageOut(Schema):
    id: int
    assignment_id: int
    sender: str
    body: str
    created_at: dt.datetime

    @classmethod
    def of(cls, message: Message) -> MessageOut:
        return cls(id=message.pk, assignment_id=message.assignment_id, sender=message.sender, body=message.body,
                   created_at=message.created_at)


class FeedbackIn(Input):
    module: str = Field(max_length=60)
    feedback: str = Field(max_length=TEXT_MAX)


def programme_summary(programme: Programme) -> dict[str, Any]:
    return {
        "id": programme.id, "version": programme.version, "status": programme.status, "step": programme.step,
        "min_age": programme.min_age, "expected_weeks": programme.expected_weeks, "concerns": list(programme.concerns),
        "title": dict(programme.title), "summary": dict(programme.summary), "modules": len(programme.modules),
        "instruments": list(programme.instruments),
    }


def programme_detail(programme: Programme) -> dict[str, Any]:
    return {
        **programme_summary(programme),
        "modules": [
            {"id": m.id, "number": m.number, "title": dict(m.title), "text": dict(m.text) if m.text else None,
             "link": {"url": m.link.url, "label": dict(m.link.label)} if m.link else None, "instrument": m.instrument,
             "exercises": [{"id": e.id, "kind": e.kind, "prompt": dict(e.prompt),
                            "options": [{"id": o.id, "label": dict(o.label)} for o in e.options]} for e in m.exercises]}
            for m in programme.modules
        ],
        "criteria": [{"id": c.id, "kind": c.kind, "label": dict(c.label), "source": c.source} for c in programme.criteria],
        "sources": {k: dict(v) for k, v in programme.sources.items()},
        "languages": list(LANGUAGES),
    }
