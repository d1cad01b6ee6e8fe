"""The HL7 SDC PHQ-9 (scores on the concepts of a contained ValueSet, no item LOINC codes) and its
response, whose stated total 13 disagrees with its answers (0+0+0+1+2+1+3+2+1 = 10)."""

from __future__ import annotations

import copy

import pytest
from fhir.resources.R4B.operationoutcome import OperationOutcome

from porras.fhir.domain import QuestionnaireRegistry, ScoredResponse, score_questionnaire_response

from .fixtures import HL7_LINK_MAP, load


@pytest.fixture
def scored() -> ScoredResponse:
    registry = QuestionnaireRegistry()
    registry.register(load("hl7-sdc-phq9-questionnaire.json"), "phq9", link_map=HL7_LINK_MAP)
    return score_questionnaire_response(load("hl7-sdc-phq9-questionnaireresponse.json"), registry)


def test_the_answers_are_recomputed_to_ten(scored: ScoredResponse) -> None:
    assert scored.result.total == 10
    assert scored.result.severity == "moderate"
    assert scored.result.subscores == {"phq2": 0}
    assert scored.answers == [0, 0, 0, 1, 2, 1, 3, 2, 1, None]


def test_the_stated_thirteen_is_kept_and_flagged(scored: ScoredResponse) -> None:
    assert scored.submitted_total == 13
    assert scored.total_disagrees is True
    stated = scored.response["item"][0]["item"][9]["answer"][0]["valueQuantity"]["value"]
    assert stated == 13
    warning = next(i for i in scored.outcome["issue"] if i["code"] == "business-rule")
    assert warning["severity"] == "warning"
    assert "13" in warning["diagnostics"] and "10" in warning["diagnostics"]
    assert warning["expression"] == ["item[0].item[9].answer[0]"]
    OperationOutcome.model_validate(scored.outcome)


def test_the_total_observation_uses_loinc_44261_6_with_value_ten(scored: ScoredResponse) -> None:
    total = scored.observations[0]
    assert {"system": "http://loinc.org", "code": "44261-6"} in total["code"]["coding"]
    assert total["valueQuantity"]["value"] == 10
    assert total["derivedFrom"] == [
        {"reference": "QuestionnaireResponse/questionnaireresponse-sdc-profile-example-PHQ9"}
    ]
    assert total["subject"] == {"reference": "http://hl7.org/fhir/Patient/proband"}
    assert "13" in total["note"][-1]["text"]


def test_the_phq2_observation_uses_loinc_55758_7(scored: ScoredResponse) -> None:
    phq2 = scored.observations[1]
    assert {"system": "http://loinc.org", "code": "55758-7"} in phq2["code"]["coding"]
    assert phq2["valueQuantity"]["value"] == 0


def test_the_item_nine_risk_answer_is_reported(scored: ScoredResponse) -> None:
    assert scored.result.risk_flags == [{"item": "9", "value": 1}]
    assert any("risk item 9" in i["diagnostics"] for i in scored.outcome["issue"])
    component = scored.observations[0]["component"][0]
    assert component["valueInteger"] == 1


def test_without_registration_the_questionnaire_is_unknown() -> None:
    from porras.fhir.domain import UnknownQuestionnaire

    with pytest.raises(UnknownQuestionnaire) as info:
        score_questionnaire_response(load("hl7-sdc-phq9-questionnaireresponse.json"), QuestionnaireRegistry())
    assert info.value.issues[0]["code"] == "not-found"


def test_without_a_link_map_the_unmapped_items_are_named() -> None:
    from porras.fhir.domain import FhirInputError

    with pytest.raises(FhirInputError) as info:
        QuestionnaireRegistry().register(load("hl7-sdc-phq9-questionnaire.json"), "phq9")
    assert any("phq9 item 1" in i["diagnostics"] for i in info.value.issues)


def test_a_canonical_with_a_version_resolves() -> None:
    registry = QuestionnaireRegistry()
    registry.register(load("hl7-sdc-phq9-questionnaire.json"), "phq9", link_map=HL7_LINK_MAP)
    response = copy.deepcopy(load("hl7-sdc-phq9-questionnaireresponse.json"))
    response["questionnaire"] += "|0.0.1"
    assert score_questionnaire_response(response, registry).result.total == 10
