"""Specialist consultation: a primary-care professional asks specialised psychiatry or
substance-use services a question about an episode; the specialist unit answers.

Plain Python (no Django): the values of a request, the rules of its input, and its turnaround time.
No time limit is set for an answer here: none could be sourced for a consultation between primary
and specialised care, so the queue orders by urgency and age and the reports show the median.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

QUESTION_MAX = 4000
ANSWER_MAX = 4000


class Urgency(StrEnum):
    URGENT = "urgent"
    NON_URGENT = "non_urgent"


class PreferredForm(StrEnum):
    """How the asker would like to be helped (Future sote-centre programme: specialised care
    supporting primary care by consultation, joint visits, remote contacts and transfer)."""

    WRITTEN_ADVICE = "written_advice"
    JOINT_VISIT = "joint_visit"
    VIDEO = "video"
    TRANSFER = "transfer"


class Outcome(StrEnum):
    """Where care goes on after the answer: the figure the reports count."""

    PRIMARY_CARE = "primary_care"  # care continues in primary care, with the advice
    TRANSFER = "transfer"  # the client is transferred to specialised care


class Status(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"


# The kinds of unit that answer consultations (porras.accounts.models.UnitKind values).
SPECIALIST_UNIT_KINDS: tuple[str, ...] = ("specialised_psychiatry", "substance_use")

# Reasons (English, translated where shown); listed for the translations in porras/integrated/messages.py.
REQUIRED = "is required"
TOO_LONG = "is too long"
NOT_A_SPECIALIST_UNIT = "is not a specialised psychiatry or substance-use unit"
OTHER_COUNTY = "is in another wellbeing services county than the episode"
EPISODE_CLOSED = "has ended: a consultation is asked about an open episode"
ALREADY_ANSWERED = "has already been answered"
WITHDRAWN = "has been withdrawn"


@dataclass(frozen=True)
class RuleError:
    field: str
    reason: str


def question_errors(question: str) -> list[RuleError]:
    text = (question or "").strip()
    if not text:
        return [RuleError("question", REQUIRED)]
    if len(text) > QUESTION_MAX:
        return [RuleError("question", TOO_LONG)]
    return []


def answer_errors(answer: str) -> list[RuleError]:
    text = (answer or "").strip()
    if not text:
        return [RuleError("answer", REQUIRED)]
    if len(text) > ANSWER_MAX:
        return [RuleError("answer", TOO_LONG)]
    return []


def turnaround_days(asked: dt.date, answered: dt.date | None) -> int | None:
    """Whole calendar days from the day asked to the day answered (0 = answered the same day)."""
    if answered is None:
        return None
    return (answered - asked).days


def waiting_days(asked: dt.date, today: dt.date) -> int:
    """Days an open request has waited (the queue shows it)."""
    return max((today - asked).days, 0)
