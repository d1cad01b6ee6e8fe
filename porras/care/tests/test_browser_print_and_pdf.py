"""In Chromium: a clinician downloads the episode summary and the client's copy of the safety plan as
PDFs from the episode page, and prints their pages: on paper (print media) no navigation, link or
button shows, the charts and the crisis box do. The copy stays in the client's language (Swedish)
whether the UI speaks Finnish, Swedish or English. axe-core finds no serious or critical violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from porras.care.tests.printing_helpers import PLAN, episode_with_plan
from porras.lib.testing import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _download(page, selector: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.click(selector)
    download = info.value
    return download.suggested_filename, pdf_text(Path(download.path()).read_bytes())


def _on_paper(page, tools, name: str) -> None:
    page.emulate_media(media="print")
    for chrome in (".site-nav", ".language-switcher", "#pdf-link", ".print-tools"):
        assert not page.is_visible(chrome), f"{chrome} shows on paper"
    tools.screenshot(page, name)
    page.emulate_media(media="screen")


def test_a_clinician_downloads_and_prints_the_episode_summary(cast, browser_page, browser_tools) -> None:
    episode = episode_with_plan(cast.clinician_a, language="sv")
    page = browser_page
    browser_tools.login(page, "clinician_a")
    page.goto(f"{page.base_url}/care/episodes/{episode.pk}/")
    browser_tools.assert_accessible(page)
    name, text = _download(page, "#summary-pdf")
    assert name == f"episode-{episode.pk}-summary.pdf"
    assert f"Hoitojakso {episode.pk}: yhteenveto" in text and "Kliininen raja 10" in text

    page.click("text=Yhteenveto tulostettavaksi")
    page.wait_for_selector("article.episode-summary")
    browser_tools.assert_accessible(page)
    assert page.is_visible("figure.chart svg.progress-chart")
    _on_paper(page, browser_tools, "care-summary-print-fi")
    page.emulate_media(media="print")
    assert page.is_visible("figure.chart svg.progress-chart") and page.is_visible(".crisis-box")
    page.emulate_media(media="screen")


@pytest.mark.parametrize(("ui", "link"), [("fi", "Asiakkaan kappale tulostettavaksi"),
                                          ("sv", "Klientens exemplar för utskrift"),
                                          ("en", "The client's copy for printing")])
def test_the_clients_copy_is_in_the_clients_language_in_any_ui_language(
    cast, browser_page, browser_tools, ui: str, link: str
) -> None:
    episode = episode_with_plan(cast.clinician_a, language="sv")
    page = browser_page
    browser_tools.login(page, "clinician_a")
    page.goto(f"{page.base_url}/care/episodes/{episode.pk}/")
    if ui != "fi":
        page.click(f'.language-switcher button[value="{ui}"]')
        page.wait_for_load_state()
    name, text = _download(page, "#safety-plan-pdf")
    assert name == "sakerhetsplan.pdf"
    assert "Min säkerhetsplan" in text and "112" in text and PLAN["own_coping"] in text

    page.click(f"text={link}")
    page.wait_for_selector("article.safety-plan-copy")
    assert page.get_attribute("article.safety-plan-copy", "lang") == "sv"
    assert "Min säkerhetsplan" in page.inner_text("article h1")
    browser_tools.assert_accessible(page)
    browser_tools.screenshot(page, f"care-safety-plan-copy-{ui}")
    _on_paper(page, browser_tools, f"care-safety-plan-copy-print-{ui}")
    page.emulate_media(media="print")
    assert page.is_visible(".crisis-box") and "112" in page.inner_text(".crisis-box")
    page.emulate_media(media="screen")
    name, _text = _download(page, "#pdf-link")
    assert name == "sakerhetsplan.pdf"


def test_the_clients_copy_fits_a_phone(cast, browser_page, browser_tools) -> None:
    episode = episode_with_plan(cast.clinician_a, language="fi")
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    browser_tools.login(page, "clinician_a")
    page.goto(f"{page.base_url}/care/episodes/{episode.pk}/safety-plan/copy/")
    browser_tools.assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling"
    browser_tools.screenshot(page, "care-safety-plan-copy-phone")
