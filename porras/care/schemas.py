"""The care API's request and response schemas (the OpenAPI document describes both).

Responses are built from the model objects by each ``*Out`` schema's ``of``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

from ninja import Schema
from pydantic import Field, StrictInt

from porras.care.domain import codes
from porras.care.domain.children import ChildrenDiscussion, MinorChildren
from porras.care.domain.clients import ClientOrder, IdentifierSystem, Language, SearchBy, Sex
from porras.care.domain.episodes import (
    AppointmentKind,
    AppointmentStatus,
    Concern,
    EndReason,
    FollowUpReason,
    ReferralSource,
    WorklistOrder,
)
from porras.lib.schema import EventDate, Input

if TYPE_CHECKING:
    from porras.care.models import (
        Appointment,
        Client,
        Correction,
        Episode,
        FollowUp,
        Measurement,
        RiskFlag,
        SafetyPlan,
        Voidable,
    )
    from porras.care.services import LastScore, WorklistRow


# ------------------------------------------------------------------------------ requests
# Request bodies derive from Input (an unknown field is refused naming it); dates of care events are
# EventDates; every stored string is bounded by its column; codes are ASCII (domain/codes.py).

MAX_ID = 2**63 - 1  # the largest value of a BigAutoField (PostgreSQL bigint, SQLite INTEGER)
MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 500

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=1, le=2_147_483_647, description="the episode's version, as last read")]
UnitCode = Annotated[str, Field(max_length=codes.UNIT_CODE_MAX, pattern=f"^{codes.SLUG}$", description="unit code")]
CountyCode = Annotated[str, Field(max_length=codes.COUNTY_CODE_MAX, pattern=f"^{codes.SLUG}$",
                                  description="Porras county code")]
InterventionCode = Annotated[str, Field(max_length=codes.INTERVENTION_MAX, description="Porras intervention code")]


class Page(Schema):
    """Which page of a list (lists are ordered newest first)."""

    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(MAX_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


class EpisodeFilter(Page):
    client_id: Id | None = None
    open: bool = False


REASON_MAX = 2000
Reason = Annotated[str, Field(max_length=REASON_MAX, description="why (required); kept in the history")]
IDENTIFIER_NOTE = ("The value is turned into its keyed pseudonym for the look-up in the registers of the caller's "
                   "units and then forgotten: it is never stored, logged (the access log drops query strings) or "
                   "written to the audit log, which names only the clients found.")


class ClientQuery(Page):
    """Clients of my units, newest first; or those an identifier or an episode number finds."""

    order: ClientOrder = ClientOrder.NEWEST
    identifier: str | None = Field(None, max_length=codes.LOCAL_IDENTIFIER_MAX,
                                   description="an identity code, a local identifier or an episode number (see "
                                               "system). " + IDENTIFIER_NOTE + " Prefer POST /clients/search, "
                                               "which keeps it out of URLs altogether.")
    system: SearchBy = Field(SearchBy.HETU, description="hetu (identity code), local (the organisation's local "
                                                        "identifier) or episode (episode number)")


class ClientSearchIn(Input):
    system: SearchBy = Field(description="hetu (identity code), local (local identifier) or episode (episode number)")
    value: str = Field(max_length=codes.LOCAL_IDENTIFIER_MAX, description=IDENTIFIER_NOTE)


class WorklistQuery(Page):
    mine: bool = True
    order: WorklistOrder = WorklistOrder.ATTENTION
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


class IdentifierIn(Input):
    system: IdentifierSystem = Field(description="hetu (Finnish personal identity code) or local (record identifier)")
    value: str = Field(max_length=codes.LOCAL_IDENTIFIER_MAX, description="ASCII; never stored, only its keyed hash")


class ClientIn(Input):
    identifier: IdentifierIn
    birth_year: int | None = Field(None, description="required for a local identifier; else from the identity code")
    sex: Sex | None = Field(None, description="from an identity code if omitted")
    county: CountyCode = Field(description="Porras county code of the home county")
    language: Language = Language.FI
    unit: UnitCode | None = Field(None, description="unit code; defaults to the caller's only unit")
    local_identifier: str | None = Field(None, max_length=codes.LOCAL_IDENTIFIER_MAX,
                                         description="with an identity code: the organisation's local identifier, "
                                                     "kept in clear as the client's label (never an identity code)")


class NavigatorIn(Input):
    recommendation: dict[str, Any] | None = None
    ruleset_id: str | None = Field(None, max_length=80)
    ruleset_version: str | None = Field(None, max_length=40)


class EpisodeIn(Input):
    client_id: Id
    unit: UnitCode | None = None
    referral_date: EventDate
    concerns: list[Concern] = Field([], max_length=len(Concern))
    referral_source: ReferralSource = ReferralSource.OTHER
    navigator: NavigatorIn | None = None
    second_episode_reason: str | None = Field(
        None, max_length=REASON_MAX, description="the client has an open episode in the unit (409 names it): why a "
                                                 "second one is opened beside it; kept on the episode and audited")


class EpisodeFromAssessmentIn(Input):
    """A referral from a resident's saved self-assessment: the client, the episode and its baseline."""

    code: str = Field(max_length=40, description="the self-assessment's 30-day code (in the body, never in a URL)")
    client: ClientIn
    referral_date: EventDate
    concerns: list[Concern] = Field([], max_length=len(Concern))
    second_episode_reason: str | None = Field(None, max_length=REASON_MAX)


