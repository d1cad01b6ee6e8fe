"""End to end in Chromium: the self-assessment in Finnish and Swedish, the crisis box for a risk answer,
saving a code and opening it as a professional; axe-core finds no serious or critical violation."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def _answer_phq9(page, item9: int) -> None:
    for item in range(1, 10):
        value = item9 if item == 9 else 1
        page.check(f'input[name="phq9-{item}"][value="{value}"]')


def _complete(page, tools, language: str, crisis_title: str) -> str:
    page.goto(page.base_url + "/navigator/")
    if language != "fi":
        page.click(f'.language-switcher button[value="{language}"]')
        page.wait_for_load_state()
    tools.assert_accessible(page)
    page.fill("#id_age", "24")
    page.select_option("#id_county", "pohjanmaa")
    page.check('input[name="concerns"][value="depression"]')
    page.click("main button[type=submit]")
    page.wait_for_selector('input[name="phq9-1"]')
    tools.assert_accessible(page)
    _answer_phq9(page, item9=1)
    page.check('input[name="plan_to_end_life"][value="no"]')
    page.click("main form button[type=submit]")
    page.wait_for_selector("#crisis")
    assert crisis_title in page.inner_text("#crisis h2")
    assert "09 2525 0111" in page.inner_text("#crisis")
    tools.screenshot(page, f"navigator-result-{language}")
    tools.assert_accessible(page)
    page.click("text=" + {"fi": "Tallenna ja näytä koodi", "sv": "Spara och visa koden"}[language])
    code = page.inner_text("#saved-code").strip()
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", code)
    tools.assert_accessible(page)
    return code


def test_a_resident_completes_the_self_assessment_in_finnish_and_a_professional_opens_it(
    browser_page, browser_tools, cast, db
):
    code = _complete(browser_page, browser_tools, "fi", "Hae apua jo tänään")
    page = browser_page
    browser_tools.login(page, "clinician_a")
    page.goto(page.base_url + "/navigator/open/")
    browser_tools.assert_accessible(page)
    page.fill("#id_code", code)
    page.click("main form button[type=submit]")
    page.wait_for_selector("table.trace")
    assert "risk.item" in page.inner_text("table.trace")
    assert page.is_visible("#crisis")
    browser_tools.screenshot(page, "navigator-opened-fi")
    browser_tools.assert_accessible(page)

    page.goto(page.base_url + "/navigator/professional/")
    browser_tools.assert_accessible(page)
    page.fill("#id_age", "35")
    page.select_option("#id_phq9", "moderately_severe")
    page.select_option("#id_phq9_item9", "0")
    page.click("main form button[type=submit]")
    page.wait_for_selector("table.trace")
    assert "severity.phq9" in page.inner_text("table.trace")
    browser_tools.screenshot(page, "navigator-professional-fi")
    browser_tools.assert_accessible(page)


def test_a_resident_completes_the_self_assessment_in_swedish(browser_page, browser_tools, db):
    _complete(browser_page, browser_tools, "sv", "Sök hjälp redan i dag")


def test_the_self_assessment_fits_a_phone(phone_page, browser_tools, db):
    page = phone_page
    page.goto(page.base_url + "/navigator/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    browser_tools.screenshot(page, "navigator-start-phone")
    browser_tools.assert_accessible(page)


def _to_the_questions(page, language: str) -> None:
    page.goto(page.base_url + "/navigator/")
    if language != "fi":
        page.click(f'.language-switcher button[value="{language}"]')
        page.wait_for_load_state()
    page.fill("#id_age", "30")
    page.select_option("#id_county", "pirkanmaa")
    page.check('input[name="concerns"][value="depression"]')
    page.click("main button[type=submit]")
    page.wait_for_selector('input[name="phq9-1"]')


def test_an_incomplete_phq9_is_asked_again_question_by_question(browser_page, browser_tools, db):
    page = browser_page
    _to_the_questions(page, "fi")
    page.check('input[name="phq9-1"][value="2"]')
    page.check('input[name="plan_to_end_life"][value="no"]')
    page.click("main form button[type=submit]")
    page.wait_for_selector("#unanswered")
    assert page.locator("#unanswered a").count() == 8
    assert "PHQ-9, kysymys 2" in page.inner_text("#unanswered")
    assert not page.is_visible("#step-title")
    assert page.is_checked('input[name="phq9-1"][value="2"]')
    browser_tools.screenshot(page, "navigator-incomplete-fi")
    browser_tools.assert_accessible(page)
    page.click('#unanswered a[href="#phq9-4"]')
    assert page.evaluate("location.hash") == "#phq9-4"
    for item in range(2, 10):
        page.check(f'input[name="phq9-{item}"][value="0"]')
    page.click("main form button[type=submit]")
    page.wait_for_selector("#step-title")
    assert not page.is_visible("#unanswered")


def test_a_risk_answer_with_the_rest_missing_shows_crisis_help_at_once(browser_page, browser_tools, db):
    page = browser_page
    _to_the_questions(page, "sv")
    page.check('input[name="phq9-9"][value="2"]')
    page.check('input[name="plan_to_end_life"][value="no"]')
    page.click("main form button[type=submit]")
    page.wait_for_selector("#crisis")
    assert "Sök hjälp redan i dag" in page.inner_text("#crisis h2")
    assert "09 2525 0112" in page.inner_text("#crisis")
    assert page.locator("#unanswered a").count() == 8
    box = page.locator("#crisis").bounding_box()
    assert box is not None and box["y"] < page.viewport_size["height"]  # in sight without scrolling
    browser_tools.screenshot(page, "navigator-risk-missing-sv")
    browser_tools.assert_accessible(page)


def test_a_plan_to_end_life_shows_only_the_emergency_guidance_on_a_phone(phone_page, browser_tools, db):
    page = phone_page
    _to_the_questions(page, "en")
    page.check('input[name="plan_to_end_life"][value="yes"]')
    page.click("main form button[type=submit]")
    page.wait_for_selector("#crisis")
    assert "Get help now" in page.inner_text("#crisis h2")
    phones = page.locator('#crisis a[href^="tel:"]').all_inner_texts()
    assert phones[0].endswith("112") and phones[1].endswith("116117")
    assert not page.is_visible("#step-title")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    browser_tools.screenshot(page, "navigator-plan-phone-en")
    browser_tools.assert_accessible(page)
