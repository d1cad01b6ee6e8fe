"""The reports page in Chromium: a manager and an analyst look at it; axe finds nothing serious."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_reports_page_has_no_serious_accessibility_violation(
    cast, browser_page, browser_tools, reports_from_folder, language
):
    page = browser_page
    page.goto(page.base_url + "/")
    page.click(f"button[value={language}]")
    browser_tools.login(page, "national_analyst")
    page.goto(page.base_url + "/reports/")
    browser_tools.assert_accessible(page)
    page.goto(page.base_url + "/reports/?kind=outcomes&group_by=county&group_by=quarter&chart=recovery_rate")
    assert page.locator("svg.report-chart").count() == 1
    assert "helsinki" in page.inner_text("table")
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, f"reports-outcomes-{language}")
    page.goto(page.base_url + "/reports/?kind=access&group_by=unit&chart=care_guarantee_rate")
    browser_tools.assert_accessible(page)
