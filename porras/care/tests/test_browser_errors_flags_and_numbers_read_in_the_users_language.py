"""In Chromium: a Finnish professional types an identity code with a wrong check character and reads
a Finnish sentence on the field; on an episode page a risk flag reads as the question's text and the
answer's label, dates as 5.3.2026 and a prorated score with a decimal comma — in Finnish, Swedish
and English (a decimal point there), every page axe-clean."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from porras.care import services
from porras.care.tests.helpers import make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# CORE-10 answered with item 10 left out: 10 points from 9 items, prorated to 10 × 10 / 9 = 11.1 (by
# hand); item 6 ("plans to take my own life") answered "only now and then" raises a risk flag.
CORE10 = [1, 3, 3, 1, 1, 1, 1, 1, 2, None]
EXPECTED = {
    "fi": {"switch": "Suomeksi", "where": "CORE-10, kysymys 6", "question": "Olen suunnitellut oman elämäni päättämistä",
           "answer": "Vain harvoin", "score": "11,1"},
    "sv": {"switch": "På svenska", "where": "CORE-10, fråga 6", "question": "Jag har planerat att ta mitt liv",
           "answer": "Bara ibland", "score": "11,1"},
    "en": {"switch": "In English", "where": "CORE-10, question 6", "question": "I have made plans to take my own life",
           "answer": "Only now and then", "score": "11.1"},
}


def test_a_finnish_professional_reads_a_wrong_identity_code_as_a_finnish_sentence(
    cast: Any, browser_page: Any, browser_tools: Any
) -> None:
    page = browser_page
    browser_tools.login(page, "clinician_a")
    page.goto(page.base_url + "/care/referrals/new/")
    page.check("input[name=identifier_system][value=hetu]")
    page.fill("#id_identifier_value", "010101A123M")  # the check character of 010101A123 is N
    page.select_option("#id_county", "helsinki")
    page.select_option("#id_unit", "unit-a")
    page.fill("#id_referral_date", dt.date.today().isoformat())
    page.select_option("#id_referral_source", "primary_care")
    page.click("main form button[type=submit]")
    error = page.locator("#id_identifier_value_error")
    error.wait_for()
    assert error.inner_text().strip() == "Ei ole kelvollinen henkilötunnus: tarkistusmerkki ei täsmää (tarkistussumma)"
    browser_tools.screenshot(page, "words/identity-code-error-fi")
    browser_tools.assert_accessible(page)


def test_an_episode_reads_its_risk_flag_dates_and_scores_in_each_language(
    cast: Any, browser_page: Any, browser_tools: Any
) -> None:
    day = dt.date.today() - dt.timedelta(days=10)
    case = make_case(cast.clinician_a, referral=day - dt.timedelta(days=20))
    services.record_measurement(cast.clinician_a, case.episode.pk, "core10", day, CORE10)
    page = browser_page
    browser_tools.login(page, "clinician_a")
    page.goto(page.base_url + f"/care/episodes/{case.episode.pk}/")
    for language, expected in EXPECTED.items():
        page.click(f"header button:has-text('{expected['switch']}')")
        page.wait_for_selector(f"html[lang={language}]")
        flags = page.locator("#risk-flags").inner_text()
        assert expected["where"] in flags
        assert expected["question"] in flags and expected["answer"] in flags
        assert f"{day.day}.{day.month}.{day.year}" in flags  # 5.3.2026, whichever the language
        table = page.locator("#chart-core10 table").inner_text()
        assert expected["score"] in table and f"{day.day}.{day.month}.{day.year}" in table
        assert expected["score"] in page.locator("#chart-core10 svg").inner_html()
        browser_tools.screenshot(page, f"words/episode-{language}")
        browser_tools.assert_accessible(page)