class EpisodePatch(Input):
    version: Version
    referral_date: EventDate | None = None
    referral_source: ReferralSource | None = None
    concerns: list[Concern] | None = Field(None, max_length=len(Concern))
    assessment_date: EventDate | None = None
    step: int | None = Field(None, description="stepped-care level 0–4")
    step_reason: str | None = None
    intervention: InterventionCode | None = None
    end_date: EventDate | None = None
    end_reason: EndReason | None = None
    navigator_recommendation: dict[str, Any] | None = None
    navigator_ruleset_id: str | None = Field(None, max_length=80)
    navigator_ruleset_version: str | None = Field(None, max_length=40)
    minor_children: MinorChildren | None = Field(None, description="has the client children under 18: yes, no, unknown")
    children_discussed_date: EventDate | None = Field(
        None, description="when the children's situation was discussed with the parent (only with minor_children yes)")
    children_discussion_method: ChildrenDiscussion | None = Field(
        None, description="lets_talk_about_children (Lapset puheeksi) or other; with children_discussed_date")
    family_referral_date: EventDate | None = Field(None, description="when the family was referred to family services")
    family_service: Id | None = Field(None, description="the family centre of the county's catalogue referred to "
                                                        "(a catalogue service id); with family_referral_date")


class TransferIn(Input):
    version: Version
    to_unit: UnitCode
    date: EventDate
    reason: str = ""


class AppointmentIn(Input):
    date: EventDate
    kind: AppointmentKind
    status: AppointmentStatus


class AppointmentStatusIn(Input):
    status: AppointmentStatus


class MeasurementIn(Input):
    instrument: str = Field(max_length=40, description="instrument id, e.g. phq9")
    date: EventDate
    answers: list[StrictInt | None] = Field(description="option positions in item order (0 = first option); true is not 1")
    appointment_id: Id | None = None
    text_pack: str | None = Field(None, max_length=200, description="which wording was shown (default: Porras's own)")


class NoteIn(Input):
    note: str


class VoidIn(Input):
    reason: Reason


class EpisodeVoidIn(Input):
    version: Version
    reason: Reason


class MeasurementCorrectIn(Input):
    reason: Reason
    date: EventDate | None = Field(None, description="the corrected date (default: unchanged)")
    answers: list[StrictInt | None] | None = Field(None, description="the corrected answers, option positions in item "
                                                                     "order (default: unchanged)")


