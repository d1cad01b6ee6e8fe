"""Score a FHIR QuestionnaireResponse: map its answers onto an instrument, recompute, report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from porras.instruments.domain import ScoreResult, ScoringError, score

from .binding import QuestionnaireBinding, walk_items
from .errors import FhirInputError, issue, operation_outcome
from .observations import build_observations
from .registry import QuestionnaireRegistry
from .validation import validate_resource

SCORABLE_STATUSES = ("completed", "amended")


@dataclass(frozen=True)
class ScoredResponse:
    """The outcome of scoring one QuestionnaireResponse.

    ``response`` is the submitted resource exactly as received (a disagreeing stated total is kept);
    ``observations`` are the score Observations; ``outcome`` is an OperationOutcome whose warnings
    report a disagreeing total, risk flags and anything ignored.
    """

    instrument: str
    questionnaire: str
    questionnaire_version: str | None
    external: bool
    answers: list[int | None]
    result: ScoreResult
    submitted_total: float | None
    total_disagrees: bool
    response: dict[str, Any]
    observations: list[dict[str, Any]]
    outcome: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def _answer_items(response: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """Items of a response with their locations, including items nested under answers."""
    found: list[tuple[str, Mapping[str, Any]]] = []

    def visit(items: Any, path: str) -> None:
        for location, node in walk_items(items, path):
            found.append((location, node))
            for a_index, answer in enumerate(node.get("answer", []) or []):
                if answer.get("item"):
                    visit(answer["item"], f"{location}.answer[{a_index}].item")

    visit(response.get("item"), "item")
    return found


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | str) and not isinstance(value, bool)


def _number(answer: Mapping[str, Any]) -> float | None:
    """A stated number (a total); ``true``/``false`` are not numbers, although R4B accepts them."""
    value = answer["valueQuantity"].get("value") if "valueQuantity" in answer else None
    for key in ("valueDecimal", "valueInteger"):
        if key in answer:
            value = answer[key]
    return float(value) if value is not None and _is_number(value) else None


def _position(binding: QuestionnaireBinding, link_id: str, answer: Mapping[str, Any]) -> int | None:
    """The option position an answer picks, or None. An answer of ``true`` picks nothing: R4B turns a
    boolean valueInteger into 1, so it is read from the submitted JSON and refused here."""
    if "valueCoding" in answer:
        coding = answer["valueCoding"]
        return binding.position_of(link_id, coding.get("system"), str(coding.get("code")))
    for key in ("valueString", "valueInteger"):
        if key in answer:
            if isinstance(answer[key], bool):
                return None
            return binding.position_of(link_id, None, str(answer[key]))
    return None


def score_questionnaire_response(response: Any, registry: QuestionnaireRegistry) -> ScoredResponse:
    """Validate (R4B), resolve the questionnaire, recompute the score and build Observations.

    Raises UnknownQuestionnaire or FhirInputError (both become 400 + OperationOutcome)."""
    _, data, dropped = validate_resource(response, "QuestionnaireResponse", drop_invalid_extensions=True)
    binding = registry.resolve(data.get("questionnaire"))
    instrument = binding.instrument
    status = data.get("status")
    if status not in SCORABLE_STATUSES:
        raise FhirInputError(
            f"status {status!r} cannot be scored",
            [
                issue(
                    "error",
                    "business-rule",
                    f"status must be one of {', '.join(SCORABLE_STATUSES)}",
                    "status",
                )
            ],
        )
    positions: dict[str, int | None] = {}
    submitted: float | None = None
    submitted_at: str | None = None
    problems: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = [issue("warning", "informational", w) for w in dropped]
    for location, node in _answer_items(data):
        link_id = binding.link_of(str(node.get("linkId")))
        answers = node.get("answer", []) or []
        if link_id in binding.total_link_ids:
            if answers:
                submitted, submitted_at = _number(answers[0]), f"{location}.answer[0]"
            continue
        if link_id not in binding.items:
            if answers and not node.get("item"):
                notes.append(
                    issue(
                        "warning",
                        "informational",
                        f"answer to {link_id!r} is not part of {instrument.id}",
                        location,
                    )
                )
            continue
        item_binding = binding.items[link_id]
        if item_binding.item_id in positions:
            problems.append(issue("error", "duplicate", f"item {link_id!r} is answered twice", location))
            continue
        if len(answers) > 1:
            problems.append(
                issue(
                    "error", "invalid", f"item {link_id!r} has {len(answers)} answers; one allowed", location
                )
            )
            continue
        if not answers:
            positions[item_binding.item_id] = None
            continue
        position = _position(binding, link_id, answers[0])
        if position is None:
            item = instrument.item(item_binding.item_id)
            allowed = ", ".join(sorted({code for (_, code) in item_binding.options}))
            problems.append(
                issue(
                    "error",
                    "code-invalid",
                    f"answer to {link_id!r} ({instrument.id} item {item.id}) is not one of its options: "
                    f"{allowed}",
                    f"{location}.answer[0]",
                )
            )
            continue
        positions[item_binding.item_id] = position
    if problems:
        raise FhirInputError(f"QuestionnaireResponse cannot be scored as {instrument.id}", problems)

    answers_in_order = [positions.get(item.id) for item in instrument.items]
    link_of = {b.item_id: b.link_id for b in binding.items.values()}

    def where(item_id: Any) -> str:
        return f"QuestionnaireResponse.repeat(item).where(linkId='{link_of.get(str(item_id), item_id)}')"

    try:
        result = score(instrument, answers_in_order)
    except ScoringError as exc:
        raise FhirInputError(
            str(exc),
            [
                issue(
                    "error",
                    "required" if "missing" in str(e["reason"]) else "value",
                    f"{instrument.id} item {e['item']}: {e['reason']}",
                    where(e["item"]),
                )
                for e in exc.errors
            ],
        ) from exc

    disagrees = submitted is not None and result.total is not None and abs(submitted - result.total) > 1e-9
    if disagrees:
        notes.append(
            issue(
                "warning",
                "business-rule",
                f"stated total {submitted:g} disagrees with the total recomputed from the answers "
                f"({result.total:g}); the stated value is kept as submitted and flagged",
                submitted_at,
            )
        )
    for flag in result.risk_flags:
        notes.append(
            issue(
                "warning",
                "informational",
                f"risk item {flag['item']} of {instrument.id} answered with score {flag['value']}: "
                "needs a clinician's attention",
                where(flag["item"]),
            )
        )
    notes.extend(issue("warning", "informational", w) for w in result.warnings)

    reference = f"QuestionnaireResponse/{data['id']}" if data.get("id") else None
    observations = build_observations(
        instrument,
        result,
        base_url=registry.base_url,
        subject=data.get("subject"),
        effective=data.get("authored"),
        derived_from=reference,
        submitted_total=submitted,
    )
    return ScoredResponse(
        instrument=instrument.id,
        questionnaire=str(data.get("questionnaire")),
        questionnaire_version=binding.version,
        external=binding.external,
        answers=answers_in_order,
        result=result,
        submitted_total=submitted,
        total_disagrees=disagrees,
        response=dict(response),
        observations=observations,
        outcome=operation_outcome(notes),
        warnings=[n["diagnostics"] for n in notes],
    )
