"""A resident on a phone (390 x 844), in Finnish, Swedish and English: answers PHQ-9 and GAD-7, sees
both scores in words and an offer per concern, saves, reopens the answers with the code, deletes them;
searches "terapia", "Kalasatama" and "Tampere" and opens a service page. axe-core finds no serious or
critical violation on any page; screenshots go to var/screenshots/."""

from __future__ import annotations

import re

import pytest

from conftest import assert_accessible, screenshot
from porras.catalogue.domain.demo import demo_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHQ9_MODERATE = [1, 1, 1, 2, 1, 1, 2, 1, 0, 0]  # total 10: moderate
GAD7_MILD = [1, 1, 1, 1, 1, 1, 1]  # total 7: mild
WORDS = {
    "fi": {"phq9": "PHQ-9: 10/27 pistettä, keskivaikea", "gad7": "GAD-7: 7/21 pistettä, lievä",
           "save": "Tallenna ja näytä koodi", "open": "Avaa", "deleted": "Tallennetut vastauksesi on nyt poistettu",
           "gone": "Tällä koodilla ei ole tallennettuja vastauksia", "book": "Varaa aika"},
    "sv": {"phq9": "PHQ-9: 10/27 poäng, måttlig", "gad7": "GAD-7: 7/21 poäng, lindrig",
           "save": "Spara och visa koden", "open": "Öppna", "deleted": "Dina sparade svar har nu raderats",
           "gone": "Det finns inga sparade svar med den här koden", "book": "Boka tid"},
    "en": {"phq9": "PHQ-9: 10/27 points, moderate", "gad7": "GAD-7: 7/21 points, mild",
           "save": "Save and show the code", "open": "Open", "deleted": "Your saved answers have been deleted now",
           "gone": "No saved answers have this code", "book": "Book a time"},
}


@pytest.fixture
def phone(_browser, live_server):  # type: ignore[no-untyped-def]
    context = _browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                   locale="fi-FI")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def catalogue_in_live_db(live_server):  # type: ignore[no-untyped-def]
    from porras.accounts import services as accounts
    from porras.catalogue import services

    accounts.load_counties()
    services.load_demo()


def _fits_the_phone(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def _in(page, language: str, path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base_url + path)
    if language != "fi":
        page.click(f'.language-switcher button[value="{language}"]')
        page.wait_for_load_state()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_resident_sees_both_scores_saves_reopens_and_deletes(phone, catalogue_in_live_db, language):
    page, words = phone, WORDS[language]
    _in(page, language, "/navigator/")
    page.fill("#id_age", "30")
    page.select_option("#id_county", "helsinki")
    page.check('input[name="concerns"][value="depression"]')
    page.check('input[name="concerns"][value="anxiety"]')
    page.click("main button[type=submit]")
    page.wait_for_selector('input[name="gad7-1"]')
    for item, value in enumerate(PHQ9_MODERATE, start=1):
        page.check(f'input[name="phq9-{item}"][value="{value}"]')
    for item, value in enumerate(GAD7_MILD, start=1):
        page.check(f'input[name="gad7-{item}"][value="{value}"]')
    page.check('input[name="plan_to_end_life"][value="no"]')
    page.click("main form button[type=submit]")
    page.wait_for_selector("#concerns-title")
    offers = page.locator("[data-concern]")
    assert offers.count() == 2
    assert words["phq9"] in offers.nth(0).inner_text()
    assert words["gad7"] in offers.nth(1).inner_text()
    assert offers.nth(1).locator("li").count() >= 1  # something is offered for anxiety too
    _fits_the_phone(page)
    screenshot(page, f"resident-result-{language}")
    assert_accessible(page)

    page.click(f"text={words['save']}")
    code = page.inner_text("#saved-code").strip()
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", code)
    page.goto(page.base_url + "/navigator/mine/")
    assert_accessible(page)
    page.fill("#id_code", code)
    page.click("main form button[type=submit]")
    page.wait_for_selector("#delete-answers")
    assert code not in page.url
    assert words["phq9"] in page.inner_text("main")
    _fits_the_phone(page)
    screenshot(page, f"resident-reopened-{language}")
    assert_accessible(page)

    page.click("#delete-answers")
    page.wait_for_selector("#deleted")
    assert words["deleted"] in page.inner_text("#deleted")
    screenshot(page, f"resident-deleted-{language}")
    assert_accessible(page)
    page.goto(page.base_url + "/navigator/mine/")
    page.fill("#id_code", code)
    page.click("main form button[type=submit]")
    page.wait_for_selector(".error, .errorlist")
    assert words["gone"] in page.inner_text("main")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_resident_searches_by_word_part_and_place_and_opens_a_service_page(phone, catalogue_in_live_db, language):
    page, words = phone, WORDS[language]
    for query, expected in (("terapia", "nettiterapia"), ("Kalasatama", None), ("Tampere", None)):
        _in(page, language, "/services/?q=" + query)
        results = page.locator(".service-list > li")
        assert results.count() >= 2, query
        if expected:
            assert expected in page.inner_text(".service-list").lower() or language != "fi"
    _in(page, language, "/services/?q=Kalasatama")
    screenshot(page, f"resident-search-kalasatama-{language}")
    assert_accessible(page)
    _fits_the_phone(page)
    page.locator(f'.service-list h3 a[href*="{demo_id("service", "hel-lyhytterapia")}"]').click()
    page.wait_for_selector("#contact-title")
    assert page.locator('.service-contact a[href^="tel:"]').count() >= 1
    assert ("Fiskehamnen" if language == "sv" else "Kalasatama") in page.inner_text(".service-contact")
    assert page.inner_text("#booking-link") == words["book"]
    _fits_the_phone(page)
    screenshot(page, f"resident-service-page-{language}")
    assert_accessible(page)