class AppointmentCorrectIn(Input):
    reason: Reason
    date: EventDate | None = None
    kind: AppointmentKind | None = None
    status: AppointmentStatus | None = None


class ReferralCorrectIn(Input):
    version: Version
    reason: Reason
    referral_date: EventDate | None = None
    referral_source: ReferralSource | None = None
    concerns: list[Concern] | None = Field(None, max_length=len(Concern))


class SafetyPlanIn(Input):
    warning_signs: str = ""
    own_coping: str = ""
    people_and_places: str = ""
    professionals_and_crisis_lines: str = ""
    safe_surroundings: str = ""


class FollowUpIn(Input):
    reason: FollowUpReason
    contact_date: EventDate


class FollowUpDoneIn(Input):
    note: str = ""


# ------------------------------------------------------------------------------ responses
# Each response schema builds itself from a model object with ``of``; ``model_dump()`` gives the
# plain dict that idempotent POSTs store and answer.

class VoidedOut(Schema):
    at: dt.datetime
    by: str
    reason: str

    @classmethod
    def of(cls, record: Voidable) -> VoidedOut | None:
        if record.voided_at is None:
            return None
        return cls(at=record.voided_at, by=record.voided_by, reason=record.void_reason)


class ClientOut(Schema):
    id: int
    label: str = Field(description="how professionals recognise the client: the local identifier, else #id")
    local_identifier: str | None = Field(description="the organisation's local identifier, where one was given")
    identifier_system: str = Field(description="hetu or local; an identity code is never stored")
    birth_year: int
    sex: str
    county: str = Field(description="Porras county code of the client's home county")
    register_county: str = Field(description="the county whose client register holds this record (the county "
                                             "of the unit that registered it)")
    language: str

    @classmethod
    def of(cls, c: Client) -> ClientOut:
        return cls(id=c.pk, label=c.label, local_identifier=c.local_identifier or None,
                   identifier_system=c.identifier_system, birth_year=c.birth_year, sex=c.sex,
                   county=c.home_county.code, register_county=c.county.code, language=c.language)


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
    opened_beside: int | None = Field(description="the open episode this one was opened beside, after confirmation")
    voided: VoidedOut | None = Field(description="set when the referral was voided as entered in error")
    minor_children: str = Field(description="has the client children under 18: yes, no or unknown")
    children_discussed_date: dt.date | None = Field(
        description="when the children's situation was discussed with the parent")
    children_discussion_method: str | None = Field(description="lets_talk_about_children or other")
    family_referral_date: dt.date | None = Field(description="when the family was referred to family services")
    family_service: int | None = Field(description="the catalogue service (family centre) referred to")
    children_addressed: bool = Field(
        description="the children's situation was discussed with the parent or the family referred to family services")
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
            navigator_ruleset_version=e.navigator_ruleset_version or None, opened_beside=e.opened_beside_id,
            voided=VoidedOut.of(e), minor_children=e.minor_children,
            children_discussed_date=e.children_discussed_date,
            children_discussion_method=e.children_discussion_method or None,
            family_referral_date=e.family_referral_date, family_service=e.family_service_id,
            children_addressed=e.children().addressed, version=e.version,
        )


class ClientDetailOut(ClientOut):
    episodes: list[EpisodeOut] = Field(description="the client's episodes in the caller's units")


class AppointmentOut(Schema):
    id: int
    episode_id: int
    date: dt.date
    kind: str
    status: str
    voided: VoidedOut | None

    @classmethod
    def of(cls, a: Appointment) -> AppointmentOut:
        return cls(id=a.pk, episode_id=a.episode_id, date=a.date, kind=a.kind, status=a.status, voided=VoidedOut.of(a))


