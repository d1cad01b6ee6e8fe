"""The public search in a real browser, in Finnish and in Swedish: results, screenshots, axe-core clean."""

from __future__ import annotations

import pytest

from conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue_in_live_db(live_server):  # type: ignore[no-untyped-def]
    from porras.accounts import services as accounts
    from porras.catalogue import services

    accounts.load_counties()
    services.load_demo()


def test_a_resident_searches_masennus_in_finnish(browser_page, catalogue_in_live_db):
    page = browser_page
    page.goto(page.base_url + "/services/")
    page.get_by_label("Hakusanat").fill("masennus")
    page.get_by_label("Hyvinvointialue").select_option("helsinki")
    page.get_by_role("button", name="Hae", exact=True).click()
    page.wait_for_load_state()
    heading = page.locator("#results-heading")
    assert heading.inner_text() == "2 palvelua löytyi"
    assert page.get_by_role(
        "link", name="Matalan kynnyksen mielenterveys- ja päihdepiste (demo)"
    ).is_visible()
    screenshot(page, "catalogue-search-fi")
    assert_accessible(page)


def test_a_resident_searches_angest_in_swedish(browser_page, catalogue_in_live_db):
    page = browser_page
    page.goto(page.base_url + "/services/")
    page.get_by_role("button", name="På svenska").click()
    page.wait_for_load_state()
    page.get_by_label("Sökord").fill("ångest")
    page.get_by_label("Välfärdsområde").select_option("pohjanmaa")
    page.get_by_role("button", name="Sök", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("#results-heading").inner_text() == "3 tjänster hittades"
    assert page.get_by_role("link", name="Öppenvård inom missbrukarvården (demo)").is_visible()
    screenshot(page, "catalogue-search-sv")
    assert_accessible(page)
    page.get_by_role("link", name="Öppenvård inom missbrukarvården (demo)").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Öppenvård inom missbrukarvården (demo)"
    assert_accessible(page)


def test_the_search_page_works_on_a_phone(phone_page, catalogue_in_live_db):
    page = phone_page
    page.goto(page.base_url + "/services/?q=ahdistus")
    # the phone context sends no Finnish preference, so the page is in English
    assert page.locator("#results-heading").inner_text() == "6 services found"
    screenshot(page, "catalogue-search-phone")
    assert_accessible(page)
