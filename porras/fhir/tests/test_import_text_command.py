"""`porras fhir import-text FILE --instrument phq9 --language en` stores a text pack (the official
wording of a FHIR Questionnaire: reading FHIR is the FHIR app's, so instruments imports nothing of it)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from conftest import external_fixture
from porras.instruments.models import TextPack

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_it_imports_the_loinc_wording_of_the_lforms_phq9() -> None:
    text = run(
        "fhir",
        "import-text",
        str(external_fixture("fhir", "lforms-phq9-questionnaire.json")),
        "--instrument",
        "phq9",
        "--language",
        "en",
    )
    pack = TextPack.objects.get()
    assert "10 item(s)" in text
    assert pack.language == "en"
    assert pack.texts["2"] == "Feeling down, depressed, or hopeless?"
    assert pack.name == "PHQ-9 quick depression assessment panel"


def test_importing_again_replaces_the_pack() -> None:
    args = (
        "fhir",
        "import-text",
        str(external_fixture("fhir", "lforms-phq9-questionnaire.json")),
        "--instrument",
        "phq9",
        "--language",
        "en",
    )
    run(*args)
    run(*args)
    assert TextPack.objects.count() == 1


def test_a_questionnaire_without_loinc_item_codes_is_refused() -> None:
    with pytest.raises(CommandError, match="no item of the questionnaire"):
        run(
            "fhir",
            "import-text",
            str(external_fixture("fhir", "hl7-sdc-phq9-questionnaire.json")),
            "--instrument",
            "phq9",
            "--language",
            "en",
        )
