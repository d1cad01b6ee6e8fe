"""One journey per role through the demo data in Chromium, in Finnish and in Swedish.

Each journey reaches its features by clicking the links of the shell (the navigation, the worklist, the
caseload), runs axe-core over every page it reaches (no serious or critical violation) and keeps
screenshots of the main pages under ``var/screenshots/journeys/`` for CI to publish.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "porras-demo-2026"  # porras.accounts.demo.DEMO_PASSWORD, documented in the README
LANGUAGES = ["fi", "sv"]

# Visible text each journey expects, by language (headings of the pages reached).
TEXT: dict[str, dict[str, str]] = {
    "fi": {
        "home": "löydä kevein riittävä apu",
        "navigator": "Millainen hoito voisi auttaa sinua?",
        "result": "Tuloksesi",
        "search": "Etsi mielenterveys- ja päihdepalveluja",
        "query": "masennus",
        "worklist": "Omat asiakkaani",
        "unit_worklist": "Yksikköjeni asiakkaat",
        "episode": "Hoitojakso",
        "instruments": "Kyselyt",
        "reports": "Vaikuttavuus- ja saatavuusraportit",
        "catalogue": "Palveluhakemisto",
        "refused": "Ei käyttöoikeutta",
        "programmes": "Strategiaohjelmat, hankkeet ja valtionavustukset",
        "programmes_manage": "Ohjelmien ylläpito",
        "caseload": "Omat IPS-asiakkaani",
        "ips_client": "IPS-asiakas",
        "ips_services": "IPS-mallinmukaisuuden arvioinnit",
        "fidelity": "Mallinmukaisuuden historia",
        "audit": "Tapahtumaloki",
        "logout": "Kirjaudu ulos",
    },
    "sv": {
        "home": "hitta den lättaste vård som räcker",
        "navigator": "Vilken vård kunde hjälpa dig?",
        "result": "Ditt resultat",
        "search": "Sök mentalvårds- och missbrukartjänster",
        "query": "ångest",
        "worklist": "Mina klienter",
        "unit_worklist": "Mina enheters klienter",
        "episode": "Vårdperiod",
        "instruments": "Frågeformulär",
        "reports": "Rapporter om effekt och tillgång",
        "catalogue": "Tjänstekatalog",
        "refused": "Åtkomst nekad",
        "programmes": "Strategiprogram, projekt och statsunderstöd",
        "programmes_manage": "Underhåll av program",
        "caseload": "Mina IPS-klienter",
        "ips_client": "IPS-klient",
        "ips_services": "Bedömningar av IPS-modelltrohet",
        "fidelity": "Modelltrohetens historik",
        "audit": "Händelselogg",
        "logout": "Logga ut",
    },
}

# A help text or error message is only read out with its field when the id the field names exists.
DANGLING_DESCRIPTIONS = """() => [...document.querySelectorAll('[aria-describedby], [aria-labelledby]')].flatMap(
    el => ['aria-describedby', 'aria-labelledby'].flatMap(attr => (el.getAttribute(attr) || '').split(/\\s+/)
        .filter(id => id && !document.getElementById(id)).map(id => `${el.id || el.tagName}: ${attr}=${id}`)))"""


@pytest.fixture
def demo(live_server: Any) -> None:
    call_command("demo", stdout=io.StringIO())


class Journey:
    """A page in a language, with the checks every page reached gets."""

    def __init__(self, page: Any, tools: Any, role: str, language: str) -> None:
        self.page, self.tools, self.role, self.language = page, tools, role, language
        self.text = TEXT[language]

    def start(self) -> None:
        page = self.page
        page.goto(page.base_url + "/")
        with page.expect_navigation():
            page.click(f"button[value={self.language}]")
        assert page.locator("html").get_attribute("lang") == self.language
        assert self.text["home"] in page.inner_text("h1")
        self.check()

    def login(self, username: str) -> None:
        self.tools.login(self.page, username, PASSWORD)
        # signed in: the header offers to log out, in the language chosen before logging in
        self.page.locator("header").get_by_text(self.text["logout"]).wait_for()
        assert self.page.locator("html").get_attribute("lang") == self.language

    def click(self, selector: str) -> None:
        with self.page.expect_navigation():
            self.page.locator(selector).first.click()

    def nav(self, href: str) -> None:
        self.click(f"nav.site-nav a[href='{href}']")

    def check(self, heading: str | None = None, shot: str | None = None) -> None:
        """The heading is in this language; axe finds nothing serious; the screenshot is kept."""
        page = self.page
        assert page.locator("html").get_attribute("lang") == self.language
        if heading is not None:
            assert self.text[heading] in page.inner_text("h1"), page.url
        self.tools.assert_accessible(page)
        dangling = page.evaluate(DANGLING_DESCRIPTIONS)
        assert not dangling, f"aria-describedby/labelledby naming no element on {page.url}: {dangling}"
        if shot is not None:
            self.tools.screenshot(page, f"journeys/{self.role}-{shot}-{self.language}")


@pytest.fixture
def journey(browser_page: Any, browser_tools: Any, demo: None) -> Any:
    def make(role: str, language: str) -> Journey:
        return Journey(browser_page, browser_tools, role, language)

    return make


@pytest.mark.parametrize("language", LANGUAGES)
def test_resident(journey: Any, language: str) -> None:
    j = journey("resident", language)
    j.start()
    j.tools.screenshot(j.page, f"journeys/resident-home-{language}")
    j.click("main a[href='/navigator/']")
    j.check("navigator", "navigator")
    page = j.page
    page.fill("#id_age", "30")
    page.select_option("#id_county", "helsinki")
    page.check("input[name=concerns][value=depression]")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_selector("input[name='phq9-1']")
    j.check()
    for item in range(1, 10):
        page.check(f"input[name='phq9-{item}'][value='{0 if item == 9 else 1}']")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    j.check("result", "result")
    assert page.locator("#crisis").count() == 0  # no risk answer, no crisis box

    j.nav("/services/")
    j.check("search")
    page.fill("input[name=q]", j.text["query"])
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("#results-heading").count() == 1
    assert page.locator("main a[href^='/services/']").count() > 0, "no service found"
    j.check("search", "search")


@pytest.mark.parametrize("language", LANGUAGES)
def test_professional(journey: Any, language: str) -> None:
    from porras.care.models import Measurement

    episode = Measurement.objects.filter(episode__responsible__username="ammattilainen").first().episode
    j = journey("professional", language)
    j.start()
    j.login("ammattilainen")
    j.nav("/care/")
    j.check("worklist", "worklist")
    j.click(f"main a[href='/care/clients/{episode.client_id}/']")
    j.check()
    j.click(f"main a[href='/care/episodes/{episode.pk}/']")
    j.check("episode")
    progress = j.page.locator("#progress")
    assert progress.locator("svg").count() >= 1, "no progress chart"
    progress.scroll_into_view_if_needed()
    j.tools.screenshot(j.page, f"journeys/professional-episode-{language}")
    j.nav("/instruments/")
    j.check("instruments", "instruments")
    j.click("main a[href='/instruments/phq9/']")
    assert j.page.locator("input[type=radio]").count() > 0
    j.check()


@pytest.mark.parametrize("language", LANGUAGES)
def test_unit_manager(journey: Any, language: str) -> None:
    j = journey("manager", language)
    j.start()
    j.login("esihenkilo")
    j.nav("/care/")
    j.check("unit_worklist", "worklist")
    j.nav("/reports/")
    j.check("reports", "reports")
    j.nav("/services/manage/")
    j.check("catalogue", "catalogue")
    j.click("main a[href^='/services/manage/']:not([href$='/new/'])")
    assert j.page.locator("main form").count() >= 1
    j.check(shot="catalogue-edit")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("username", ["analyytikko.alue", "analyytikko.thl"])
def test_analysts(journey: Any, language: str, username: str) -> None:
    from porras.care.models import Client

    role = "county-analyst" if username.endswith("alue") else "national-analyst"
    j = journey(role, language)
    j.start()
    j.login(username)
    assert j.page.locator("nav.site-nav a[href='/care/']").count() == 0
    j.nav("/reports/")
    j.check("reports", "reports")
    response = j.page.goto(j.page.base_url + f"/care/clients/{Client.objects.first().pk}/")
    assert response.status == 403
    j.check("refused")


@pytest.mark.parametrize("language", LANGUAGES)
def test_programme_manager(journey: Any, language: str) -> None:
    j = journey("programme-manager", language)
    j.start()
    j.login("ohjelmapaallikko")
    j.nav("/programmes/")
    j.check("programmes", "programmes")
    j.click("main a[href^='/programmes/entities/']")
    j.check()
    j.nav("/programmes/manage/")
    j.check("programmes_manage", "manage")
    j.click("main a[href^='/programmes/manage/entities/']:not([href$='/new/'])")
    assert j.page.locator("main form").count() >= 1
    j.check(shot="manage-entity")


@pytest.mark.parametrize("language", LANGUAGES)
def test_ips_specialist(journey: Any, language: str) -> None:
    j = journey("ips-specialist", language)
    j.start()
    j.login("ips.valmentaja")
    j.nav("/ips/")
    j.check("caseload", "caseload")
    j.click("main a[href^='/ips/clients/']")
    j.check("ips_client", "client")
    j.nav("/ips/services/")
    j.check("ips_services")
    j.click("main a[href$='/fidelity/']")
    assert j.page.locator("main table").count() >= 1
    j.check("fidelity", "fidelity")


@pytest.mark.parametrize("language", LANGUAGES)
def test_administrator(journey: Any, language: str) -> None:
    j = journey("administrator", language)
    j.start()
    j.login("yllapitaja")
    j.nav("/accounts/audit/")
    j.check("audit", "audit")
    assert j.page.locator("main table tbody tr").count() > 0, "the demo leaves no audit trail"
