"""A risk flag on the episode page reads as the question's text and the answer's label in the user's
language — not "PHQ9 · item 9 = 1" — open and, once acknowledged, in the flag's history. Where the
answers were given in a text pack (official wording) in the user's language, that wording is shown."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings

from porras.care import services
from porras.care.tests.helpers import PHQ9_WITH_RISK, make_case
from porras.instruments.services import save_text_pack

pytestmark = pytest.mark.django_db

# PHQ-9 item 9 in Porras's own wording and the label of its second option ("several days"), as the
# data file words them; PHQ9_WITH_RISK answers item 9 with that option.
ITEM_9 = {
    "fi": ("Sinulla on ollut ajatuksia, että olisit parempi kuollut, tai ajatuksia itsesi vahingoittamisesta",
           "Joinakin päivinä", "PHQ-9, kysymys 9"),
    "sv": ("Du har haft tankar på att du vore bättre död eller på att skada dig själv på något sätt",
           "Några dagar", "PHQ-9, fråga 9"),
    "en": ("You have had thoughts that you would be better off dead, or of harming yourself in some way",
           "On some days", "PHQ-9, question 9"),
}


def _page(client: Any, user: Any, episode_id: int, language: str) -> str:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(f"/care/episodes/{episode_id}/").content.decode()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_open_flag_names_the_question_and_the_answer(cast: Any, client: Any, language: str) -> None:
    case = make_case(cast.clinician_a)
    services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", dt.date.today(), PHQ9_WITH_RISK)
    page = _page(client, cast.clinician_a, case.episode.pk, language)
    question, answer, where = ITEM_9[language]
    flags = page.split('id="risk-flags"', 1)[1].split("</section>", 1)[0]
    assert question in flags
    assert f"<strong>{answer}</strong>" in flags
    assert where in flags
    assert "= 1" not in flags and "PHQ9 ·" not in flags


def test_an_acknowledged_flag_reads_alike_in_the_history(cast: Any, client: Any) -> None:
    case = make_case(cast.clinician_a)
    m = services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", dt.date.today(), PHQ9_WITH_RISK)
    services.acknowledge_risk_flag(cast.clinician_a, m.risk_flags.get().pk, "Assessed the same day.")
    page = _page(client, cast.clinician_a, case.episode.pk, "fi")
    history = page.split('id="flag-history-heading"', 1)[1]
    question, answer, _where = ITEM_9["fi"]
    assert question in history and answer in history and "Assessed the same day." in history


def test_the_wording_shown_is_used_when_it_is_in_the_users_language(cast: Any, client: Any) -> None:
    pack = save_text_pack("phq9", "fi", "Virallinen suomennos", source="test", texts={"9": "Kuolemaa koskevat ajatukset"})
    case = make_case(cast.clinician_a)
    services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", dt.date.today(), PHQ9_WITH_RISK,
                                text_pack=f"textpack:{pack.pk}")
    assert "Kuolemaa koskevat ajatukset" in _page(client, cast.clinician_a, case.episode.pk, "fi")
    assert ITEM_9["sv"][0] in _page(client, cast.clinician_a, case.episode.pk, "sv")  # the pack is Finnish only
