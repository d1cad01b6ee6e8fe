"""The public portfolio and the funding report in Chromium: screenshots and axe."""

from __future__ import annotations

from typing import Any

import pytest

from porras.programmes import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_portfolio_pages_are_accessible(
    cast: Any, browser_page: Any, browser_tools: Any, language: str
) -> None:
    services.load_public_record()
    page = browser_page
    page.goto(page.base_url + "/")
    page.click(f"button[value={language}]")
    page.wait_for_load_state()
    for path, name in (
        ("/programmes/", "portfolio"),
        ("/programmes/entities/mito/", "entity-mito"),
        ("/programmes/reports/funding/?by=programme&by=year", "funding"),
        ("/programmes/timeline/", "timeline"),
    ):
        page.goto(page.base_url + path)
        assert page.locator("h1").count() == 1
        browser_tools.assert_accessible(page)
        browser_tools.screenshot(page, f"programmes-{name}-{language}")


def test_a_programme_manager_edits_an_entity(cast: Any, browser_page: Any, browser_tools: Any) -> None:
    services.load_public_record()
    page = browser_page
    browser_tools.login(page, "programme_manager")
    page.goto(page.base_url + "/programmes/manage/")
    browser_tools.assert_accessible(page)
    page.goto(page.base_url + "/programmes/manage/entities/ips/")
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, "programmes-manage-entity")
