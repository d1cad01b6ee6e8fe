"""In Chromium, in Finnish, Swedish and English: an administrator creates a user with a role and a unit,
the user sets a password through the link (read from the file mail backend) and signs in; a unit
manager unlocks a locked account; the data-protection officer filters the audit log and downloads it as
CSV; the pages at phone width. axe-core finds nothing serious on any page reached."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client

from conftest import CAST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["fi", "sv", "en"]
NEW_PASSWORD = "talvi-aamun-valo-2026"
HEADINGS = {
    "fi": {"users": "Käyttäjät", "new": "Uusi käyttäjä", "set": "Aseta salasanasi", "audit": "Tapahtumaloki"},
    "sv": {"users": "Användare", "new": "Ny användare", "set": "Ange ditt lösenord", "audit": "Händelselogg"},
    "en": {"users": "Users", "new": "New user", "set": "Set your password", "audit": "Audit log"},
}
LINK = re.compile(r"https?://\S+/accounts/set-password/\S+/")


def _in(page: Any, language: str) -> None:
    page.context.add_cookies([{"name": "porras_language", "value": language, "url": page.base_url}])


def _sign_in(page: Any, tools: Any, username: str, password: str = CAST_PASSWORD) -> None:
    tools.login(page, username, password)
    assert page.locator("header .nav-user a").inner_text() == username


def _submit(page: Any, selector: str = "main form.stacked button[type=submit]") -> None:
    with page.expect_navigation():
        page.locator(selector).first.click()


def _check(page: Any, tools: Any, heading: str, language: str, shot: str) -> None:
    assert page.locator("html").get_attribute("lang") == language
    assert heading in page.inner_text("h1"), page.url
    tools.assert_accessible(page)
    tools.screenshot(page, f"accounts/{shot}-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_administrator_creates_a_user_who_sets_a_password_through_the_link(
        browser_page: Any, browser_tools: Any, cast: Any, settings: Any, tmp_path: Path, language: str) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    page, text = browser_page, HEADINGS[language]
    _in(page, language)
    _sign_in(page, browser_tools, "admin")
    with page.expect_navigation():
        page.click("nav.site-nav a[href='/accounts/users/']")
    _check(page, browser_tools, text["users"], language, "users")
    with page.expect_navigation():
        page.click("main a[href='/accounts/users/new/']")
    _check(page, browser_tools, text["new"], language, "user-new")
    page.fill("#id_username", f"uusi.{language}")
    page.fill("#id_email", f"uusi.{language}@example.org")
    page.select_option("#id_role", "professional")
    page.select_option("#id_scope", "unit:unit-b")
    _submit(page)
    assert re.search(r"/accounts/users/\d+/$", page.url)
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, f"accounts/user-{language}")
    with page.expect_navigation():
        page.click("main form[action$='/password-link/'] button")
    assert "example.org" in page.locator(".messages").inner_text()

    mails = list(tmp_path.iterdir())
    assert len(mails) == 1
    link = LINK.search(mails[0].read_text(encoding="utf-8")).group(0)
    newcomer = page.context.browser.new_context(locale="fi-FI").new_page()
    newcomer.base_url = page.base_url
    _in(newcomer, language)
    newcomer.goto(link)
    _check(newcomer, browser_tools, text["set"], language, "password-set")
    newcomer.fill("#id_new_password1", NEW_PASSWORD)
    newcomer.fill("#id_new_password2", NEW_PASSWORD)
    _submit(newcomer)
    assert newcomer.url.endswith("/accounts/login/")
    _sign_in(newcomer, browser_tools, f"uusi.{language}", NEW_PASSWORD)
    newcomer.context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_unit_manager_unlocks_a_locked_account(browser_page: Any, browser_tools: Any, cast: Any, language: str) -> None:
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        Client().post("/accounts/login/", {"username": "colleague_a", "password": "wrong"}, REMOTE_ADDR="10.1.1.1")
    assert Client().post("/accounts/login/", {"username": "colleague_a", "password": CAST_PASSWORD},
                         REMOTE_ADDR="10.1.1.1").status_code == 429
    page = browser_page
    _in(page, language)
    _sign_in(page, browser_tools, "manager_a")
    with page.expect_navigation():
        page.click("nav.site-nav a[href='/accounts/users/']")
    assert page.locator("main .tag-warn").count() == 1, "the locked account is marked in the list"
    with page.expect_navigation():
        page.click(f"main a[href='/accounts/users/{cast.colleague_a.pk}/']")
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, f"accounts/locked-{language}")
    with page.expect_navigation():
        page.click("main form[action$='/unlock/'] button")
    assert page.locator("main form[action$='/unlock/']").count() == 0
    browser_tools.assert_accessible(page)
    assert Client().post("/accounts/login/", {"username": "colleague_a", "password": CAST_PASSWORD},
                         REMOTE_ADDR="10.1.1.1").status_code == 302


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_dpo_filters_the_audit_log_and_downloads_csv(
        browser_page: Any, browser_tools: Any, cast: Any, language: str) -> None:
    Client().post("/accounts/login/", {"username": "clinician_a", "password": CAST_PASSWORD})
    page, text = browser_page, HEADINGS[language]
    _in(page, language)
    _sign_in(page, browser_tools, "admin")
    with page.expect_navigation():
        page.click("nav.site-nav a[href='/accounts/audit/']")
    _check(page, browser_tools, text["audit"], language, "audit")
    page.fill("#id_user", "clinician_a")
    page.select_option("#id_action", "login")
    with page.expect_navigation():
        page.click("main form button[type=submit]:not([name])")
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1 and "clinician_a" in rows.first.inner_text()
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, f"accounts/audit-filtered-{language}")
    with page.expect_download() as download:
        page.click("main button[name=export]")
    content = Path(download.value.path()).read_text(encoding="utf-8")
    lines = content.strip().split("\n")
    assert lines[0].startswith("seq,at,username") and len(lines) == 2 and ",clinician_a," in lines[1]


@pytest.mark.parametrize("path", ["/accounts/users/", "/accounts/audit/", "/accounts/logout/"])
def test_the_pages_work_at_phone_width(_browser: Any, live_server: Any, browser_tools: Any, cast: Any, path: str) -> None:
    context = _browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.base_url = live_server.url
    _sign_in(page, browser_tools, "admin")
    page.goto(live_server.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, "accounts/phone" + path.rstrip("/").replace("/", "-"))
    context.close()
