"""A reason the domain gives in English (as the API answers it) is shown on a page as a sentence in
the user's language: a fixed reason translated as it is, a reason built with values through the
sentence its app's ``REASON_PATTERNS`` gives instead (``porras.lib.reasons``)."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from porras.lib import reasons

CASES = [
    # (reason as the domain words it, language, what the page shows)
    ("must not be in the future", "fi", "Ei saa olla tulevaisuudessa"),
    ("must not be in the future", "sv", "Får inte ligga i framtiden"),
    ("must be one of booked, attended, did_not_attend, cancelled", "fi", "Valitse jokin tarjotuista vaihtoehdoista."),
    ("must be one of booked, attended, did_not_attend, cancelled", "en", "Choose one of the options offered."),
    ("must be between 1880 and 2026", "sv", "Ange ett år mellan 1880 och 2026."),
    ("missing answer (phq9 does not allow missing items); allowed option positions 0–3", "fi", "Valitse yksi vastaus."),
    ("answer 7 is out of range; allowed option positions 0–3", "sv", "Svaret är inte något av alternativen."),
    ("must not be below minimum_age", "en", "The oldest age must not be below the youngest age."),
]


@pytest.mark.parametrize(("reason", "language", "shown"), CASES)
def test_a_reason_reads_as_a_sentence_in_the_users_language(reason: str, language: str, shown: str) -> None:
    with translation.override(language):
        assert reasons.sentence(reason) == shown


def test_a_reason_no_catalogue_knows_is_shown_as_it_is() -> None:
    with translation.override("fi"):
        assert reasons.sentence("something no rule says") == "Something no rule says"


def test_every_pattern_s_sentence_uses_only_values_its_reason_has() -> None:
    placeholder = re.compile(r"%\((\w+)\)s")
    for pattern, message in reasons.patterns():
        assert set(placeholder.findall(message)) <= set(pattern.groupindex), (pattern.pattern, message)
