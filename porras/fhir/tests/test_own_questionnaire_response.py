"""Responses to our own Questionnaires are resolved by canonical URL and scored by our definitions."""

from __future__ import annotations

from typing import Any

import pytest

from porras.fhir.domain import FhirInputError, QuestionnaireRegistry, score_questionnaire_response


def response(
    instrument_id: str,
    answers: dict[str, str],
    total: float | None = None,
    base: str = "https://porras.example/fhir",
) -> dict[str, Any]:
    items: list[dict[str, Any]] = [
        {"linkId": k, "answer": [{"valueCoding": {"code": v}}]} for k, v in answers.items()
    ]
    if total is not None:
        items.append({"linkId": "total", "answer": [{"valueDecimal": total}]})
    return {
        "resourceType": "QuestionnaireResponse",
        "id": "r1",
        "status": "completed",
        "questionnaire": f"{base}/Questionnaire/{instrument_id}",
        "authored": "2026-11-23T12:00:00+02:00",
        "item": items,
    }


def test_core10_is_scored_with_reverse_items_and_its_risk_item() -> None:
    # items 2 and 3 "not_at_all" are reverse-scored to 4; item 6 "sometimes" = 2 (risk)
    answers = {str(n): "not_at_all" for n in range(1, 11)}
    answers["6"] = "sometimes"
    scored = score_questionnaire_response(response("core10", answers), QuestionnaireRegistry())
    assert scored.result.total == 10
    assert scored.result.risk_flags == [{"item": "6", "value": 2}]
    assert scored.external is False
    # CORE-10 has no LOINC total: the Porras score code is used
    assert scored.observations[0]["code"]["coding"] == [
        {"system": "https://porras.example/fhir/CodeSystem/porras-scores", "code": "core10-total"}
    ]


def test_a_matching_stated_total_raises_no_warning() -> None:
    answers = {str(n): "several_days" for n in range(1, 8)}
    scored = score_questionnaire_response(response("gad7", answers, total=7), QuestionnaireRegistry())
    assert scored.total_disagrees is False
    assert scored.outcome["issue"][0]["severity"] == "information"


def test_a_configured_base_url_resolves_its_own_canonicals() -> None:
    answers = {str(n): "several_days" for n in range(1, 8)}
    registry = QuestionnaireRegistry(base_url="https://fhir.example.fi")
    scored = score_questionnaire_response(response("gad7", answers, base="https://fhir.example.fi"), registry)
    assert scored.result.total == 7
    with pytest.raises(FhirInputError):
        score_questionnaire_response(response("gad7", answers), registry)


def test_loinc_answer_codes_work_on_our_questionnaires_too() -> None:
    answers = {str(n): "LA6571-9" for n in range(1, 8)}
    assert score_questionnaire_response(response("gad7", answers), QuestionnaireRegistry()).result.total == 21
