"""The fidelity review form and its history chart in Chromium: screenshots and axe."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from porras.ips import models as m
from porras.ips.tests.helpers import items_for_total

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_specialist_fills_in_a_fidelity_review_and_sees_the_history(
    cast: Any, browser_page: Any, browser_tools: Any
) -> None:
    for day, total in ((date(2024, 3, 1), 78), (date(2024, 11, 1), 96)):
        m.FidelityReview(unit=cast.ips_unit, review_date=day, items=items_for_total(total)).save()
    page = browser_page
    browser_tools.login(page, "ips_specialist")
    page.goto(page.base_url + "/ips/services/ips-a/fidelity/new/")
    browser_tools.assert_accessible(page)
    page.fill("#id_review_date", "2025-06-01")
    for n in range(1, 26):
        page.check(f"input[name=item_{n}][value='5']" if n <= 20 else f"input[name=item_{n}][value='4']")
    browser_tools.screenshot(page, "ips-fidelity-review-form")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "/ips/services/ips-a/fidelity/" in page.url
    assert page.locator("figure.chart svg circle").count() == 3
    assert "120" in page.inner_text("main table")
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, "ips-fidelity-history")


def test_the_caseload_page_is_accessible(cast: Any, browser_page: Any, browser_tools: Any) -> None:
    m.ClientPath.objects.create(
        unit=cast.ips_unit, specialist=cast.ips_specialist, client_code="B-1", agreement_date=date(2025, 1, 2)
    )
    page = browser_page
    browser_tools.login(page, "ips_specialist")
    page.goto(page.base_url + "/ips/")
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, "ips-caseload")
    page.click("text=B-1")
    page.wait_for_load_state()
    browser_tools.assert_accessible(page)
