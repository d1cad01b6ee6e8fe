"""In Chromium, in Finnish, Swedish and English, on a desktop and at phone width (390 × 844): find a
client by identity code from the work list; void a measurement and see the chart change; a second
referral refused with a link to the open episode; a referral from a resident's self-assessment code.
Every page on the way is axe-clean; screenshots go to var/screenshots/."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from porras.care import services
from porras.care.models import Episode, Measurement
from porras.care.tests.helpers import HETU, PHQ9_NO_RISK, make_case
from porras.navigator import services as navigator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
TODAY = dt.date.today()
WAYS = [pytest.param("fi", False, id="fi-desktop"), pytest.param("sv", True, id="sv-phone"),
        pytest.param("en", True, id="en-phone")]


def _start(page, tools, language: str, phone: bool) -> None:
    if phone:
        page.set_viewport_size(PHONE)
    tools.login(page, "clinician_a")
    page.goto(page.base_url + "/care/")
    if language != "fi":
        page.click(f"form.language-switcher button[value={language}]")
        page.wait_for_load_state()
    page.goto(page.base_url + "/care/")


def _shot(page, tools, name: str, language: str, phone: bool) -> None:
    tools.assert_accessible(page)
    tools.screenshot(page, f"care-{name}-{language}-{'phone' if phone else 'desktop'}")


@pytest.mark.parametrize(("language", "phone"), WAYS)
def test_a_clinician_finds_a_client_by_identity_code_from_the_worklist(cast, browser_page, browser_tools,
                                                                        language, phone) -> None:
    case = make_case(cast.clinician_a)
    page = browser_page
    _start(page, browser_tools, language, phone)
    _shot(page, browser_tools, "worklist", language, phone)
    page.check("form.find-form input[name=system][value=hetu]")
    page.fill("form.find-form input[name=value]", HETU)
    page.click("form.find-form button[type=submit]")
    page.wait_for_selector("h1")
    assert page.url.endswith(f"/care/clients/{case.client.pk}/")
    assert "131052" not in page.url and "131052" not in page.content()
    _shot(page, browser_tools, "client-found", language, phone)


@pytest.mark.parametrize(("language", "phone"), WAYS)
def test_a_clinician_voids_a_measurement_and_the_chart_changes(cast, browser_page, browser_tools,
                                                                language, phone) -> None:
    case = make_case(cast.clinician_a)
    services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", TODAY - dt.timedelta(days=7),
                                PHQ9_NO_RISK)
    wrong = services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", TODAY, [3] * 8 + [0, 0])
    page = browser_page
    _start(page, browser_tools, language, phone)
    page.goto(page.base_url + f"/care/episodes/{case.episode.pk}/")
    assert page.locator("#chart-phq9 table.chart-data tbody tr").count() == 2
    _shot(page, browser_tools, "episode-before-void", language, phone)
    page.click(f"#measurement-{wrong.pk} a[href$='/void/']")
    page.fill("#id_reason", "Entered for the wrong client")
    _shot(page, browser_tools, "void-measurement", language, phone)
    page.click("main form.care-form button[type=submit]")
    page.wait_for_selector("#progress")
    rows = page.locator("#chart-phq9 table.chart-data tbody tr")
    assert rows.count() == 1 and "8" in rows.first.inner_text()
    assert "Entered for the wrong client" in page.locator("#corrections").inner_text()
    assert Measurement.objects.get(pk=wrong.pk).voided
    _shot(page, browser_tools, "episode-after-void", language, phone)


@pytest.mark.parametrize(("language", "phone"), WAYS)
def test_a_second_referral_is_refused_with_a_link_to_the_open_episode(cast, browser_page, browser_tools,
                                                                       language, phone) -> None:
    case = make_case(cast.clinician_a)
    page = browser_page
    _start(page, browser_tools, language, phone)
    page.goto(page.base_url + "/care/referrals/new/")
    page.check("input[name=identifier_system][value=hetu]")
    page.fill("#id_identifier_value", HETU)
    page.select_option("#id_county", "helsinki")
    page.select_option("#id_unit", "unit-a")
    page.fill("#id_referral_date", TODAY.isoformat())
    page.select_option("#id_referral_source", "self")
    page.click("main form.care-form button[type=submit]")
    page.wait_for_selector("#id_second_episode_reason")
    assert Episode.objects.count() == 1
    _shot(page, browser_tools, "second-referral-refused", language, phone)
    page.click(f"main .message-error a[href='/care/episodes/{case.episode.pk}/']")
    page.wait_for_selector("#progress")
    assert page.url.endswith(f"/care/episodes/{case.episode.pk}/")


@pytest.mark.parametrize(("language", "phone"), WAYS)
def test_a_clinician_starts_a_referral_from_a_self_assessment_code(cast, browser_page, browser_tools,
                                                                    language, phone) -> None:
    code = navigator.save_assessment({
        "age": 34, "county": "helsinki", "language": language, "concerns": ["depression"],
        "responses": {"phq9": [2, 2, 1, 2, 1, 2, 1, 1, 0, 0], "gad7": [2, 1, 2, 1, 1, 2, 1]}},
        now=timezone.now() - dt.timedelta(days=2)).code
    page = browser_page
    _start(page, browser_tools, language, phone)
    page.goto(page.base_url + "/navigator/open/")
    page.fill("#id_code", code)
    page.click("main form button[type=submit]")
    page.wait_for_selector("form.start-referral")
    _shot(page, browser_tools, "self-assessment-opened", language, phone)
    page.click("form.start-referral button[type=submit]")
    page.wait_for_selector("#id_identifier_value")
    assert code.replace("-", "") not in page.url.replace("-", "")
    _shot(page, browser_tools, "referral-from-self-assessment", language, phone)
    page.check("input[name=identifier_system][value=hetu]")
    page.fill("#id_identifier_value", HETU)
    page.click("main form.care-form button[type=submit]")
    page.wait_for_selector("#progress")
    episode = Episode.objects.get()
    assert episode.referral_source == "navigator"
    assert page.locator("#chart-phq9").count() == 1 and page.locator("#chart-gad7").count() == 1
    assert sorted(Measurement.objects.values_list("total", flat=True)) == [10.0, 12.0]
    _shot(page, browser_tools, "episode-from-self-assessment", language, phone)