class RiskFlagOut(Schema):
    id: int
    measurement_id: int | None = Field(description="none for a self-assessment's plan to end one's life "
                                                   "(instrument navigator, item plan_to_end_life)")
    instrument: str
    item: str
    value: int
    answered_on: dt.date | None
    open: bool
    acknowledged_at: dt.datetime | None
    acknowledged_by: str | None

    @classmethod
    def of(cls, f: RiskFlag) -> RiskFlagOut:
        answered = f.answered_on or (f.measurement.date if f.measurement is not None else None)
        return cls(id=f.pk, measurement_id=f.measurement_id, instrument=f.instrument, item=f.item, value=f.value,
                   answered_on=answered, open=f.open, acknowledged_at=f.acknowledged_at,
                   acknowledged_by=f.acknowledged_by or None)


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
    corrects: int | None = Field(description="the voided measurement this one corrects")
    voided: VoidedOut | None = Field(description="set when voided: left out of charts, exports and reports")

    @classmethod
    def of(cls, m: Measurement) -> MeasurementOut:
        total: float | int = int(m.total) if float(m.total).is_integer() else m.total
        score = ScoreOut(total=total, severity=m.severity or None, caseness=m.caseness, subscores=m.subscores,
                         complete=m.complete, warnings=m.warnings, item_scores=m.item_scores)
        return cls(id=m.pk, episode_id=m.episode_id, appointment_id=m.appointment_id, instrument=m.instrument,
                   instrument_version=m.instrument_version, date=m.date, answers=m.answers, score=score,
                   risk_flags=[RiskFlagOut.of(f) for f in m.risk_flags.all()], text_pack=m.text_pack,
                   source=m.source, corrects=m.corrects_id, voided=VoidedOut.of(m))


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


class LastScoreOut(Schema):
    instrument: str
    total: int | float
    date: dt.date
    severity: str | None

    @classmethod
    def of(cls, score: LastScore) -> LastScoreOut:
        total: int | float = int(score.total) if float(score.total).is_integer() else score.total
        return cls(instrument=score.instrument, total=total, date=score.date, severity=score.severity or None)


class WorklistClientOut(Schema):
    id: int
    label: str
    language: str


class WorklistRowOut(Schema):
    episode: EpisodeOut
    client: WorklistClientOut
    next_appointment: dt.date | None
    measure_due: bool
    open_risk_flags: int
    overdue_followups: int
    last_scores: list[LastScoreOut] = Field(description="the latest score of each instrument (voided ones left out)")
    therapy_guarantee_days_left: int | None = Field(
        None, description="under 23 at assessment, not yet in treatment: days until treatment must start "
                          "(28 days from the assessment, HE 131/2024 vp; negative when overdue); else null")
    therapy_guarantee_warning: bool = Field(
        False, description="the days left are at most PORRAS_THERAPY_GUARANTEE_WARN_DAYS (default 7)")

    @classmethod
    def of(cls, r: WorklistRow) -> WorklistRowOut:
        c = r.episode.client
        return cls(episode=EpisodeOut.of(r.episode), client=WorklistClientOut(id=c.pk, label=c.label, language=c.language),
                   next_appointment=r.next_appointment, measure_due=r.measure_due, open_risk_flags=r.open_risk_flags,
                   overdue_followups=r.overdue_followups, last_scores=[LastScoreOut.of(s) for s in r.last_scores],
                   therapy_guarantee_days_left=r.guarantee_days_left, therapy_guarantee_warning=r.guarantee_warning)


class CorrectionOut(Schema):
    id: int
    episode_id: int
    record_type: str = Field(description="measurement, appointment or episode")
    record_id: int
    action: str = Field(description="void or correct")
    reason: str
    changes: dict[str, Any] = Field(description="{field: [before, after]}; a corrected measurement's replaced_by")
    by: str
    at: dt.datetime

    @classmethod
    def of(cls, c: Correction) -> CorrectionOut:
        return cls(id=c.pk, episode_id=c.episode_id, record_type=c.record_type, record_id=c.record_id,
                   action=c.action, reason=c.reason, changes=c.changes, by=c.by, at=c.at)
