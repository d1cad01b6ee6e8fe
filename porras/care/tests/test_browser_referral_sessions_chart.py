"""In Chromium: register a referral, record three sessions with PHQ-9 and GAD-7, look at the chart."""

from __future__ import annotations

import datetime as dt

import pytest

from porras.care.models import Episode, Measurement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Option positions per item, session by session (worked by hand: PHQ-9 totals 18, 12, 6; GAD-7 totals 15, 9, 4).
PHQ9 = [[2, 2, 2, 2, 2, 2, 2, 2, 2, 1], [2, 2, 1, 1, 2, 2, 1, 1, 0, 1], [1, 1, 1, 1, 1, 1, 0, 0, 0, 0]]
GAD7 = [[3, 2, 2, 2, 2, 2, 2], [2, 2, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0, 0]]


def _answer(page, instrument: str, answers: list[int], day: dt.date) -> None:
    page.click("text=Kirjaa mittaus")
    page.select_option("#instrument", instrument)
    page.click("main form button[type=submit]")
    page.fill("#id_date", day.isoformat())
    for item, position in enumerate(answers, start=1):
        page.check(f"input[name=item_{item}][value='{position}']")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#progress")


def test_a_clinician_registers_a_referral_records_three_sessions_and_reads_the_chart(
    cast, browser_page, browser_tools
) -> None:
    page = browser_page
    today = dt.date.today()
    start = today - dt.timedelta(days=21)
    browser_tools.login(page, "clinician_a")

    page.goto(page.base_url + "/care/")
    browser_tools.assert_accessible(page)
    page.click("text=Kirjaa lähete")
    page.check("input[name=identifier_system][value=hetu]")
    page.fill("#id_identifier_value", "010101A123N")
    page.select_option("#id_county", "helsinki")
    page.select_option("#id_unit", "unit-a")
    page.fill("#id_referral_date", start.isoformat())
    page.select_option("#id_referral_source", "primary_care")
    page.check("input[name=concerns][value=depression]")
    page.check("input[name=concerns][value=anxiety]")
    browser_tools.assert_accessible(page)
    page.click("main form button[type=submit]")
    page.wait_for_selector("h1")
    episode = Episode.objects.get()
    assert page.url.endswith(f"/care/episodes/{episode.pk}/")

    page.click("text=Kirjaa arvio")
    page.fill("#id_assessment_date", start.isoformat())
    page.select_option("#id_step", "2")
    page.select_option("#id_intervention", "cbt_short_individual")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#progress")

    for session in range(3):
        day = start + dt.timedelta(days=7 * session)
        page.click("text=Kirjaa käynti")
        page.fill("#id_date", day.isoformat())
        page.check("input[name=kind][value=treatment]")
        page.check("input[name=status][value=attended]")
        if session == 0:
            browser_tools.assert_accessible(page)
        page.click("main form button[type=submit]")
        page.wait_for_selector("#progress")
        _answer(page, "phq9", PHQ9[session], day)
        if session == 0:
            # item 9 answered: the risk flag shows until acknowledged
            assert page.locator("#risk-flags .risk-open").count() == 1
        _answer(page, "gad7", GAD7[session], day)

    assert sorted(Measurement.objects.filter(instrument="phq9").values_list("total", flat=True)) == [6, 12, 18]
    assert sorted(Measurement.objects.filter(instrument="gad7").values_list("total", flat=True)) == [4, 9, 15]

    chart = page.locator("#chart-phq9")
    assert chart.locator("svg[role=img]").count() == 1
    assert chart.locator("table.chart-data tbody tr").count() == 3
    cells = chart.locator("table.chart-data tbody tr").nth(2).inner_text()
    assert "6" in cells and "luotettava paraneminen" in cells  # 18 → 6 is a fall of 12 ≥ 6
    assert page.locator("#chart-gad7 svg").count() == 1
    page.locator("#progress").scroll_into_view_if_needed()
    browser_tools.screenshot(page, "care-episode-chart-fi")
    browser_tools.assert_accessible(page)

    page.fill("textarea[name=note]", "Itsemurha-ajatukset kysytty suoraan; turvasuunnitelma tehty.")
    with page.expect_navigation():
        page.click("#risk-flags button[type=submit]")
    assert page.locator("#risk-flags .risk-open").count() == 0


def test_the_care_pages_are_usable_on_a_phone(cast, phone_page, browser_tools) -> None:
    from porras.care import services
    from porras.care.tests.helpers import make_case

    case = make_case(cast.clinician_a)
    day = case.episode.referral_date
    services.add_appointment(cast.clinician_a, case.episode.pk, day, "assessment", "attended")
    for week, answers in enumerate(PHQ9):
        services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", day + dt.timedelta(days=7 * week),
                                    answers)
    page = phone_page
    browser_tools.login(page, "clinician_a")
    for path, name in (("/care/", "worklist"), ("/care/referrals/new/", "referral"),
                       (f"/care/episodes/{case.episode.pk}/", "episode")):
        page.goto(page.base_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"horizontal scrolling on a phone at {path}: page is {width}px wide"
        browser_tools.assert_accessible(page)
        browser_tools.screenshot(page, f"care-{name}-phone")
