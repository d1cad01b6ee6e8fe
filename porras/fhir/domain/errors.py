"""FHIR input errors and OperationOutcome helpers. The web layer turns FhirInputError into HTTP 400."""

from __future__ import annotations

from typing import Any


def issue(
    severity: str, code: str, diagnostics: str, expression: str | list[str] | None = None
) -> dict[str, Any]:
    """One OperationOutcome.issue (severity: fatal|error|warning|information)."""
    entry: dict[str, Any] = {"severity": severity, "code": code, "diagnostics": diagnostics}
    if expression:
        entry["expression"] = [expression] if isinstance(expression, str) else list(expression)
    return entry


NO_ISSUES = "No issues."


def operation_outcome(issues: list[dict[str, Any]]) -> dict[str, Any]:
    """An OperationOutcome resource; an empty list becomes a single 'informational' issue."""
    if not issues:
        issues = [issue("information", "informational", NO_ISSUES)]
    return {"resourceType": "OperationOutcome", "issue": issues}


class FhirInputError(ValueError):
    """Malformed, unknown or unscorable FHIR input. ``issues`` are OperationOutcome issues."""

    def __init__(self, message: str, issues: list[dict[str, Any]] | None = None) -> None:
        self.issues = issues or [issue("error", "invalid", message)]
        super().__init__(message)

    def to_operation_outcome(self) -> dict[str, Any]:
        return operation_outcome(self.issues)


class UnknownQuestionnaire(FhirInputError):
    """A QuestionnaireResponse names a questionnaire that is neither ours nor registered."""

    def __init__(self, reference: str | None) -> None:
        what = (
            f"unknown questionnaire {reference!r}"
            if reference
            else "QuestionnaireResponse.questionnaire is missing"
        )
        super().__init__(
            what,
            [
                issue(
                    "error", "not-found", f"{what}; register an external questionnaire first", "questionnaire"
                )
            ],
        )
        self.reference = reference
