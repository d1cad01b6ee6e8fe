"""Input rules of a training record. Framework-free: each rule names the field it refuses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MAX_SUPERVISION_SESSIONS = 1000  # a bound on typing errors, not a clinical figure


@dataclass(frozen=True)
class RuleError:
    field: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "reason": self.reason}


def training_errors(
    started_on: dt.date | None,
    completed_on: dt.date | None,
    certified_on: dt.date | None,
    supervision_sessions: int,
    today: dt.date,
) -> list[RuleError]:
    errors: list[RuleError] = []
    for name, value in (("started_on", started_on), ("completed_on", completed_on), ("certified_on", certified_on)):
        if value is not None and value > today:
            errors.append(RuleError(name, "must not be in the future"))
    if started_on and completed_on and completed_on < started_on:
        errors.append(RuleError("completed_on", "must not be before the start of the training"))
    if certified_on and completed_on is None:
        errors.append(RuleError("certified_on", "needs the completion date of the training"))
    elif certified_on and completed_on and certified_on < completed_on:
        errors.append(RuleError("certified_on", "must not be before the completion of the training"))
    if not 0 <= supervision_sessions <= MAX_SUPERVISION_SESSIONS:
        errors.append(RuleError("supervision_sessions", f"must be 0-{MAX_SUPERVISION_SESSIONS}"))
    return errors


def parse_episode_ids(text: str) -> list[int]:
    """``"12, 15 17"`` → ``[12, 15, 17]``; raises ValueError on anything but whole numbers."""
    parts = [p for p in text.replace(",", " ").split() if p]
    if any(not p.isascii() or not p.isdigit() for p in parts):
        raise ValueError(text)
    return list(dict.fromkeys(int(p) for p in parts))
