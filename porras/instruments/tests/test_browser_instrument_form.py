"""In Chromium: a professional fills the PHQ-9 on a desktop and on a phone; axe finds no serious issue."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_phq9(page, positions: list[int]) -> None:
    for item, position in enumerate(positions, start=1):
        page.check(f"input[name=item-{item}][value='{position}']")
    page.click("form.instrument-form button[type=submit]")
    page.wait_for_load_state()


def test_a_clinician_fills_the_phq9_and_sees_the_band_and_risk(cast, browser_page, browser_tools) -> None:
    page = browser_page
    browser_tools.login(page, "clinician_a")
    page.goto(page.base_url + "/instruments/")
    browser_tools.assert_accessible(page)
    page.goto(page.base_url + "/instruments/phq9/")
    browser_tools.assert_accessible(page)
    fill_phq9(page, [1, 1, 1, 1, 1, 1, 1, 1, 1, 0])
    assert "Lievä" in page.inner_text("main")
    assert page.locator(".crisis-box[role=alert]").count() == 1
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, "instruments-phq9-result-fi")


def test_missing_answers_are_announced_and_linked(cast, browser_page, browser_tools) -> None:
    page = browser_page
    browser_tools.login(page, "clinician_a")
    page.goto(page.base_url + "/instruments/gad7/")
    page.check("input[name=item-1][value='0']")
    page.click("form.instrument-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#form-errors a[href='#item-7']").count() == 1
    browser_tools.assert_accessible(page)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_form_is_usable_on_a_phone(cast, phone_page, browser_tools, language) -> None:
    page = phone_page
    browser_tools.login(page, "clinician_a")
    page.goto(page.base_url + "/")
    page.click(f"button[value={language}]")
    page.wait_for_load_state()
    page.goto(page.base_url + "/instruments/core10/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"horizontal scrolling on a phone: page is {width}px wide"
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, f"instruments-core10-phone-{language}")
