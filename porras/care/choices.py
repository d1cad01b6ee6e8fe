"""Every choice list of the care app, declared once (netbox's ``choices.py``).

The values are the framework-free enums of :mod:`porras.care.domain` (which the rules, the
interchange format and the API schemas use as they are); this module gives each value its label in
the UI languages. Models and forms take their ``choices`` from here. A value without a label (or a
label without a value) fails at import, so a new value cannot be forgotten here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _

from porras.care.domain.children import ChildrenDiscussion, MinorChildren
from porras.care.domain.clients import ClientOrder, IdentifierSystem, Language, SearchBy, Sex
from porras.care.domain.episodes import (
    STEPS,
    AppointmentKind,
    AppointmentStatus,
    Concern,
    CorrectedRecord,
    CorrectionAction,
    EndReason,
    FollowUpReason,
    Phase,
    ReferralSource,
    WorklistOrder,
)


def _labelled(values: Iterable[Any], labels: Mapping[Any, Any]) -> list[tuple[Any, Any]]:
    """``[(value, label), ...]`` in the order of ``values``; every value labelled, nothing else."""
    found = list(values)
    if set(found) != set(labels):
        raise ValueError(f"choices: labels {sorted(map(str, labels))} do not match values {sorted(map(str, found))}")
    return [(v.value if isinstance(v, StrEnum) else v, labels[v]) for v in found]


IDENTIFIER_SYSTEMS = _labelled(IdentifierSystem, {
    IdentifierSystem.HETU: _("Finnish personal identity code"),
    IdentifierSystem.LOCAL: _("Local client-record identifier"),
})
SEXES = _labelled(Sex, {
    Sex.FEMALE: _("Female"),
    Sex.MALE: _("Male"),
    Sex.OTHER: _("Other"),
    Sex.UNKNOWN: _("Unknown"),
})
LANGUAGES = _labelled(Language, {
    Language.FI: _("Finnish"),
    Language.SV: _("Swedish"),
    Language.EN: _("English"),
    Language.SMI: _("Sámi"),
    Language.OTHER: _("Other language"),
})
PHASES = _labelled(Phase, {
    Phase.REFERRAL: _("Referral"),
    Phase.ASSESSMENT: _("Assessment"),
    Phase.TREATMENT: _("Treatment"),
    Phase.ENDED: _("Ended"),
})
END_REASONS = _labelled(EndReason, {
    EndReason.COMPLETED: _("Completed"),
    EndReason.DROPPED_OUT: _("Dropped out"),
    EndReason.REFERRED_ON: _("Referred on"),
    EndReason.DECLINED: _("Declined"),
    EndReason.OTHER: _("Other"),
})
REFERRAL_SOURCES = _labelled(ReferralSource, {
    ReferralSource.SELF: _("Self-referral"),
    ReferralSource.PRIMARY_CARE: _("Primary health care"),
    ReferralSource.SCHOOL_OR_STUDENT_HEALTH: _("School or student health care"),
    ReferralSource.OCCUPATIONAL_HEALTH: _("Occupational health care"),
    ReferralSource.SOCIAL_SERVICES: _("Social services"),
    ReferralSource.SPECIALISED_CARE: _("Specialised care"),
    ReferralSource.NAVIGATOR: _("Self-assessment in the navigator"),
    ReferralSource.OTHER: _("Other"),
})
CONCERNS = _labelled(Concern, {
    Concern.DEPRESSION: _("Depression"),
    Concern.ANXIETY: _("Anxiety"),
    Concern.PANIC: _("Panic"),
    Concern.SOCIAL_ANXIETY: _("Social anxiety"),
    Concern.TRAUMA: _("Trauma"),
    Concern.OBSESSIVE_COMPULSIVE: _("Obsessive-compulsive symptoms"),
    Concern.SLEEP: _("Sleep"),
    Concern.STRESS: _("Stress"),
    Concern.EATING: _("Eating"),
    Concern.ALCOHOL: _("Alcohol"),
    Concern.SUBSTANCE_USE: _("Substance use"),
    Concern.SELF_HARM: _("Self-harm"),
    Concern.RELATIONSHIPS: _("Relationships"),
    Concern.OTHER: _("Other"),
})
APPOINTMENT_KINDS = _labelled(AppointmentKind, {
    AppointmentKind.ASSESSMENT: _("Assessment"),
    AppointmentKind.TREATMENT: _("Treatment"),
})
APPOINTMENT_STATUSES = _labelled(AppointmentStatus, {
    AppointmentStatus.BOOKED: _("Booked"),
    AppointmentStatus.ATTENDED: _("Attended"),
    AppointmentStatus.DID_NOT_ATTEND: _("Did not attend"),
    AppointmentStatus.CANCELLED: _("Cancelled"),
})
FOLLOWUP_REASONS = _labelled(FollowUpReason, {
    FollowUpReason.SUICIDE_ATTEMPT: _("Suicide attempt"),
    FollowUpReason.SELF_HARM: _("Self-harm"),
})
SEARCH_BY = _labelled(SearchBy, {
    SearchBy.HETU: _("Identity code"),
    SearchBy.LOCAL: _("Local identifier"),
    SearchBy.EPISODE: _("Episode number"),
})
CLIENT_ORDERS = _labelled(ClientOrder, {
    ClientOrder.NEWEST: _("Newest first"),
    ClientOrder.OLDEST: _("Oldest first"),
    ClientOrder.LABEL: _("By label"),
})
WORKLIST_ORDERS = _labelled(WorklistOrder, {
    WorklistOrder.ATTENTION: _("Needs attention first"),
    WorklistOrder.NEXT_APPOINTMENT: _("Next appointment"),
    WorklistOrder.WAITING: _("Waiting longest"),
    WorklistOrder.CLIENT: _("Client"),
})
CORRECTED_RECORDS = _labelled(CorrectedRecord, {
    CorrectedRecord.MEASUREMENT: _("Measurement"),
    CorrectedRecord.APPOINTMENT: _("Appointment"),
    CorrectedRecord.EPISODE: _("Referral"),
})
CORRECTION_ACTIONS = _labelled(CorrectionAction, {
    CorrectionAction.VOID: _("Voided"),
    CorrectionAction.CORRECT: _("Corrected"),
})
STEP_CHOICES = _labelled(STEPS, {
    0: _("Step 0: self-care and promotion"),
    1: _("Step 1: guided self-care"),
    2: _("Step 2: brief structured psychosocial treatment"),
    3: _("Step 3: short psychotherapy"),
    4: _("Step 4: long psychotherapy and specialised care"),
})


MEASUREMENT_SOURCES = [
    ("api", _("API")),
    ("ui", _("Entered in Porras")),
    ("fhir", _("FHIR")),
    ("import", _("Imported")),
    ("navigator", _("Self-assessment in the navigator")),
    ("client", _("Answered by the client")),
]
# The fields a correction names, as the history shows them.
CORRECTED_FIELDS = {
    "date": _("Date"),
    "total": _("Total score"),
    "kind": _("Kind"),
    "status": _("Status"),
    "assessment_date": _("Assessment date"),
    "first_treatment_date": _("First treatment"),
    "referral_date": _("Referral date"),
    "referral_source": _("Referred by"),
    "concerns": _("Main concerns"),
}

MINOR_CHILDREN = _labelled(MinorChildren, {
    MinorChildren.YES: _("Yes"),
    MinorChildren.NO: _("No"),
    MinorChildren.UNKNOWN: _("Not known"),
})

CHILDREN_DISCUSSIONS = _labelled(ChildrenDiscussion, {
    ChildrenDiscussion.LETS_TALK: _("Let's Talk about Children discussion"),
    ChildrenDiscussion.OTHER: _("Another discussion of the children's situation"),
})


def label(choices: Iterable[tuple[Any, Any]], value: Any) -> str:
    """The label of ``value`` in ``choices`` (the value itself when it has none, e.g. an imported code)."""
    return str(dict(choices).get(value, value))
