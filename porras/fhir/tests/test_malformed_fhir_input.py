"""Malformed or unknown FHIR input raises FhirInputError with OperationOutcome issues (HTTP 400)."""

from __future__ import annotations

from typing import Any

import pytest
from fhir.resources.R4B.operationoutcome import OperationOutcome

from porras.fhir.domain import (
    FhirInputError,
    QuestionnaireRegistry,
    UnknownQuestionnaire,
    score_questionnaire_response,
)


def gad7(items: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    resource = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": "https://porras.example/fhir/Questionnaire/gad7",
        "item": items,
    }
    resource.update(extra)
    return resource


def answered(n: int, code: str = "not_at_all") -> dict[str, Any]:
    return {"linkId": str(n), "answer": [{"valueCoding": {"code": code}}]}


def error_of(resource: Any) -> FhirInputError:
    with pytest.raises(FhirInputError) as info:
        score_questionnaire_response(resource, QuestionnaireRegistry())
    OperationOutcome.model_validate(info.value.to_operation_outcome())
    return info.value


def test_a_non_object_is_refused() -> None:
    assert "JSON object" in str(error_of([1, 2]))


def test_the_wrong_resource_type_is_refused() -> None:
    err = error_of({"resourceType": "Patient"})
    assert err.issues[0]["expression"] == ["resourceType"]


def test_a_structurally_invalid_item_is_a_structure_error_naming_its_path() -> None:
    err = error_of(gad7([{"answer": [{"valueCoding": "LA6568-5"}]}]))
    assert {i["code"] for i in err.issues} == {"structure"}
    assert any(i["expression"][0].startswith("item[0]") for i in err.issues)


def test_an_unknown_status_is_refused() -> None:
    err = error_of(gad7([answered(n) for n in range(1, 8)], status="finished-ish"))
    assert err.issues[0]["expression"] == ["status"]


def test_an_in_progress_response_is_not_scored() -> None:
    err = error_of(gad7([answered(n) for n in range(1, 8)], status="in-progress"))
    assert err.issues[0]["expression"] == ["status"]


def test_an_unknown_questionnaire_is_refused() -> None:
    with pytest.raises(UnknownQuestionnaire):
        score_questionnaire_response(
            gad7([], questionnaire="https://elsewhere.example/Questionnaire/x"), QuestionnaireRegistry()
        )


def test_a_missing_questionnaire_reference_is_refused() -> None:
    resource = gad7([answered(n) for n in range(1, 8)])
    del resource["questionnaire"]
    with pytest.raises(UnknownQuestionnaire):
        score_questionnaire_response(resource, QuestionnaireRegistry())


def test_an_answer_that_is_not_an_option_names_the_item() -> None:
    items = [answered(n) for n in range(1, 8)]
    items[2] = answered(3, "sometimes-maybe")
    err = error_of(gad7(items))
    assert err.issues[0]["code"] == "code-invalid"
    assert "'3'" in err.issues[0]["diagnostics"]
    assert err.issues[0]["expression"] == ["item[2].answer[0]"]


def test_a_missing_item_names_the_item() -> None:
    err = error_of(gad7([answered(n) for n in range(1, 7)]))
    assert err.issues[0]["code"] == "required"
    assert "gad7 item 7" in err.issues[0]["diagnostics"]


def test_two_answers_to_one_item_are_refused() -> None:
    items = [answered(n) for n in range(1, 8)]
    items[0]["answer"].append({"valueCoding": {"code": "several_days"}})
    assert "2 answers" in error_of(gad7(items)).issues[0]["diagnostics"]
