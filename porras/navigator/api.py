"""``POST /api/v1/navigator`` and the saved self-assessments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Body, Field, Router, Schema, Status

from porras.lib.errors import InputError
from porras.lib.schema import Input
from porras.navigator import services
from porras.navigator.domain import NavigatorInputError
from porras.navigator.domain.inputs import input_schema
from porras.navigator.limits import client_address

router = Router(tags=["navigator"])

EXAMPLE = {
    "age": 19, "sex": "female", "county": "pirkanmaa", "language": "fi", "concerns": ["depression"],
    "scores": {"phq9": {"total": 16, "severity": "moderately_severe", "risk_items": {"9": 1}}},
    "risk": {"plan_to_end_life": False}, "history": [{"step": 1, "reliable_improvement": False}],
    "preferences": {"delivery": "digital", "format": "no_preference"},
}
# The navigator validates the input itself, naming each bad field and carrying the risk outcome in
# every refusal (a schema at the edge would refuse before the risk is read); the document shows the
# same input as a closed schema.
INPUT_DOC = {"requestBody": {"content": {"application/json": {"schema": input_schema(), "example": EXAMPLE}}}}
JSON_BODY = Body(...)


def refused(exc: NavigatorInputError) -> InputError:
    """422 naming each bad field or item, with the risk the valid answers show beside it
    (``urgency``, ``crisis_contacts``, ``trace``), so that no refusal hides a risk answer."""
    return InputError(exc.as_list(), extra=exc.risk)


def _recommend(data: dict[str, Any]) -> dict[str, Any]:
    try:
        return services.recommend(data)
    except NavigatorInputError as exc:
        raise refused(exc) from exc


@router.post(
    "/navigator", auth=None, response=dict[str, Any], openapi_extra=INPUT_DOC,
    summary="Stepped-care recommendation (urgency, step, interventions, services, crisis contacts, trace)",
)
def recommend(request: HttpRequest, payload: dict[str, Any] = JSON_BODY) -> dict[str, Any]:
    """Public and stateless: nothing of the request is stored. Bad input: 422 with ``[{field, reason}]``."""
    return _recommend(payload)


class SavedOut(Schema):
    code: str
    expires_at: datetime
    guardian_code: str | None = Field(
        None, description="a young person's self-assessment (youth rules): the guardian's own code, shown once"
    )


class AssessmentOut(Schema):
    created_at: datetime
    expires_at: datetime
    answers: dict[str, Any]
    result: dict[str, Any]


@router.post(
    "/navigator/assessments", auth=None, response={201: SavedOut}, openapi_extra=INPUT_DOC,
    summary="Save an anonymous self-assessment under a random code valid for 30 days",
)
def save(request: HttpRequest, payload: dict[str, Any] = JSON_BODY) -> Status[SavedOut]:
    """Limited per client address (``PORRAS_NAVIGATOR_SAVES_PER_HOUR``; then 429 with Retry-After)."""
    try:
        saved = services.save_assessment(payload, address=client_address(request))
    except NavigatorInputError as exc:
        raise refused(exc) from exc
    return Status(201, SavedOut(code=saved.code, expires_at=saved.expires_at, guardian_code=saved.guardian_code))


class GuardianIn(Input):
    code: str = Field(max_length=20, description="the guardian code given with the young person's saved answers")
    guardian: dict[str, Any] = Field(description="the guardian's answers: {concerns, responses, scores, risk}")


class GuardianOut(Schema):
    urgency: str
    crisis_contacts: list[dict[str, Any]]


class CodeIn(Input):
    code: str = Field(max_length=20)  # 12 characters, with hyphens or spaces as shown (the form's limit)


class OpenIn(Input):
    code: str = Field(max_length=20)  # 12 characters, with hyphens or spaces as shown (the form's limit)


@router.post(
    "/navigator/assessments/open", response=AssessmentOut,
    summary="Open a saved self-assessment by its code (professionals; audited; rate-limited)",
)
def open_saved(request: HttpRequest, payload: OpenIn) -> AssessmentOut:
    """The code travels in the body, never in the URL, so that no access log or proxy keeps it."""
    found = services.open_assessment(request, payload.code)  # 404 unknown or expired, 429 too many
    return AssessmentOut(
        created_at=found.created_at, expires_at=found.expires_at, answers=found.answers, result=found.result
    )


@router.post(
    "/navigator/assessments/mine", auth=None, response=AssessmentOut,
    summary="The resident reopens their own saved self-assessment by its code (rate-limited per address)",
)
def reopen_mine(request: HttpRequest, payload: CodeIn) -> AssessmentOut:
    """Anonymous: the code is the key. Failed codes are limited per client address (10 per 15 minutes,
    then 429); 404 for an unknown or expired code. The code travels in the body, never in the URL."""
    found = services.reopen_own_assessment(request, payload.code, address=client_address(request))
    return AssessmentOut(
        created_at=found.created_at, expires_at=found.expires_at, answers=found.answers, result=found.result
    )


@router.post(
    "/navigator/assessments/delete", auth=None, response={204: None},
    summary="The resident deletes their saved self-assessment by its code, at once",
)
def delete_mine(request: HttpRequest, payload: CodeIn) -> Status[None]:
    """Deleted at once (204); 404 for an unknown or expired code; limited like the look-up."""
    services.delete_own_assessment(request, payload.code, address=client_address(request))
    return Status(204, None)


@router.post(
    "/navigator/assessments/guardian", auth=None, response={201: GuardianOut},
    summary="A guardian adds their own answers to a young person's saved self-assessment with the guardian code",
)
def guardian_answers(request: HttpRequest, payload: GuardianIn) -> Status[GuardianOut]:
    """Anonymous; the code travels in the body. The guardian's answers never overwrite the young
    person's; the recommendation is made again from both, for the professional who opens the young
    person's code. The answer carries the urgency and crisis contacts of the guardian's own risk
    answers only. 404 unknown or expired code, 409 already answered, 422 refused answers (nothing
    written, the risk outcome beside), 429 too many codes that did not match."""
    try:
        _, own = services.add_guardian_answers(payload.guardian, payload.code, address=client_address(request))
    except NavigatorInputError as exc:
        raise refused(exc) from exc
    return Status(201, GuardianOut(**own))
