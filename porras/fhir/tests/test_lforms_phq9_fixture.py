"""The LHC-Forms PHQ-9 (scores on answerOption, LOINC item and answer codes) can be imported and its
responses scored."""

from __future__ import annotations

import pytest

from porras.fhir.domain import QuestionnaireRegistry, score_questionnaire_response

from .fixtures import lforms_response, load

NOT_AT_ALL, SEVERAL, MORE_THAN_HALF, NEARLY_EVERY = "LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"


@pytest.fixture
def registry() -> QuestionnaireRegistry:
    reg = QuestionnaireRegistry()
    reg.register(load("lforms-phq9-questionnaire.json"))
    return reg


def test_it_is_recognised_as_phq9_by_its_loinc_panel_code() -> None:
    binding = QuestionnaireRegistry().register(load("lforms-phq9-questionnaire.json"))
    assert binding.instrument.id == "phq9"
    assert binding.total_link_ids == {"/44261-6"}
    assert binding.items["/44260-8"].item_id == "9"
    assert binding.items["/69722-7"].item_id == "10"


def test_its_invalid_non_modifier_extensions_are_ignored_with_a_warning() -> None:
    binding = QuestionnaireRegistry().register(load("lforms-phq9-questionnaire.json"))
    assert any("optionPrefix" in w for w in binding.warnings)


def test_a_response_is_scored_from_its_loinc_answer_codes(registry: QuestionnaireRegistry) -> None:
    # 1+2+3+0+0+0+0+0+1 = 7 (hand-summed)
    codes = [
        SEVERAL,
        MORE_THAN_HALF,
        NEARLY_EVERY,
        NOT_AT_ALL,
        NOT_AT_ALL,
        NOT_AT_ALL,
        NOT_AT_ALL,
        NOT_AT_ALL,
        SEVERAL,
    ]
    scored = score_questionnaire_response(lforms_response(codes, total=7), registry)
    assert scored.instrument == "phq9"
    assert scored.result.total == 7
    assert scored.result.severity == "mild"
    assert scored.result.risk_flags == [{"item": "9", "value": 1}]
    assert scored.total_disagrees is False
    assert scored.observations[0]["code"]["coding"][0] == {"system": "http://loinc.org", "code": "44261-6"}
    assert scored.observations[0]["valueQuantity"]["value"] == 7


def test_a_wrong_stated_total_is_flagged(registry: QuestionnaireRegistry) -> None:
    scored = score_questionnaire_response(lforms_response([NEARLY_EVERY] * 9, total=20), registry)
    assert scored.result.total == 27
    assert scored.total_disagrees is True
    assert scored.submitted_total == 20
    assert any(i["code"] == "business-rule" for i in scored.outcome["issue"])
