"""The crisis box on the professional's page addresses a professional about their client: it says
"client", never "resident" (the word of the resident's own pages), in fi, sv and en."""

from __future__ import annotations

import pytest

RESIDENT = {"fi": "asuka", "sv": "invånare", "en": "resident"}  # asukas, asukkaalle; invånaren
CLIENT = {"fi": "asiak", "sv": "klienten", "en": "client"}  # asiakas, asiakkaalle


def _crisis_box(client, language: str, **answers: str) -> str:
    client.cookies["porras_language"] = language
    response = client.post("/navigator/professional/", {
        "age": "35", "county": "helsinki", "phq9": "moderate", "previous_step": "", "delivery": "no_preference",
        "format": "no_preference", **answers,
    })
    assert response.status_code == 200
    content = response.content.decode()
    start = content.index('id="crisis"')
    return content[start:content.index("</section>", start)]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_same_day_crisis_box_names_the_client(client, cast, language):
    client.force_login(cast.clinician_a)
    box = _crisis_box(client, language, phq9_item9="1").lower()
    assert CLIENT[language] in box
    assert RESIDENT[language] not in box


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_emergency_crisis_box_names_the_client(client, cast, language):
    client.force_login(cast.clinician_a)
    box = _crisis_box(client, language, plan_to_end_life="on").lower()
    assert CLIENT[language] in box
    assert RESIDENT[language] not in box
