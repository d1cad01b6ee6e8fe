"""An analyst's journey through the report pages on the demo data, in Chromium, in Finnish, Swedish and
English, at desktop and phone width: the table with names and percentages, a month range, the trend,
the funnel plot with its withheld unit; axe finds nothing serious on any page, no page scrolls
sideways on a phone, and screenshots are kept under ``var/screenshots/reports/``."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "porras-demo-2026"  # porras.accounts.demo.DEMO_PASSWORD, documented in the README

TEXT = {
    "fi": {"reports": "Raportit", "h1": "Vaikuttavuus- ja saatavuusraportit", "county": "Helsingin kaupunki",
           "unit": "Kalasataman terveys- ja hyvinvointikeskus (demo)", "days": "päivää", "trend": "Kehitys",
           "compare": "Vertailu (suppilokuvio)", "unplaced": "Ei sijoitettu, koska jokin luku on piilotettu",
           "crisis": "Kriisikeskus Pohjanmaa (demo)", "quarter": "neljännes"},
    "sv": {"reports": "Rapporter", "h1": "Rapporter om effekt och tillgång", "county": "Helsingfors stad",
           "unit": "Fiskehamnens hälso- och välfärdscentral (demo)", "days": "dagar", "trend": "Utveckling",
           "compare": "Jämförelse (trattdiagram)", "unplaced": "Inte placerade, eftersom en siffra är dold",
           "crisis": "Kriscentret Österbotten (demo)", "quarter": "kvartal"},
    "en": {"reports": "Reports", "h1": "Outcome and access reports", "county": "City of Helsinki",
           "unit": "Kalasataman terveys- ja hyvinvointikeskus (demo)", "days": "days", "trend": "Trend",
           "compare": "Comparison (funnel plot)", "unplaced": "Not placed, because a figure is withheld",
           "crisis": "Kriisikeskus Pohjanmaa (demo)", "quarter": "Q"},
}

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth + 1"


@pytest.fixture
def demo(live_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORRAS_DEMO_HISTORY", raising=False)  # the history `make run` loads
    call_command("demo", stdout=io.StringIO())


def _start(page: Any, tools: Any, language: str) -> None:
    page.goto(page.base_url + "/")
    with page.expect_navigation():
        page.click(f"button[value={language}]")
    tools.login(page, "analyytikko.thl", PASSWORD)


def _check(page: Any, tools: Any, shot: str, language: str) -> None:
    assert page.locator("html").get_attribute("lang") == language
    tools.assert_accessible(page)
    tools.screenshot(page, f"reports/{shot}-{language}")


def _submit(page: Any) -> None:
    with page.expect_navigation():
        page.click("main form.report-form button[type=submit]")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_analyst_reads_the_reports(browser_page: Any, phone_page: Any, browser_tools: Any, demo: None,
                                      language: str) -> None:
    text = TEXT[language]
    page, tools = browser_page, browser_tools
    _start(page, tools, language)
    with page.expect_navigation():
        page.locator("nav.site-nav a[href='/reports/']").click()
    assert text["h1"] in page.inner_text("h1")
    table = page.inner_text("table.report-table")
    assert text["county"] in table and "helsinki" not in table
    assert page.locator("svg.report-chart title").count() == 1
    assert "%" in table
    _check(page, tools, "table", language)

    # the access report by unit for the last twelve whole months
    today = dt.date.today()
    last = dt.date(today.year, today.month, 1) - dt.timedelta(days=1)
    first = dt.date(last.year - 1, last.month, 1) + dt.timedelta(days=31)
    page.select_option("#id_kind", "access")
    page.uncheck("input[name=group_by][value=county]")
    page.check("input[name=group_by][value=unit]")
    page.fill("#id_date_from", first.strftime("%Y-%m"))
    page.fill("#id_date_to", last.strftime("%Y-%m"))
    page.select_option("#id_chart", "median_days_to_first_treatment")
    _submit(page)
    table = page.inner_text("table.report-table")
    assert text["unit"] in table and text["days"] in table
    assert page.input_value("#id_date_from") == first.strftime("%Y-%m")
    _check(page, tools, "access-by-unit", language)

    # the trend keeps the filters (tab links carry them)
    with page.expect_navigation():
        page.locator("nav.report-tabs a", has_text=text["trend"]).click()
    assert page.input_value("#id_date_to") == last.strftime("%Y-%m")
    assert page.locator("svg.trend-chart").count() == 1
    assert text["quarter"] in page.inner_text("table.report-table")
    _check(page, tools, "trend", language)

    # the funnel plot of the units' recovery rates, over all months
    with page.expect_navigation():
        page.locator("nav.report-tabs a", has_text=text["compare"]).click()
    page.fill("#id_date_from", "")
    page.fill("#id_date_to", "")
    _submit(page)
    assert page.locator("svg.funnel-chart").count() == 1
    assert page.locator("svg.funnel-chart desc").count() == 1
    main = page.inner_text("main")
    assert text["unplaced"] in main and text["crisis"] in main  # the small unit stays withheld
    assert text["crisis"] not in page.inner_text("table.report-table")
    assert "Spiegelhalter" in main
    _check(page, tools, "funnel", language)

    # at phone width the pages fit the screen; the charts scale to it
    phone = phone_page
    _start(phone, tools, language)
    for url, shot in (("/reports/", "phone-table"), ("/reports/trend/", "phone-trend"), ("/reports/compare/", "phone-funnel")):
        phone.goto(phone.base_url + url)
        assert phone.evaluate(NO_SIDEWAYS_SCROLL), f"{url} scrolls sideways at phone width"
        width = phone.locator("svg.report-chart").first.bounding_box()["width"]
        assert width <= phone.viewport_size["width"]
        _check(phone, tools, shot, language)
