"""Shared test fixtures: the fixed cast of users, API clients, and the browser.

The cast (STYLE.md): a clinician of unit A, a colleague in unit A, a clinician of unit B, a unit
manager of A, a county analyst (A's county), a national analyst, a programme manager, an IPS
specialist, an administrator; anonymous residents use no account.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("PORRAS_CHROMIUM", "/usr/bin/chromium")
# `porras demo` in tests loads a smaller synthetic care history than `make run` (24,000 episodes):
# the tests need its shape, not its size (the outcomes app's demo test loads the full one).
os.environ.setdefault("PORRAS_DEMO_HISTORY", "2000")


def pytest_configure(config: pytest.Config) -> None:
    from porras.lib.i18n import compile_all

    if compile_all():
        # Django may already have loaded (and cached) a catalogue without the new .mo files while it
        # started up: forget every cached catalogue, as Django itself does when LANGUAGES change.
        from asgiref.local import Local
        from django.utils.translation import trans_real

        trans_real._translations = {}
        trans_real._default = None
        trans_real._active = Local()


def need(condition: bool, reason: str) -> None:
    """Skip on a developer's machine that lacks something; in CI the absence is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _cheap_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["porras.lib.testing.CheapArgon2PasswordHasher"]


@pytest.fixture(autouse=True)
def _process_local_cache(settings: Any) -> None:
    # The served site shares a database cache between workers (settings.CACHES); tests that need no
    # database must not touch it, so each test gets a fresh in-process cache instead.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "porras-tests"}}


# ---------------------------------------------------------------------------------------------
# External fixtures: real artefacts of public standards that the tests use as oracles and the project
# does not copy (Open Referral HSDS 3.0 JSON schemas and examples, FHIR PHQ-9 Questionnaires and a
# response, the counties' reference list). They are not in the repository and nothing at run time
# reads them. This is the one place that says where they are: PORRAS_SHARED_FIXTURES names the
# fixtures folder (with hsds/ and fhir/); by default it is the steering repository's shared/fixtures
# beside the checkout (../shared/fixtures), which a plain clone does not have. Its parent folder
# holds the reference data (reference/counties.csv). A test that needs them is skipped, with the
# reason, when they are absent — and fails under CI=true.

SHARED_FIXTURES = Path(os.environ.get("PORRAS_SHARED_FIXTURES") or REPO.parent / "shared" / "fixtures")
SHARED = SHARED_FIXTURES.parent


def external_fixture(*parts: str) -> Path:
    """The path of an external fixture (``external_fixture("hsds", "service_full.json")``).

    Skips the calling test when it is absent (fails in CI); call it inside a test or fixture.
    """
    path = SHARED_FIXTURES.joinpath(*parts)
    need(path.exists(), f"external fixture {path} is absent (PORRAS_SHARED_FIXTURES names the folder)")
    return path


@pytest.fixture
def shared_dir() -> Path:
    """The folder of the external reference data (counties.csv ...): skips when absent, fails in CI."""
    need((SHARED / "reference").is_dir(), f"external reference data not found in {SHARED / 'reference'}")
    return SHARED


@dataclass
class Cast:
    county_a: Any
    county_b: Any
    unit_a: Any
    unit_a2: Any
    unit_b: Any
    ips_unit: Any
    clinician_a: Any
    colleague_a: Any
    clinician_b: Any
    manager_a: Any
    county_manager_b: Any
    county_analyst: Any
    national_analyst: Any
    programme_manager: Any
    ips_specialist: Any
    admin: Any

    def everyone(self) -> dict[str, Any]:
        return {
            name: value for name, value in vars(self).items()
            if not name.startswith(("county_a", "county_b", "unit_", "ips_unit"))
        }


CAST_PASSWORD = "cast-password-123!"


@pytest.fixture
def cast(db: Any) -> Cast:
    from porras.accounts import services
    from porras.accounts.models import County
    from porras.accounts.services import UnitSpec

    services.load_counties()
    org_a = services.ensure_organisation("org-a", "helsinki", "Organisaatio A", "Organisation A")
    org_b = services.ensure_organisation("org-b", "pirkanmaa", "Organisaatio B", "Organisation B")
    unit_a = services.ensure_unit(org_a, UnitSpec("unit-a", "Yksikkö A", "Enhet A", "sote_centre"))
    unit_a2 = services.ensure_unit(org_a, UnitSpec("unit-a2", "Yksikkö A2", "Enhet A2", "school_health"))
    unit_b = services.ensure_unit(org_b, UnitSpec("unit-b", "Yksikkö B", "Enhet B", "sote_centre"))
    ips_unit = services.ensure_unit(org_a, UnitSpec("ips-a", "IPS A", "IPS A", "ips_service"))

    def make(username: str, role: str, unit: str | None = None, county: str | None = None) -> Any:
        return services.create_user(username, role, unit_code=unit, county_code=county, password=CAST_PASSWORD)

    return Cast(
        county_a=County.objects.get(code="helsinki"),
        county_b=County.objects.get(code="pirkanmaa"),
        unit_a=unit_a, unit_a2=unit_a2, unit_b=unit_b, ips_unit=ips_unit,
        clinician_a=make("clinician_a", "professional", unit="unit-a"),
        colleague_a=make("colleague_a", "professional", unit="unit-a"),
        clinician_b=make("clinician_b", "professional", unit="unit-b"),
        manager_a=make("manager_a", "unit_manager", unit="unit-a"),
        county_manager_b=make("county_manager_b", "unit_manager", county="pirkanmaa"),
        county_analyst=make("county_analyst", "county_analyst", county="helsinki"),
        national_analyst=make("national_analyst", "national_analyst"),
        programme_manager=make("programme_manager", "programme_manager"),
        ips_specialist=make("ips_specialist", "ips_specialist", unit="ips-a"),
        admin=make("admin", "administrator"),
    )


@pytest.fixture
def api_client_for(db: Any) -> Callable[[Any], Any]:
    """A Django test client that sends a fresh bearer token of ``user`` with every request."""
    from django.test import Client

    from porras.accounts.models import ApiToken

    def make(user: Any) -> Any:
        _, raw = ApiToken.issue(user, expires_days=1)
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    return make


# ---------------------------------------------------------------------------------------------
# Browser: Playwright for Python driving Debian's Chromium (never `playwright install`).

SCREENSHOTS = REPO / "var" / "screenshots"


@pytest.fixture(scope="session")
def _browser() -> Iterator[Any]:
    need(Path(CHROMIUM).exists() or shutil.which("chromium") is not None,
         f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_browser: Any, live_server: Any) -> Iterator[Any]:
    context = _browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.fixture
def phone_page(_browser: Any, live_server: Any) -> Iterator[Any]:
    context = _browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url  # type: ignore[attr-defined]
    yield page
    context.close()


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_accessible(page: Any) -> None:
    """axe-core over the current page: no serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
    assert not bad, f"axe violations on {page.url}: {summary}"


def login(page: Any, username: str, password: str = CAST_PASSWORD) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


@pytest.fixture
def browser_tools() -> Any:
    """Helpers for browser tests: screenshot, assert_accessible, login."""

    class Tools:
        pass

    tools = Tools()
    tools.screenshot = screenshot  # type: ignore[attr-defined]
    tools.assert_accessible = assert_accessible  # type: ignore[attr-defined]
    tools.login = login  # type: ignore[attr-defined]
    return tools
