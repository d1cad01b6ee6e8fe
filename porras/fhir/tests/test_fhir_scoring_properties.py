"""Property: answering our own Questionnaire over FHIR scores exactly as the engine does."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from porras.fhir.domain import QuestionnaireRegistry, build_questionnaire, score_questionnaire_response
from porras.instruments.domain import instrument_ids, load_instrument, score

REGISTRY = QuestionnaireRegistry()


@st.composite
def answered(draw: st.DrawFn) -> tuple[str, list[int]]:
    instrument = load_instrument(draw(st.sampled_from(instrument_ids())))
    return instrument.id, [draw(st.integers(0, len(item.options) - 1)) for item in instrument.items]


def response_for(instrument_id: str, positions: list[int], language: str) -> dict[str, Any]:
    questionnaire = build_questionnaire(instrument_id, language=language)
    items = []
    for node in questionnaire["item"]:
        if node["type"] != "choice":
            continue
        coding = node["answerOption"][positions[len(items)]]["valueCoding"]
        items.append(
            {
                "linkId": node["linkId"],
                "answer": [{"valueCoding": {"system": coding["system"], "code": coding["code"]}}],
            }
        )
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": questionnaire["url"],
        "item": items,
    }


@settings(max_examples=150, deadline=None)
@given(answered(), st.sampled_from(["fi", "sv", "en"]))
def test_a_fhir_response_scores_like_the_engine(case: tuple[str, list[int]], language: str) -> None:
    instrument_id, positions = case
    scored = score_questionnaire_response(response_for(instrument_id, positions, language), REGISTRY)
    expected = score(instrument_id, positions)
    assert scored.answers == positions
    assert scored.result == expected
    assert scored.observations[0]["valueQuantity"]["value"] == expected.total
    assert scored.total_disagrees is False
