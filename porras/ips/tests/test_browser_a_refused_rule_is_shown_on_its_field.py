"""In Chromium: a rule the services refuse shows on the form, on its field, in the page's
language, and the page with the error stays accessible (axe)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from porras.ips import models as m

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_job_of_200_hours_a_week_is_refused_on_its_field(cast: Any, browser_page: Any, browser_tools: Any) -> None:
    path = m.ClientPath.objects.create(
        unit=cast.ips_unit, specialist=cast.ips_specialist, client_code="B-1", agreement_date=date(2025, 1, 2)
    )
    page = browser_page
    browser_tools.login(page, "ips_specialist")
    page.goto(page.base_url + f"/ips/clients/{path.pk}/")
    page.fill("#job_employer", "Firma Oy")
    page.fill("#job_start_date", "2025-03-01")
    page.fill("#job_hours_per_week", "200")
    page.click("form:has(input[value=employment]) button[type=submit]")
    page.wait_for_load_state()
    assert "Tunteja viikossa voi olla 0–168 (viikon tunnit)." in page.inner_text("#job_hours_per_week_error")
    assert page.get_attribute("#job_hours_per_week", "aria-invalid") == "true"
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, "ips-client-job-refused")
    assert not m.Employment.objects.exists()


def test_a_client_added_twice_is_refused_with_a_message(cast: Any, browser_page: Any, browser_tools: Any) -> None:
    m.ClientPath.objects.create(
        unit=cast.ips_unit, specialist=cast.ips_specialist, client_code="B-1", agreement_date=date(2025, 1, 2)
    )
    page = browser_page
    browser_tools.login(page, "ips_specialist")
    page.goto(page.base_url + "/ips/")
    page.select_option("#id_unit", label="IPS A")
    page.fill("#id_client_code", "B-1")
    page.fill("#id_agreement_date", "2025-01-02")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    alert = page.inner_text("[role=alert]")
    assert "Asiakkaalla on jo polku tässä palvelussa samalla sopimuspäivällä." in alert
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, "ips-caseload-duplicate-refused")
    assert m.ClientPath.objects.count() == 1
