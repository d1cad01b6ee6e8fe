"""API request and response schemas of integrated care."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from porras.integrated.domain import consultation as rules
from porras.integrated.domain import social_care as social_rules
from porras.integrated.models import Consultation, SocialCareMember, SomaticCheck
from porras.lib.schema import EventDate, Input

UrgencyValue = Literal["urgent", "non_urgent"]
FormValue = Literal["written_advice", "joint_visit", "video", "transfer"]
OutcomeValue = Literal["primary_care", "transfer"]


class ConsultationIn(Input):
    """A question to a specialised psychiatry or substance-use unit of the episode's county."""

    specialist_unit: str = Field(max_length=60, description="code of the specialist unit asked")
    question: str = Field(min_length=1, max_length=rules.QUESTION_MAX)
    urgency: UrgencyValue
    preferred_form: FormValue


class AnswerIn(Input):
    """The specialist unit's answer and where care goes on: in primary care, or transfer."""

    answer: str = Field(min_length=1, max_length=rules.ANSWER_MAX)
    outcome: OutcomeValue


class ConsultationOut(Schema):
    id: int
    episode_id: int
    asking_unit: str
    specialist_unit: str
    question: str
    urgency: str
    preferred_form: str
    asked_at: dt.datetime
    asked_by: str
    status: str
    answer: str
    outcome: str | None
    answered_at: dt.datetime | None
    answered_by: str | None
    turnaround_days: int | None

    @classmethod
    def of(cls, c: Consultation) -> ConsultationOut:
        return cls(
            id=c.pk, episode_id=c.episode_id, asking_unit=c.asking_unit.code, specialist_unit=c.specialist_unit.code,
            question=c.question, urgency=c.urgency, preferred_form=c.preferred_form, asked_at=c.asked_at,
            asked_by=c.asked_by.username if c.asked_by else "", status=c.status, answer=c.answer,
            outcome=c.outcome or None, answered_at=c.answered_at,
            answered_by=c.answered_by.username if c.answered_by else None, turnaround_days=c.turnaround_days,
        )


class SocialCareIn(Input):
    """A social-welfare professional or service in the episode's team."""

    category: str = Field(max_length=60, description="a social-welfare category of the service catalogue")
    professional: str = Field(min_length=1, max_length=social_rules.TEXT_MAX,
                              description="the professional or team with their title")
    contact: str = Field(default="", max_length=social_rules.TEXT_MAX, description="phone or e-mail")
    start_date: EventDate
    end_date: EventDate | None = None
    service: str | None = Field(default=None, max_length=36, description="uuid of the catalogue's service")


class SocialCareEndIn(Input):
    end_date: EventDate


class SocialCareOut(Schema):
    id: int
    episode_id: int
    category: str
    category_label: str
    service: str | None
    service_name: str | None
    professional: str
    contact: str
    start_date: dt.date
    end_date: dt.date | None

    @classmethod
    def of(cls, m: SocialCareMember, language: str = "fi") -> SocialCareOut:
        return cls(id=m.pk, episode_id=m.episode_id, category=m.category, category_label=m.category_label(language),
                   service=str(m.service.uuid) if m.service else None,
                   service_name=m.service.name if m.service else None, professional=m.professional,
                   contact=m.contact, start_date=m.start_date, end_date=m.end_date)


class SomaticCheckIn(Input):
    """The values of a check by item code (numbers in the item's unit; ``smoking`` true or false); see
    ``GET /somatic-checks/items`` for the items, units and reference limits with their sources."""

    date: EventDate
    values: dict[str, float | bool | None]


class SomaticCheckOut(Schema):
    id: int
    episode_id: int
    date: dt.date
    values: dict[str, float | bool]
    flagged: list[str]
    spec_version: str
    acknowledged_at: dt.datetime | None = None
    acknowledged_by: str = ""
    acknowledgement_note: str = ""

    @classmethod
    def of(cls, c: SomaticCheck) -> SomaticCheckOut:
        return cls(id=c.pk, episode_id=c.episode_id, date=c.date, values=dict(c.values), flagged=list(c.flagged),
                   spec_version=c.spec_version, acknowledged_at=c.acknowledged_at,
                   acknowledged_by=c.acknowledged_by.username if c.acknowledged_by else "",
                   acknowledgement_note=c.acknowledgement_note)


class AcknowledgeIn(Input):
    """A short note of what was done about the flagged values (optional)."""

    note: str = Field(default="", max_length=500)


class RiskGroupIn(Input):
    """A code of ``data/somatic_check.yaml`` ``risk_groups``."""

    risk_group: str = Field(min_length=1, max_length=40)


class RiskGroupOut(Schema):
    id: int
    episode_id: int
    risk_group: str
    recorded_on: dt.date
    source: str


class SomaticItemOut(Schema):
    code: str
    unit: str
    kind: str
    label: dict[str, str]
    below: float | None
    below_by_sex: dict[str, float]
    at_least: float | None
    flag_yes: bool
    source: str


class DueOut(Schema):
    episode_id: int
    unit: str
    referral_date: dt.date
    last_check: dt.date | None
    due: bool
    flagged: list[str]
