"""A QuestionnaireResponse that names a LOINC form as its questionnaire (``http://loinc.org/q/<panel>``)
with LOINC item and answer codes is scored without a Questionnaire registered first, for every
instrument whose data file carries a LOINC panel and item codes. An unknown LOINC form stays refused.

The codes below are LOINC's (loinc.org; the LHC-Forms PHQ-9, HL7 US Core's AUDIT-C Questionnaire,
HL7's GAD-7 example of the Personal Health Record format guide), written here by hand, not read from
Porras's data files; the totals are summed by hand.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from porras.fhir.domain import (
    FhirInputError,
    QuestionnaireRegistry,
    UnknownQuestionnaire,
    score_questionnaire_response,
)
from porras.fhir.models import ImportedQuestionnaire
from porras.instruments.models import InstrumentResponse

from .fixtures import lforms_response

NOT_AT_ALL, SEVERAL, MORE_THAN_HALF, NEARLY_EVERY = "LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"
PHQ9_FORM = "http://loinc.org/q/44249-1"


def _answers(codes_by_item: dict[str, str], link: Callable[[str], str] = lambda code: f"/{code}") -> list[Any]:
    return [{"linkId": link(item), "answer": [{"valueCoding": {"system": "http://loinc.org", "code": code}}]}
            for item, code in codes_by_item.items()]


def _response(form: str, items: list[Any]) -> dict[str, Any]:
    return {"resourceType": "QuestionnaireResponse", "status": "completed", "questionnaire": form, "item": items}


def test_the_lhc_forms_phq9_response_is_scored_from_the_loinc_form_alone() -> None:
    # 1 + 2 + 3 + 0 + 0 + 0 + 0 + 0 + 1 = 7 (hand-summed)
    codes = [SEVERAL, MORE_THAN_HALF, NEARLY_EVERY, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL,
             SEVERAL]
    scored = score_questionnaire_response(lforms_response(codes, total=7, questionnaire=PHQ9_FORM),
                                          QuestionnaireRegistry())
    assert scored.instrument == "phq9"
    assert scored.result.total == 7
    assert scored.result.severity == "mild"
    assert scored.result.risk_flags == [{"item": "9", "value": 1}]
    assert scored.total_disagrees is False


def test_a_loinc_form_named_with_a_version_is_the_same_form() -> None:
    scored = score_questionnaire_response(lforms_response([NOT_AT_ALL] * 9, questionnaire=PHQ9_FORM + "|2.72"),
                                          QuestionnaireRegistry())
    assert scored.result.total == 0


@pytest.mark.parametrize("link", [lambda code: code, lambda code: f"/44249-1/{code}"],
                         ids=["bare item code", "item code under the panel"])
def test_items_named_by_their_bare_loinc_code_or_under_the_panel_are_read_alike(link: Callable[[str], str]) -> None:
    items = dict(zip(["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
                      "44260-8"], [NEARLY_EVERY] * 9, strict=True))
    scored = score_questionnaire_response(_response(PHQ9_FORM, _answers(items, link)), QuestionnaireRegistry())
    assert scored.result.total == 27


def test_a_gad7_response_to_its_loinc_form_is_scored() -> None:
    # HL7's GAD-7 example answers: 0 + 0 + 1 + 1 + 0 + 1 + 0 = 3 (hand-summed)
    items = {"69725-0": NOT_AT_ALL, "68509-9": NOT_AT_ALL, "69733-4": SEVERAL, "69734-2": SEVERAL,
             "69735-9": NOT_AT_ALL, "69689-8": SEVERAL, "69736-7": NOT_AT_ALL}
    scored = score_questionnaire_response(_response("http://loinc.org/q/69737-5", _answers(items, lambda c: c)),
                                          QuestionnaireRegistry())
    assert (scored.instrument, scored.result.total) == ("gad7", 3)


def test_an_audit_c_response_to_its_loinc_form_is_scored_from_its_answer_codes() -> None:
    # monthly or less (1) + 5 or 6 drinks (2) + never six or more (0) = 3 (hand-summed)
    items = {"68518-0": "LA18926-8", "68519-8": "LA18930-0", "68520-6": "LA6270-8"}
    scored = score_questionnaire_response(_response("http://loinc.org/q/72109-2", _answers(items)),
                                          QuestionnaireRegistry())
    assert (scored.instrument, scored.result.total) == ("auditc", 3)


def test_an_answer_code_that_is_not_one_of_the_items_answers_is_refused_naming_the_item() -> None:
    items = {"68518-0": "LA18926-8", "68519-8": "LA6568-5", "68520-6": "LA6270-8"}  # a PHQ answer to AUDIT-C 2
    with pytest.raises(FhirInputError) as refused:
        score_questionnaire_response(_response("http://loinc.org/q/72109-2", _answers(items)), QuestionnaireRegistry())
    assert any("/68519-8" in str(i.get("diagnostics")) for i in refused.value.issues)


@pytest.mark.parametrize("form", ["http://loinc.org/q/99999-9", "http://loinc.org/q/75624-7", "http://loinc.org/q/"],
                         ids=["no such panel", "a total score code (AUDIT has no panel code)", "no code"])
def test_an_unknown_loinc_form_stays_refused(form: str) -> None:
    with pytest.raises(UnknownQuestionnaire):
        score_questionnaire_response(lforms_response([NOT_AT_ALL] * 9, questionnaire=form), QuestionnaireRegistry())


@pytest.mark.django_db
def test_over_http_the_response_is_stored_with_the_loinc_form_as_its_wording(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    assert not ImportedQuestionnaire.objects.exists()
    response = api_client_for(cast.clinician_a).post(
        "/fhir/QuestionnaireResponse", json.dumps(lforms_response([SEVERAL] * 9, questionnaire=PHQ9_FORM)),
        content_type="application/fhir+json")
    assert response.status_code == 201, response.content
    stored = InstrumentResponse.objects.get()
    assert (stored.instrument, stored.total, stored.has_risk) == ("phq9", 9, True)
    assert stored.wording == f"questionnaire:{PHQ9_FORM}|"


@pytest.mark.django_db
def test_over_http_an_unknown_loinc_form_answers_400_with_an_operation_outcome(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    response = api_client_for(cast.clinician_a).post(
        "/fhir/QuestionnaireResponse",
        json.dumps(lforms_response([SEVERAL] * 9, questionnaire="http://loinc.org/q/99999-9")),
        content_type="application/fhir+json")
    assert response.status_code == 400
    assert response.json()["resourceType"] == "OperationOutcome"
    assert not InstrumentResponse.objects.exists()
