"""The wording shown is a typed reference with one text form, parsed and written in one place."""

from __future__ import annotations

import pytest

from porras.instruments.domain import WordingError, WordingKind, WordingRef


@pytest.mark.parametrize(
    "text",
    [
        "porras:phq9:1.0.0:fi",
        "porras:phq9:1.0.0:",
        "textpack:12",
        "questionnaire:http://hl7.org/fhir/uv/sdc/Questionnaire/questionnaire-sdc-profile-example-PHQ9|0.0.1",
        "questionnaire:Questionnaire/44249-1-x|",
        "legacy:the clinic's laminated card",
    ],
)
def test_every_text_form_reads_back_to_itself(text: str) -> None:
    assert str(WordingRef.parse(text)) == text


def test_each_kind_is_built_by_its_own_constructor() -> None:
    assert WordingRef.own("gad7", "1.0.0", "sv").kind == WordingKind.OWN
    assert WordingRef.text_pack(3) == WordingRef.parse("textpack:3")
    ref = WordingRef.questionnaire("https://example.fi/Questionnaire/q", "2")
    assert (ref.kind, ref.url, ref.version) == (WordingKind.QUESTIONNAIRE, "https://example.fi/Questionnaire/q", "2")


def test_porras_alone_is_the_own_wording_completed_by_the_writer() -> None:
    ref = WordingRef.parse("porras")
    assert str(ref.completed("phq9", "1.0.0", "en")) == "porras:phq9:1.0.0:en"
    with pytest.raises(WordingError):
        WordingRef.own("gad7", "1.0.0").completed("phq9", "1.0.0")


@pytest.mark.parametrize(
    "text",
    ["", "nonsense", "porras:phq9", "porras:phq9:1.0.0:de", "textpack:", "textpack:x", "textpack:0",
     "textpack:１２", "questionnaire:", "questionnaire:has space|1", "x" * 601],
)
def test_what_is_not_a_reference_is_refused(text: str) -> None:
    with pytest.raises(WordingError):
        WordingRef.parse(text)
