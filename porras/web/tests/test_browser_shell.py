"""Log in, switch language, look at every page of the shell in Chromium, and run axe on each."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_clinician_logs_in_and_switches_between_finnish_swedish_and_english(cast, browser_page, browser_tools) -> None:
    page = browser_page
    page.goto(page.base_url + "/")
    assert page.locator("html").get_attribute("lang") == "fi"
    browser_tools.assert_accessible(page)
    browser_tools.login(page, "clinician_a")
    assert "clinician_a" in page.inner_text("nav")
    browser_tools.screenshot(page, "shell-home-fi")

    page.click("button[value=sv]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert "Logga ut" in page.inner_text("nav")
    browser_tools.screenshot(page, "shell-home-sv")

    page.click("button[value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Log out" in page.inner_text("nav")
    browser_tools.assert_accessible(page)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_shell_page_has_no_serious_accessibility_violation(cast, browser_page, browser_tools, language) -> None:
    page = browser_page
    page.goto(page.base_url + "/")
    page.click(f"button[value={language}]")
    for path in ("/", "/accounts/login/", "/no-such-page/"):
        page.goto(page.base_url + path)
        browser_tools.assert_accessible(page)
    browser_tools.login(page, "admin")
    for path in ("/", "/accounts/profile/", "/accounts/audit/", "/accounts/two-step/"):
        page.goto(page.base_url + path)
        browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, f"shell-two-step-{language}")


def test_the_shell_is_usable_on_a_phone(cast, phone_page, browser_tools) -> None:
    page = phone_page
    page.goto(page.base_url + "/accounts/login/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"horizontal scrolling on a phone: page is {width}px wide"
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, "shell-login-phone")


def test_a_signed_in_user_s_navigation_is_one_row_on_a_phone_and_every_link_is_reachable(
    cast, phone_page, browser_tools
) -> None:
    page = phone_page
    browser_tools.login(page, "admin")
    page.goto(page.base_url + "/")
    nav = page.locator("nav.site-nav")
    height = nav.bounding_box()["height"]
    assert height <= 70, f"the navigation takes {height}px above the page on a phone"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"horizontal scrolling of the whole page on a phone: {width}px"
    # the last entry (log out) is off screen at first; focusing it scrolls it into view
    logout = nav.locator("button.link-button")
    logout.focus()
    box = logout.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, "shell-nav-phone")
