"""What a therapist's worklist shows for a guided programme: a completed module awaiting feedback, no
activity from the client for a while, a measure due at the module the client has reached."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from porras.selfcare.domain.programmes import Programme


@dataclass(frozen=True)
class Progress:
    started: dt.datetime
    last_activity: dt.datetime | None
    completed: frozenset[str]  # module ids completed
    awaiting_feedback: int  # completed modules without the therapist's feedback
    unanswered_messages: int  # client messages newer than the therapist's last answer
    measured: frozenset[str]  # module ids whose embedded instrument was answered


@dataclass(frozen=True)
class Attention:
    awaiting_feedback: bool
    inactive: bool
    measure_due: bool
    unanswered_messages: bool

    @property
    def any(self) -> bool:
        return self.awaiting_feedback or self.inactive or self.measure_due or self.unanswered_messages


def next_module(programme: Programme, completed: frozenset[str]) -> str | None:
    """The first module not completed, in the programme's order; None when all are."""
    return next((m.id for m in programme.modules if m.id not in completed), None)


def attention(programme: Programme, progress: Progress, *, now: dt.datetime, inactive_days: int) -> Attention:
    since = progress.last_activity or progress.started
    current = next_module(programme, progress.completed)
    due = False
    if current is not None:
        module = programme.module(current)
        due = module.instrument is not None and current not in progress.measured
    return Attention(
        awaiting_feedback=progress.awaiting_feedback > 0,
        inactive=current is not None and (now - since) >= dt.timedelta(days=inactive_days),
        measure_due=due,
        unanswered_messages=progress.unanswered_messages > 0,
    )
