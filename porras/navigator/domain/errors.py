"""Plain exceptions of the navigator domain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of the navigator input."""

    field: str
    reason: str
    item: str | None = None  # the questionnaire item, for an answer of raw responses

    def as_dict(self) -> dict[str, str]:
        out = {"field": self.field, "reason": self.reason}
        if self.item is not None:
            out["item"] = self.item
        return out


class NavigatorInputError(ValueError):
    """The navigator input is invalid; `errors` names every bad field and why.

    ``risk`` is what the valid part of the input shows of risk, so that no refusal hides a risk
    answer: ``{"urgency", "crisis_contacts", "trace"}`` as in a recommendation (urgency
    ``non_urgent`` and no contacts when no risk answer could be read). ``navigate`` always sets it.
    """

    def __init__(self, errors: list[FieldError], risk: dict[str, Any] | None = None) -> None:
        self.errors = list(errors)
        self.risk = risk
        super().__init__("; ".join(f"{e.field}: {e.reason}" for e in self.errors))

    def as_list(self) -> list[dict[str, str]]:
        return [e.as_dict() for e in self.errors]


class RuleSetError(ValueError):
    """A rule-set file failed validation on load."""

    def __init__(self, file: str, field: str, reason: str) -> None:
        self.file = file
        self.field = field
        self.reason = reason
        super().__init__(f"{file}: {field}: {reason}")
