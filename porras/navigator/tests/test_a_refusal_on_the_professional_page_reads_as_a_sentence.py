"""When the rules refuse what the professional's form sent, the page names the field by its label and
says why in the user's language: never the input's field path and the engine's English reason."""

from __future__ import annotations

import pytest
from django.utils import translation

from porras.navigator.forms import ProfessionalForm
from porras.navigator.views import _refusal

CASES = [
    ({"field": "age", "reason": "must be a whole number of years from 0 to 120"}, "fi",
     "Ikä vuosina: Anna ikä väliltä 0–120 vuotta."),
    ({"field": "concerns[0]", "reason": "is not a known concern (known: depression, anxiety)"}, "sv",
     "Bekymmer: Välj bekymren i listan."),
    ({"field": "county", "reason": "is not a known county code (see GET /api/v1/counties)"}, "en",
     "Wellbeing services county: There is no such county."),
]


@pytest.mark.django_db  # the form reads the counties
@pytest.mark.parametrize(("error", "language", "shown"), CASES)
def test_a_refusal_reads_as_the_fields_label_and_a_sentence(error: dict[str, str], language: str, shown: str) -> None:
    with translation.override(language):
        assert _refusal(ProfessionalForm(), error) == shown
