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


# A refusal stays small whatever the input holds: this many errors are listed, then one that says how
# many more there were; a field name (which may echo a key of the input) is shown to this length.
MAX_ERRORS = 50
MAX_NAME = 64


def shown(name: str) -> str:
    """A field name as an error shows it: at most MAX_NAME characters."""
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1] + "…"


class Problems:
    """The errors of one input: the first MAX_ERRORS listed, the rest counted."""

    def __init__(self) -> None:
        self.listed: list[FieldError] = []
        self.unlisted = 0

    def add(self, error: FieldError) -> None:
        if len(self.listed) < MAX_ERRORS:
            self.listed.append(FieldError(shown(error.field), error.reason, error.item))
        else:
            self.unlisted += 1

    def extend(self, errors: list[FieldError]) -> None:
        for error in errors:
            self.add(error)

    def __bool__(self) -> bool:
        return bool(self.listed)

    def as_list(self) -> list[FieldError]:
        more = [FieldError("(input)", f"{self.unlisted} more problems not listed")] if self.unlisted else []
        return [*self.listed, *more]
