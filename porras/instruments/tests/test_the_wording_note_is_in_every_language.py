"""The note that says whose wording a questionnaire shows ("Project paraphrase; not the validated
wording") is written in Finnish, Swedish and English in the data file, and a page shows it in the
user's language."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from porras.instruments.domain import list_instruments

NOTES = {
    "fi": "Porras-hankkeen oma mukaelma, ei validoitu sanamuoto.",
    "sv": "Porras-projektets egen omskrivning, inte den validerade ordalydelsen.",
    "en": "Project paraphrase; not the validated wording.",
}


def test_every_instrument_with_a_wording_note_has_it_in_three_languages() -> None:
    noted = [i for i in list_instruments() if i.wording_note]
    assert noted, "the instruments ship their own paraphrase and say so"
    for instrument in noted:
        assert instrument.wording_note is not None
        assert set(instrument.wording_note) == {"fi", "sv", "en"}, instrument.id
        assert len(set(instrument.wording_note.values())) == 3, f"{instrument.id}: a note left untranslated"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_measurement_form_shows_the_note_in_the_users_language(cast: Any, client: Any, language: str) -> None:
    from porras.care.tests.helpers import make_case

    episode = make_case(cast.clinician_a).episode
    client.force_login(cast.clinician_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(f"/care/episodes/{episode.pk}/measurements/new/?instrument=phq9").content.decode()
    assert NOTES[language] in page
    for other in set(NOTES) - {language}:
        assert NOTES[other] not in page
