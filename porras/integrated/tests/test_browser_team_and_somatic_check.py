"""Social welfare in the team and the somatic health check in Chromium: added and recorded from the
episode's page (in Swedish), the due list and the reports page (in Finnish, at phone width); axe-clean."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from porras.care import services as care
from porras.integrated.tests.helpers import World, world  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _language(page: Any, language: str) -> None:
    page.context.add_cookies([{"name": "porras_language", "value": language, "url": page.base_url}])


def test_a_social_worker_and_a_somatic_check_on_the_episode(
    world: World, browser_page: Any, phone_page: Any, browser_tools: Any  # noqa: F811
) -> None:
    client, _ = care.register_client(world.cast.clinician_a, care.ClientInput(
        "local", "B-1", birth_year=1970, sex="male", county="helsinki", language="sv", unit="unit-a"))
    episode = care.open_episode(world.cast.clinician_a, client.pk, "unit-a",
                                timezone.localdate() - dt.timedelta(days=20), ["alcohol"], "primary_care")
    page = browser_page
    _language(page, "sv")
    browser_tools.login(page, "clinician_a")
    page.goto(page.base_url + f"/care/episodes/{episode.pk}/")
    assert "förfallit" not in page.inner_text("#somatic")  # 20 days, no risk group: not yet
    page.select_option("#risk-group", "alcohol_use_disorder")
    browser_tools.assert_accessible(page)
    page.click("text=Registrera gruppen")
    page.wait_for_load_state()
    assert "Alkoholbrukssyndrom" in page.inner_text("#somatic")
    assert "Den årliga somatiska hälsokontrollen har förfallit." in page.inner_text("#somatic")
    page.click("text=Lägg till socialvård i teamet")
    page.wait_for_load_state()
    page.select_option("#id_category", "supported_housing")
    page.fill("#id_professional", "Boendehandledare K. Lind")
    page.fill("#id_contact", "040 123 4567")
    browser_tools.assert_accessible(page)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "Boendehandledare K. Lind" in page.inner_text("#social-care")
    assert "Boendetjänster med social handledning" in page.inner_text("#social-care")

    page.click("text=Registrera en somatisk hälsokontroll")
    page.wait_for_load_state()
    page.fill("#id_systolic", "150")
    page.fill("#id_waist", "101")
    page.select_option("#id_smoking", "no")
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, "integrated-somatic-form-sv")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    section = page.inner_text("#somatic")
    assert section.count("utanför referensområdet") == 2  # systolic 150 >= 140, waist 101 >= 94 (a man)
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, "integrated-episode-team-somatic-sv")

    phone = phone_page
    _language(phone, "fi")
    browser_tools.login(phone, "clinician_a")
    phone.goto(phone.base_url + "/care/")
    assert "Somaattiset terveystarkastukset" in phone.inner_text("main")
    phone.goto(phone.base_url + "/integrated/somatic-checks/due/")
    assert "Vyötärönympärys, Systolinen verenpaine" in phone.inner_text("main table")
    browser_tools.assert_accessible(phone)
    browser_tools.screenshot(phone, "integrated-somatic-due-fi-phone")
    # the flagged values acknowledged with a note: they stay flagged, shown as acknowledged
    page.fill("#somatic input[name=note]", "Remiss till läkare")
    page.click("text=Kvittera de avvikande värdena")
    page.wait_for_load_state()
    section = page.inner_text("#somatic")
    assert "Kvitterat av clinician_a" in section and "Remiss till läkare" in section
    assert section.count("utanför referensområdet") == 2
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, "integrated-somatic-acknowledged-sv")
    browser_tools.login(phone, "manager_a")
    phone.goto(phone.base_url + "/integrated/reports/?group_by=unit")
    browser_tools.assert_accessible(phone)
    browser_tools.screenshot(phone, "integrated-reports-fi-phone")
