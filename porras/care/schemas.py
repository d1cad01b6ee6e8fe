"""The care API's request and response schemas (the OpenAPI document describes both).

Responses are built from the model objects by each ``*Out`` schema's ``of``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ninja import Schema
from pydantic import Field

if TYPE_CHECKING:
    from porras.care.models import Appointment, Client, Episode, FollowUp, Measurement, RiskFlag, SafetyPlan
    from porras.care.services import WorklistRow


# ------------------------------------------------------------------------------ requests

class IdentifierIn(Schema):
    system: str = Field(description="hetu (Finnish personal identity code) or local (record identifier)")
    value: str


class ClientIn(Schema):
    identifier: IdentifierIn
    birth_year: int | None = None
    sex: str | None = Field(None, description="female, male, other, unknown (from an identity code if omitted)")
    county: str = Field(description="Porras county code of the home county")
    language: str = "fi"
    unit: str | None = Field(None, description="unit code; defaults to the caller's only unit")


class NavigatorIn(Schema):
    recommendation: dict[str, Any] | None = None
    ruleset_id: str | None = None
    ruleset_version: str | None = None


class EpisodeIn(Schema):
    client_id: int
    unit: str | None = None
    referral_date: dt.date
    concerns: list[str] = []
    referral_source: str = "other"
    navigator: NavigatorIn | None = None


class EpisodePatch(Schema):
    version: int
    referral_date: dt.date | None = None
    referral_source: str | None = None
    concerns: list[str] | None = None
    assessment_date: dt.date | None = None
    step: int | None = None
    step_reason: str | None = None
    intervention: str | None = None
    end_date: dt.date | None = None
    end_reason: str | None = None
    navigator_recommendation: dict[str, Any] | None = None
    navigator_ruleset_id: str | None = None
    navigator_ruleset_version: str | None = None


class TransferIn(Schema):
    version: int
    to_unit: str
    date: dt.date
    reason: str = ""


class AppointmentIn(Schema):
    date: dt.date
    kind: str = Field(description="assessment or treatment")
    status: str = Field(description="booked, attended, did_not_attend or cancelled")


class AppointmentStatusIn(Schema):
    status: str


class MeasurementIn(Schema):
    instrument: str
    date: dt.date
    answers: list[int | None] = Field(description="option positions in item order (0 = first option)")
    appointment_id: int | None = None
    text_pack: str | None = Field(None, description="which wording was shown (default: Porras's own)")


class NoteIn(Schema):
    note: str


class SafetyPlanIn(Schema):
    warning_signs: str = ""
    own_coping: str = ""
    people_and_places: str = ""
    professionals_and_crisis_lines: str = ""
    safe_surroundings: str = ""


class FollowUpIn(Schema):
    reason: str = Field(description="suicide_attempt or self_harm")
    contact_date: dt.date


class FollowUpDoneIn(Schema):
    note: str = ""


# ------------------------------------------------------------------------------ responses
# Each response schema builds itself from a model object with ``of``; ``model_dump()`` gives the
# plain dict that idempotent POSTs store and answer.

class ClientOut(Schema):
    id: int
    identifier_system: str = Field(description="hetu or local; the identifier itself is never stored")
    birth_year: int
    sex: str
    county: str = Field(description="Porras county code of the client's home county")
    language: str

    @classmethod
    def of(cls, c: Client) -> ClientOut:
        return cls(id=c.pk, identifier_system=c.identifier_system, birth_year=c.birth_year, sex=c.sex,
                   county=c.home_county.code, language=c.language)


class EpisodeOut(Schema):
    id: int
    client_id: int
    unit: str = Field(description="unit code")
    phase: str = Field(description="referral, assessment, treatment or ended")
    referral_date: dt.date
    referral_source: str
    concerns: list[str]
    assessment_date: dt.date | None
    first_treatment_date: dt.date | None
    step: int | None
    intervention: str | None
    end_date: dt.date | None
    end_reason: str | None
    navigator_recommendation: dict[str, Any] | None
    navigator_ruleset_id: str | None
    navigator_ruleset_version: str | None
    version: int = Field(description="send it back with a change; a stale one is refused with 409")

    @classmethod
    def of(cls, e: Episode) -> EpisodeOut:
        return cls(
            id=e.pk, client_id=e.client_id, unit=e.unit.code, phase=e.phase.value, referral_date=e.referral_date,
            referral_source=e.referral_source, concerns=list(e.concerns or []), assessment_date=e.assessment_date,
            first_treatment_date=e.first_treatment_date, step=e.step, intervention=e.intervention or None,
            end_date=e.end_date, end_reason=e.end_reason or None,
            navigator_recommendation=e.navigator_recommendation,
            navigator_ruleset_id=e.navigator_ruleset_id or None,
            navigator_ruleset_version=e.navigator_ruleset_version or None, version=e.version,
        )


class ClientDetailOut(ClientOut):
    episodes: list[EpisodeOut] = Field(description="the client's episodes in the caller's units")


class AppointmentOut(Schema):
    id: int
    episode_id: int
    date: dt.date
    kind: str
    status: str

    @classmethod
    def of(cls, a: Appointment) -> AppointmentOut:
        return cls(id=a.pk, episode_id=a.episode_id, date=a.date, kind=a.kind, status=a.status)


class RiskFlagOut(Schema):
    id: int
    instrument: str
    item: str
    value: int
    open: bool
    acknowledged_at: dt.datetime | None
    acknowledged_by: str | None

    @classmethod
    def of(cls, f: RiskFlag) -> RiskFlagOut:
        return cls(id=f.pk, instrument=f.instrument, item=f.item, value=f.value, open=f.open,
                   acknowledged_at=f.acknowledged_at, acknowledged_by=f.acknowledged_by or None)


class ScoreOut(Schema):
    total: int | float
    severity: str | None
    caseness: bool | None
    subscores: dict[str, Any]
    complete: bool
    warnings: list[Any]
    item_scores: list[int | None] | None


class MeasurementOut(Schema):
    id: int
    episode_id: int
    appointment_id: int | None
    instrument: str
    instrument_version: str
    date: dt.date
    answers: list[int | None] | None
    score: ScoreOut
    risk_flags: list[RiskFlagOut]
    text_pack: str
    source: str

    @classmethod
    def of(cls, m: Measurement) -> MeasurementOut:
        total: float | int = int(m.total) if float(m.total).is_integer() else m.total
        score = ScoreOut(total=total, severity=m.severity or None, caseness=m.caseness, subscores=m.subscores,
                         complete=m.complete, warnings=m.warnings, item_scores=m.item_scores)
        return cls(id=m.pk, episode_id=m.episode_id, appointment_id=m.appointment_id, instrument=m.instrument,
                   instrument_version=m.instrument_version, date=m.date, answers=m.answers, score=score,
                   risk_flags=[RiskFlagOut.of(f) for f in m.risk_flags.all()], text_pack=m.text_pack,
                   source=m.source)


class SafetyPlanOut(Schema):
    id: int
    episode_id: int
    version: int
    warning_signs: str
    own_coping: str
    people_and_places: str
    professionals_and_crisis_lines: str
    safe_surroundings: str
    created_at: dt.datetime
    by: str

    @classmethod
    def of(cls, p: SafetyPlan) -> SafetyPlanOut:
        return cls(id=p.pk, episode_id=p.episode_id, version=p.number, warning_signs=p.warning_signs,
                   own_coping=p.own_coping, people_and_places=p.people_and_places,
                   professionals_and_crisis_lines=p.professionals_and_crisis_lines,
                   safe_surroundings=p.safe_surroundings, created_at=p.created_at, by=p.by)


class FollowUpOut(Schema):
    id: int
    episode_id: int
    reason: str
    contact_date: dt.date
    due_date: dt.date
    done: bool
    overdue: bool

    @classmethod
    def of(cls, f: FollowUp) -> FollowUpOut:
        return cls(id=f.pk, episode_id=f.episode_id, reason=f.reason, contact_date=f.contact_date,
                   due_date=f.due_date, done=f.done, overdue=f.overdue())


class WorklistRowOut(Schema):
    episode: EpisodeOut
    next_appointment: dt.date | None
    measure_due: bool
    open_risk_flags: int
    overdue_followups: int

    @classmethod
    def of(cls, r: WorklistRow) -> WorklistRowOut:
        return cls(episode=EpisodeOut.of(r.episode), next_appointment=r.next_appointment,
                   measure_due=r.measure_due, open_risk_flags=r.open_risk_flags,
                   overdue_followups=r.overdue_followups)
