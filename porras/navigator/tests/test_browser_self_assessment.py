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
