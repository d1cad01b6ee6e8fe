"""The consultation workflow in Chromium: a professional of the sote centre asks from the episode's
page (in Finnish), the specialist answers from the queue (in Swedish, at phone width), and the
answer is on the episode. Every page axe-clean; screenshots under var/screenshots/."""

from __future__ import annotations

from typing import Any

import pytest

from porras.integrated.models import Consultation
from porras.integrated.tests.helpers import World, world  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _language(page: Any, language: str) -> None:
    page.context.add_cookies([{"name": "porras_language", "value": language, "url": page.base_url}])


def test_a_question_asked_in_finnish_is_answered_in_swedish_and_shown_on_the_episode(
    world: World, browser_page: Any, phone_page: Any, browser_tools: Any  # noqa: F811
) -> None:
    page = browser_page
    _language(page, "fi")
    browser_tools.login(page, "clinician_a")
    page.goto(page.base_url + f"/care/episodes/{world.episode.pk}/")
    assert "Erikoistason konsultaatiot" in page.inner_text("#consultations")
    page.click("text=Kysy erikoistasolta")
    page.wait_for_load_state()
    browser_tools.assert_accessible(page)
    page.click("main button[type=submit]")  # nothing filled in: the errors, in Finnish, on their fields
    page.wait_for_load_state()
    assert "Tarkista alla merkityt kentät." in page.inner_text("main")
    browser_tools.assert_accessible(page)
    page.select_option("#id_specialist_unit", "psy-a")
    page.check("input[name=urgency][value=urgent]")
    page.check("input[name=preferred_form][value=video]")
    page.fill("#id_question", "Uni ei ole korjaantunut. Onko lääkitystä syytä arvioida?")
    browser_tools.screenshot(page, "integrated-ask-fi")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "Odottaa vastausta" in page.inner_text("h1")
    browser_tools.assert_accessible(page)
    pk = Consultation.objects.get().pk

    phone = phone_page
    _language(phone, "sv")
    browser_tools.login(phone, "specialist_a")
    phone.goto(phone.base_url + "/integrated/consultations/")
    assert "Brådskande" in phone.inner_text("main table")
    browser_tools.assert_accessible(phone)
    browser_tools.screenshot(phone, "integrated-queue-sv-phone")
    phone.click(f"text=Konsultation {pk}")
    phone.wait_for_load_state()
    phone.check("input[name=outcome][value=primary_care]")
    phone.fill("#id_answer", "Fortsätt på basnivå; sömndagbok i två veckor.")
    browser_tools.assert_accessible(phone)
    browser_tools.screenshot(phone, "integrated-answer-sv-phone")
    phone.click("main button[type=submit]")
    phone.wait_for_load_state()
    assert "Besvarad" in phone.inner_text("h1")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    page.goto(page.base_url + f"/care/episodes/{world.episode.pk}/")
    section = page.inner_text("#consultations")
    assert "Fortsätt på basnivå; sömndagbok i två veckor." in section
    assert "hoito jatkuu perustasolla" in section
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, "integrated-episode-answer-fi")


def test_a_question_withdrawn_in_finnish_shows_as_withdrawn_in_the_swedish_queue(
    world: World, browser_page: Any, phone_page: Any, browser_tools: Any  # noqa: F811
) -> None:
    from porras.integrated import services

    pk = services.ask(world.cast.clinician_a, world.episode.pk, "psy-a", "Tarvitaanko arviota?", "non_urgent",
                      "written_advice").pk
    page = browser_page
    _language(page, "fi")
    browser_tools.login(page, "clinician_a")
    page.goto(page.base_url + f"/integrated/consultations/{pk}/")
    page.click("text=Peru kysymys")
    page.wait_for_load_state()
    assert "Kysyvä yksikkö perui kysymyksen" in page.inner_text("h1")
    assert "eikä se ole mukana konsultaatioluvuissa" in page.inner_text("main")
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, "integrated-withdrawn-fi")

    phone = phone_page
    _language(phone, "sv")
    browser_tools.login(phone, "specialist_a")
    phone.goto(phone.base_url + "/integrated/consultations/")
    assert "Den frågande enheten tog tillbaka frågan" in phone.inner_text("main")
    browser_tools.assert_accessible(phone)
    browser_tools.screenshot(phone, "integrated-queue-withdrawn-sv-phone")
