"""Text packs: official wording for one language, matched by LOINC item code."""

from __future__ import annotations

import pytest

from porras.fhir.domain import FhirInputError, build_questionnaire, import_text_pack

from .fixtures import load


def test_the_lforms_phq9_gives_english_wording_for_all_ten_items() -> None:
    pack = import_text_pack(load("lforms-phq9-questionnaire.json"), "phq9", "en")
    assert sorted(pack, key=int) == [str(n) for n in range(1, 11)]
    assert pack["1"] == "Little interest or pleasure in doing things?"
    assert pack["9"] == "Thoughts that you would be better off dead, or of hurting yourself in some way"


def test_translations_are_read_from_translation_extensions() -> None:
    pack = import_text_pack(build_questionnaire("phq9", language="fi"), "phq9", "sv")
    assert pack["4"] == "Du har känt dig trött eller orkeslös"


def test_a_questionnaire_without_matching_loinc_codes_is_refused() -> None:
    with pytest.raises(FhirInputError):
        import_text_pack(load("hl7-sdc-phq9-questionnaire.json"), "phq9", "en")


def test_an_instrument_without_loinc_item_codes_is_refused() -> None:
    with pytest.raises(FhirInputError):
        import_text_pack(load("lforms-phq9-questionnaire.json"), "oasis", "en")
