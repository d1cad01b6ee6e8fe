"""Our Questionnaires: valid R4B, LOINC codes, scores as ordinalValue and itemWeight, configurable base."""

from __future__ import annotations

from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire

from porras.fhir.domain import ITEM_WEIGHT, ORDINAL_VALUE, build_questionnaire
from porras.instruments.domain import instrument_ids


def weights(item: dict[str, Any], url: str) -> list[float]:
    return [
        next(e["valueDecimal"] for e in o.get("extension", []) if e["url"] == url)
        for o in item["answerOption"]
    ]


def by_link(q: dict[str, Any], link_id: str) -> dict[str, Any]:
    return next(i for i in q["item"] if i["linkId"] == link_id)


@pytest.mark.parametrize("instrument_id", instrument_ids())
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_instrument_builds_a_valid_r4_questionnaire(instrument_id: str, language: str) -> None:
    q = build_questionnaire(instrument_id, language=language)
    Questionnaire.model_validate(q)
    assert q["url"] == f"https://porras.example/fhir/Questionnaire/{instrument_id}"
    assert q["language"] == language


def test_the_canonical_base_is_configurable() -> None:
    q = build_questionnaire("phq9", base_url="https://fhir.hus.fi/porras/")
    assert q["url"] == "https://fhir.hus.fi/porras/Questionnaire/phq9"


def test_phq9_carries_its_loinc_panel_item_and_total_codes() -> None:
    q = build_questionnaire("phq9")
    assert q["code"] == [{"system": "http://loinc.org", "code": "44249-1"}]
    assert by_link(q, "1")["code"][0]["code"] == "44250-9"
    assert by_link(q, "9")["code"][0]["code"] == "44260-8"
    assert by_link(q, "total")["code"][0]["code"] == "44261-6"
    assert by_link(q, "1")["answerOption"][0]["valueCoding"]["code"] == "LA6568-5"


def test_answer_scores_are_given_as_ordinal_value_and_item_weight() -> None:
    item = by_link(build_questionnaire("phq9"), "1")
    assert weights(item, ORDINAL_VALUE) == [0, 1, 2, 3]
    assert weights(item, ITEM_WEIGHT) == [0, 1, 2, 3]


def test_the_unscored_phq9_item_ten_carries_no_scores() -> None:
    item = by_link(build_questionnaire("phq9"), "10")
    assert all("extension" not in o for o in item["answerOption"])
    assert item["required"] is False


def test_reverse_scored_items_carry_their_reversed_weights() -> None:
    q = build_questionnaire("core10")
    assert weights(by_link(q, "1"), ITEM_WEIGHT) == [0, 1, 2, 3, 4]
    assert weights(by_link(q, "2"), ITEM_WEIGHT) == [4, 3, 2, 1, 0]


def test_audit_items_nine_and_ten_weigh_zero_two_four() -> None:
    assert weights(by_link(build_questionnaire("audit"), "9"), ORDINAL_VALUE) == [0, 2, 4]


def test_other_languages_are_carried_as_translations() -> None:
    q = build_questionnaire("gad7", language="en")
    item = by_link(q, "4")
    assert item["text"] == "You have found it hard to relax"
    langs = {
        {p["url"]: p for p in t["extension"]}["lang"]["valueCode"]: {p["url"]: p for p in t["extension"]}[
            "content"
        ]["valueString"]
        for t in item["_text"]["extension"]
    }
    assert langs == {"fi": "Sinun on ollut vaikea rentoutua", "sv": "Du har haft svårt att slappna av"}


def test_an_unsupported_language_is_refused() -> None:
    with pytest.raises(ValueError):
        build_questionnaire("phq9", language="de")
