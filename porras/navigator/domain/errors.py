"""Plain exceptions of the navigator domain."""

from __future__ import annotations

from dataclasses import dataclass


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
    """The navigator input is invalid; `errors` names every bad field and why."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = list(errors)
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
