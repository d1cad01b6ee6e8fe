"""The IPS reports page in Chromium: figures under the disclosure rule, the rule explained, axe."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from porras.ips import models as m

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_analyst_sees_rounded_figures_and_how_they_are_protected(
    cast: Any, browser_page: Any, browser_tools: Any
) -> None:
    for n in range(12):
        path = m.ClientPath.objects.create(
            unit=cast.ips_unit, specialist=cast.ips_specialist, client_code=f"R-{n}", agreement_date=date(2024, 1, 10)
        )
        if n < 7:
            m.Employment.objects.create(path=path, employer="Oy", start_date=date(2024, 3, 1))
    page = browser_page
    browser_tools.login(page, "national_analyst")
    page.goto(page.base_url + "/ips/reports/?periods=2024Q1")
    rates = page.inner_text("main table >> nth=0")
    assert "10" in rates and "58 %" in rates  # 12 clients shown as 10; 7 of 12 = 58 % of the exact counts
    assert page.locator("#protection").count() == 1
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, "ips-reports")
