"""Digital care in Chromium, in Finnish, Swedish and English, axe-clean on every page reached:

* a resident finds an open programme from the front page and completes a module on a phone;
* a professional assigns a programme; the client signs in with the code on a phone, answers the
  module's PHQ-9 with a risk answer (crisis contacts at once), completes the module and writes to the
  therapist; the episode's risk flag is raised, an e-mail file without health data appears, and the
  therapist reads the message and answers it.

Screenshots under ``var/screenshots/selfcare/``.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "porras-demo-2026"  # porras.accounts.demo.DEMO_PASSWORD
LANGUAGES = ["fi", "sv", "en"]
TEXT = {
    "fi": {"programmes": "Omahoito-ohjelmat", "module": "Osio 2/5", "code": "Asiakkaan koodi",
           "crisis": "Hae apua jo tänään", "done": "1/6 osiota tehty"},
    "sv": {"programmes": "Egenvårdsprogram", "module": "Del 2 av 5", "code": "Klientens kod",
           "crisis": "Sök hjälp redan i dag", "done": "1 av 6 delar gjorda"},
    "en": {"programmes": "Self-care programmes", "module": "Module 2 of 5", "code": "The client's code",
           "crisis": "Get help today", "done": "1 of 6 modules done"},
}
# PHQ-9 (option positions): items 1-8 "several days", item 9 "several days" (a risk answer), item 10
# "somewhat difficult": total 9 (hand-counted: nine items at 1; item 10 is not scored).
PHQ9_RISK = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]


@pytest.fixture
def demo(live_server: Any) -> None:
    call_command("demo", stdout=io.StringIO())


def _language(page: Any, language: str) -> None:
    page.goto(page.base_url + "/")
    with page.expect_navigation():
        page.click(f"button[value={language}]")
    assert page.locator("html").get_attribute("lang") == language


def _submit(page: Any, selector: str) -> None:
    with page.expect_navigation():
        page.locator(selector).first.click()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_resident_completes_an_open_module_on_a_phone(phone_page: Any, browser_tools: Any, demo: None,
                                                        language: str) -> None:
    page, text = phone_page, TEXT[language]
    _language(page, language)
    _submit(page, "main a[href='/selfcare/']")
    assert text["programmes"] in page.inner_text("h1")
    browser_tools.assert_accessible(page)
    _submit(page, "main a[href='/selfcare/programmes/worry/']")
    browser_tools.assert_accessible(page)
    _submit(page, "main a[href='/selfcare/programmes/worry/start/']")
    for item in range(1, 8):  # GAD-7: scored and shown, not stored
        page.check(f"input[name='item-{item}'][value='1']")
    _submit(page, "main form.instrument-form button[type=submit]")
    assert page.locator("#score-title").count() == 1
    assert page.locator("#crisis").count() == 0  # GAD-7 has no risk item
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, f"selfcare/resident-open-module-{language}")
    page.fill("#exercise-worry_topics", "Work")
    _submit(page, "main button[value=complete]")
    assert page.url.endswith("/selfcare/programmes/worry/sort/")
    assert text["module"] in page.inner_text("h1")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the module page scrolls sideways on a phone: {width}px"
    browser_tools.assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_guided_programme_from_assignment_to_the_therapists_answer(
        _browser: Any, browser_page: Any, browser_tools: Any, demo: None, language: str, settings: Any,
        tmp_path: Path) -> None:
    from porras.accounts.models import User
    from porras.care.models import Episode, RiskFlag

    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    User.objects.filter(username="ammattilainen").update(email="ammattilainen@example.org")
    episode = Episode.objects.get(client__local_identifier="DEMO-0003")
    page, text = browser_page, TEXT[language]

    # The professional assigns "Low mood" from the episode's page and reads the code once.
    _language(page, language)
    browser_tools.login(page, "ammattilainen", PASSWORD)
    page.goto(page.base_url + f"/care/episodes/{episode.pk}/")
    _submit(page, "#digital-care")
    browser_tools.assert_accessible(page)
    page.select_option("#id_programme", "low-mood")
    _submit(page, "form[action$='/assign/'] button[type=submit]")
    assert text["code"] in page.inner_text("#new-code")
    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", page.inner_text("#new-code")).group(0)  # type: ignore[union-attr]
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, f"selfcare/professional-code-{language}")

    # The client, on a phone, signs in with the code (never in a URL) and answers the PHQ-9.
    phone = _browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    client = phone.new_page()
    client.set_default_timeout(15000)
    client.base_url = page.base_url
    try:
        _language(client, language)
        client.goto(client.base_url + "/selfcare/sign-in/")
        client.fill("#id_code", code)
        _submit(client, "main form button[type=submit]")
        assert code not in client.url and code.replace("-", "") not in client.url
        assert client.url.endswith("/selfcare/me/")
        browser_tools.assert_accessible(client)
        _submit(client, "main a[href='/selfcare/me/modules/start/']")
        for item, answer in enumerate(PHQ9_RISK, start=1):
            client.check(f"input[name='item-{item}'][value='{answer}']")
        _submit(client, "main form.instrument-form button[type=submit]")
        crisis = client.inner_text("#crisis")
        assert text["crisis"] in crisis and "112" in crisis
        browser_tools.assert_accessible(client)
        browser_tools.screenshot(client, f"selfcare/client-risk-answer-{language}")
        client.fill("#exercise-hopes", "Sleep better")
        _submit(client, "main button[value=complete]")
        assert text["done"] in client.inner_text("main")
        _submit(client, "main a[href='/selfcare/me/messages/']")
        client.fill("#id_body", "The first week was hard.")
        _submit(client, "main form button[type=submit]")
        assert "The first week was hard." in client.inner_text("#messages")
        browser_tools.assert_accessible(client)
        browser_tools.screenshot(client, f"selfcare/client-messages-{language}")
    finally:
        phone.close()

    # The risk flag is raised on the episode; the professional was e-mailed without health data.
    assert RiskFlag.objects.filter(episode=episode, measurement__source="client", acknowledged_at__isnull=True).exists()
    mails = [p.read_text() for p in tmp_path.iterdir()]
    assert mails and all("You have a new item in Porras." in m for m in mails)
    assert not any("PHQ" in m or "hard" in m or "Low mood" in m for m in mails)

    # The therapist reads the message on the episode's digital care page and answers.
    page.goto(page.base_url + f"/selfcare/episodes/{episode.pk}/")
    assert "The first week was hard." in page.inner_text("main")
    page.locator("form[action$='/messages/'] textarea").first.fill("Thank you for writing. Let's look at it together.")
    _submit(page, "form[action$='/messages/'] button[type=submit]")
    assert "Let's look at it together." in page.inner_text("main")
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, f"selfcare/therapist-episode-{language}")
