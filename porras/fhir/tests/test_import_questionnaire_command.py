"""`porras fhir import-questionnaire FILE [--instrument] [--link LINKID=ITEM]` registers a questionnaire."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from porras.fhir.models import ImportedQuestionnaire

from .fixtures import path as fixture

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_lforms_phq9_is_registered_by_its_loinc_codes() -> None:
    text = run("fhir", "import-questionnaire", str(fixture("lforms-phq9-questionnaire.json")))
    assert "registered Questionnaire/44249-1-x as phq9" in text
    assert ImportedQuestionnaire.objects.get().instrument == "phq9"


def test_the_hl7_sdc_phq9_needs_links_for_its_items() -> None:
    path = str(fixture("hl7-sdc-phq9-questionnaire.json"))
    with pytest.raises(CommandError, match="phq9 item 1"):
        run("fhir", "import-questionnaire", path, "--instrument", "phq9")
    links = [arg for n in range(1, 10) for arg in ("--link", f"H1/T1/Q{n}={n}")]
    run("fhir", "import-questionnaire", path, "--instrument", "phq9", *links)
    stored = ImportedQuestionnaire.objects.get()
    assert stored.url == "http://hl7.org/fhir/uv/sdc/Questionnaire/questionnaire-sdc-profile-example-PHQ9"
    assert stored.link_map["H1/T1/Q9"] == "9"
