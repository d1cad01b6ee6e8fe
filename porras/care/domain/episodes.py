"""The care episode: phases, the allowed transitions, end reasons, steps and interventions.

An episode moves referral → assessment → treatment → ended. The phase is derived from the dates
the episode carries (one definition, so the interchange data and the live record agree):
``end_date`` set → ended; ``first_treatment_date`` set → treatment; ``assessment_date`` set →
assessment; otherwise referral.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache
from pathlib import Path

import yaml

from porras.methods.domain.cards import method_cards

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class Phase(StrEnum):
    REFERRAL = "referral"
    ASSESSMENT = "assessment"
    TREATMENT = "treatment"
    ENDED = "ended"


class EndReason(StrEnum):
    COMPLETED = "completed"
    DROPPED_OUT = "dropped_out"
    REFERRED_ON = "referred_on"
    DECLINED = "declined"
    OTHER = "other"


class AppointmentKind(StrEnum):
    ASSESSMENT = "assessment"
    TREATMENT = "treatment"


class AppointmentStatus(StrEnum):
    BOOKED = "booked"  # not yet happened; never exported to the interchange format
    ATTENDED = "attended"
    DID_NOT_ATTEND = "did_not_attend"
    CANCELLED = "cancelled"


class ReferralSource(StrEnum):
    SELF = "self"
    PRIMARY_CARE = "primary_care"
    SCHOOL_OR_STUDENT_HEALTH = "school_or_student_health"
    OCCUPATIONAL_HEALTH = "occupational_health"
    SOCIAL_SERVICES = "social_services"
    SPECIALISED_CARE = "specialised_care"
    NAVIGATOR = "navigator"
    OTHER = "other"


class Concern(StrEnum):
    """Main concerns at referral (the first one is the episode's ``problem`` in the interchange)."""

    DEPRESSION = "depression"
    ANXIETY = "anxiety"
    PANIC = "panic"
    SOCIAL_ANXIETY = "social_anxiety"
    TRAUMA = "trauma"
    OBSESSIVE_COMPULSIVE = "obsessive_compulsive"
    SLEEP = "sleep"
    STRESS = "stress"
    EATING = "eating"
    ALCOHOL = "alcohol"
    SUBSTANCE_USE = "substance_use"
    SELF_HARM = "self_harm"
    RELATIONSHIPS = "relationships"
    OTHER = "other"


class FollowUpReason(StrEnum):
    SUICIDE_ATTEMPT = "suicide_attempt"
    SELF_HARM = "self_harm"


class CorrectedRecord(StrEnum):
    """What a correction applies to."""

    MEASUREMENT = "measurement"
    APPOINTMENT = "appointment"
    EPISODE = "episode"


class CorrectionAction(StrEnum):
    VOID = "void"  # entered in error: kept, but out of charts, work lists, exports and reports
    CORRECT = "correct"  # changed, with the values before and after


class WorklistOrder(StrEnum):
    """How a work list is sorted."""

    ATTENTION = "attention"  # open risk flags, overdue follow-ups, measures due, then the next appointment
    NEXT_APPOINTMENT = "next_appointment"
    WAITING = "waiting"  # referral date, the longest waiting first
    CLIENT = "client"  # the client's label


STEPS = (0, 1, 2, 3, 4)


class EpisodeRuleError(ValueError):
    """A change the episode's rules do not allow. ``field`` names the field."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


@dataclass(frozen=True)
class EpisodeDates:
    referral_date: dt.date
    assessment_date: dt.date | None = None
    first_treatment_date: dt.date | None = None
    end_date: dt.date | None = None
    end_reason: str | None = None


def phase_of(d: EpisodeDates) -> Phase:
    if d.end_date is not None:
        return Phase.ENDED
    if d.first_treatment_date is not None:
        return Phase.TREATMENT
    if d.assessment_date is not None:
        return Phase.ASSESSMENT
    return Phase.REFERRAL


def check_dates(d: EpisodeDates, today: dt.date | None = None) -> None:
    """Dates in order, the end reason given exactly when the episode ended."""
    if today is not None and d.referral_date > today:
        raise EpisodeRuleError("referral_date", "must not be in the future")
    order = [("assessment_date", d.assessment_date), ("first_treatment_date", d.first_treatment_date),
             ("end_date", d.end_date)]
    for name, value in order:
        if value is not None and value < d.referral_date:
            raise EpisodeRuleError(name, "must not be before the referral date")
    if d.assessment_date and d.first_treatment_date and d.first_treatment_date < d.assessment_date:
        raise EpisodeRuleError("first_treatment_date", "must not be before the assessment date")
    if d.first_treatment_date and d.assessment_date is None:
        raise EpisodeRuleError("assessment_date", "treatment starts only after an assessment")
    if d.end_date is not None:
        if d.end_reason is None:
            raise EpisodeRuleError("end_reason", "is required when the episode ends")
        if d.end_reason not in EndReason.__members__.values():
            raise EpisodeRuleError("end_reason", f"must be one of {', '.join(EndReason)}")
        for name, value in order[:2]:
            if value is not None and value > d.end_date:
                what = name.removesuffix("_date").replace("_", " ")
                raise EpisodeRuleError("end_date", f"must not be before the {what} date")
    elif d.end_reason is not None:
        raise EpisodeRuleError("end_reason", "is given only together with an end date")


def check_transition(before: EpisodeDates, after: EpisodeDates) -> None:
    """An ended episode stays ended; a phase is never undone except by correcting its date."""
    check_dates(after)
    if before.end_date is not None and after.end_date is None:
        raise EpisodeRuleError("end_date", "an ended episode cannot be reopened; start a new episode")
    if before.assessment_date is not None and after.assessment_date is None:
        raise EpisodeRuleError("assessment_date", "cannot be removed once recorded")
    if before.first_treatment_date is not None and after.first_treatment_date is None:
        raise EpisodeRuleError("first_treatment_date", "cannot be removed once recorded")


@dataclass(frozen=True)
class AppointmentFact:
    """What of an appointment the episode's dates depend on."""

    date: dt.date
    kind: str
    status: str

    @property
    def attended(self) -> bool:
        return self.status == AppointmentStatus.ATTENDED


def dates_without(d: EpisodeDates, removed: AppointmentFact, remaining: Iterable[AppointmentFact]) -> EpisodeDates:
    """The episode's dates once an appointment entered in error is taken away (voided; or changed, when
    its corrected form is then added back like a new appointment).

    A date the appointment gave the episode goes with it: an attended treatment appointment on the
    first treatment date leaves the earliest remaining attended treatment appointment's date (or none);
    an attended assessment on the assessment date, the earliest remaining attended assessment's (or none).
    The result is not checked here: a correction checks the dates it ends with (:func:`check_dates`)."""
    others = [a for a in remaining if a.attended]
    assessment, first_treatment = d.assessment_date, d.first_treatment_date
    if removed.attended and removed.kind == AppointmentKind.TREATMENT and removed.date == first_treatment:
        first_treatment = min((a.date for a in others if a.kind == AppointmentKind.TREATMENT), default=None)
    if removed.attended and removed.kind == AppointmentKind.ASSESSMENT and removed.date == assessment:
        assessment = min((a.date for a in others if a.kind == AppointmentKind.ASSESSMENT), default=None)
    return replace(d, assessment_date=assessment, first_treatment_date=first_treatment)


def step_direction(before: int | None, after: int) -> str:
    if after not in STEPS:
        raise EpisodeRuleError("step", f"must be one of {', '.join(map(str, STEPS))}")
    if before is None:
        return "initial"
    if after > before:
        return "up"
    if after < before:
        return "down"
    raise EpisodeRuleError("step", "is already the episode's step")


# ------------------------------------------------------------------------------ interventions

@dataclass(frozen=True)
class Intervention:
    code: str
    step: int
    procedure_code: str | None
    source: str
    name: dict[str, str]

    def label(self, language: str) -> str:
        text = self.name.get(language) or self.name["en"]
        return f"{text} ({self.procedure_code})" if self.procedure_code else text


@cache
def interventions() -> dict[str, Intervention]:
    """The interventions an episode can name: one per method card (``porras/methods/data/methods.yaml``),
    with the card's name, step, procedure code and source."""
    return {card.code: Intervention(card.code, card.step, card.procedure_code, card.source, dict(card.name))
            for card in method_cards().values()}


def check_intervention(code: str | None) -> None:
    if code is not None and code not in interventions():
        raise EpisodeRuleError("intervention", f"unknown intervention {code!r}; known: {', '.join(interventions())}")


@cache
def default_followup_days() -> int:
    raw = yaml.safe_load((DATA_DIR / "defaults.yaml").read_text(encoding="utf-8"))
    return int(raw["followup_days"]["value"])


def default_therapy_guarantee() -> tuple[int, int, int]:
    """(age limit, days, warning days) of the therapy guarantee from data/defaults.yaml."""
    raw = yaml.safe_load((DATA_DIR / "defaults.yaml").read_text(encoding="utf-8"))
    guarantee = raw["therapy_guarantee"]
    return int(guarantee["age_limit"]), int(guarantee["days"]), int(raw["therapy_guarantee_warn_days"]["value"])


def therapy_guarantee_days_left(
    birth_year: int, assessment_date: dt.date | None, first_treatment_date: dt.date | None, today: dt.date,
    *, age_limit: int, days: int,
) -> int | None:
    """Days until treatment must start under the therapy guarantee (negative: overdue), or None when it
    does not apply: no assessment yet, treatment already started, or the client was ``age_limit`` or
    older at assessment (age = year of the assessment minus the birth year, as the access report counts)."""
    if assessment_date is None or first_treatment_date is not None:
        return None
    if assessment_date.year - birth_year >= age_limit:
        return None
    return (assessment_date + dt.timedelta(days=days) - today).days


def followup_due(contact_date: dt.date, days: int) -> dt.date:
    if days < 0:
        raise EpisodeRuleError("days", "must not be negative")
    return contact_date + dt.timedelta(days=days)


def is_overdue(due: dt.date, done: bool, today: dt.date) -> bool:
    return not done and due < today


def measure_due(phase: Phase, last_attended: dt.date | None, last_measured: dt.date | None) -> bool:
    """Measurement-based care: every attended session has a measurement. Due when the episode is
    open and the latest attended appointment has no measurement on or after its date."""
    if phase is Phase.ENDED or last_attended is None:
        return False
    return last_measured is None or last_measured < last_attended
