"""The result of a questionnaire names a risk answer by its question and the answer given ("Question 9,
“…”, was answered “On some days”"), not a score number alone, and the wording shown in words, not as a
reference ("porras:phq9:1.0.0:fi") — in the user's language."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

# PHQ-9 item 9 and its option "several days" as the data file words them (Porras's own paraphrase).
EXPECTED = {
    "fi": ("Kysymykseen 9, ”Sinulla on ollut ajatuksia, että olisit parempi kuollut, tai ajatuksia itsesi "
           "vahingoittamisesta”, vastattiin ”Joinakin päivinä”."),
    "sv": ("Fråga 9, ”Du har haft tankar på att du vore bättre död eller på att skada dig själv på något sätt”, "
           "besvarades ”Några dagar”."),
    "en": ("Question 9, “You have had thoughts that you would be better off dead, or of harming yourself in some "
           "way”, was answered “On some days”."),
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_risk_answer_is_named_by_its_question_and_label(cast: Any, language: str) -> None:
    client = Client()
    client.force_login(cast.clinician_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    answers = {f"item-{n}": "1" for n in range(1, 10)} | {"item-10": "0"}
    result = client.get(client.post("/instruments/phq9/", answers)["Location"]).content.decode()
    alert = result.split('role="alert"', 1)[1].split("</section>", 1)[0]
    assert EXPECTED[language] in alert.replace("&#x27;", "'")


@pytest.mark.parametrize(("language", "named"), [("fi", "Porraksen oma sanamuoto, suomeksi"),
                                                 ("sv", "Porras egen formulering, på svenska"),
                                                 ("en", "Porras's own wording, in English")])
def test_the_wording_shown_is_named_in_words_not_as_a_reference(cast: Any, language: str, named: str) -> None:
    client = Client()
    client.force_login(cast.clinician_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    answers = {f"item-{n}": "0" for n in range(1, 11)}
    result = client.get(client.post("/instruments/phq9/", answers)["Location"]).content.decode()
    assert named in result.replace("&#x27;", "'")
    assert "porras:phq9:" not in result
