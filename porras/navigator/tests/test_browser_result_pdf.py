"""In Chromium: a resident with a risk answer downloads the result as a PDF from the result page, then
saves the answers and downloads the saved result with the code, in Finnish, Swedish and English.
Printed (print media), the result page shows the crisis box and the result without navigation, forms
or buttons. axe-core finds no serious or critical violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from porras.lib.testing import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "fi": {"crisis": "Hae apua jo tänään", "save": "Tallenna ja näytä koodi", "file": "itsearvio.pdf",
           "scores": "9 / 27"},
    "sv": {"crisis": "Sök hjälp redan i dag", "save": "Spara och visa koden", "file": "sjalvskattning.pdf",
           "scores": "9 av 27"},
    "en": {"crisis": "Get help today", "save": "Save and show the code", "file": "self-assessment.pdf",
           "scores": "9 of 27"},
}


def _download(page, selector: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.click(selector)
    download = info.value
    return download.suggested_filename, pdf_text(Path(download.path()).read_bytes())


def _to_the_result(page, language: str) -> None:
    page.goto(page.base_url + "/navigator/")
    if language != "fi":
        page.click(f'.language-switcher button[value="{language}"]')
        page.wait_for_load_state()
    page.fill("#id_age", "24")
    page.select_option("#id_county", "helsinki")
    page.check('input[name="concerns"][value="depression"]')
    page.click("main button[type=submit]")
    page.wait_for_selector('input[name="phq9-1"]')
    for item in range(1, 10):  # every scored item at its second option (1 point): PHQ-9 total 9, item 9 a risk answer
        page.check(f'input[name="phq9-{item}"][value="1"]')
    page.check('input[name="phq9-10"][value="0"]')
    page.check('input[name="plan_to_end_life"][value="no"]')
    page.click("main form button[type=submit]")
    page.wait_for_selector("#crisis")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_resident_downloads_the_result_and_the_saved_result_as_pdfs(browser_page, browser_tools, language: str):
    texts = TEXTS[language]
    page = browser_page
    _to_the_result(page, language)
    browser_tools.assert_accessible(page)
    name, text = _download(page, "#result-pdf")
    assert name == texts["file"]
    assert texts["crisis"] in text and "112" in text and "09 2525 011" in text
    assert texts["scores"] in text

    page.emulate_media(media="print")
    for chrome in (".site-nav", ".language-switcher", "#result-pdf", "main form"):
        assert not page.is_visible(chrome), f"{chrome} shows on paper"
    assert page.is_visible("#crisis") and page.is_visible("[data-crisis]")
    browser_tools.screenshot(page, f"navigator-result-print-{language}")
    page.emulate_media(media="screen")

    page.click(f"text={texts['save']}")
    page.wait_for_selector("#saved-code")
    browser_tools.assert_accessible(page)
    name, saved_text = _download(page, "#saved-pdf")
    assert name == texts["file"] and texts["crisis"] in saved_text


def test_a_resident_comes_back_with_the_code_on_a_phone(phone_page, browser_tools) -> None:
    page = phone_page
    page.set_viewport_size({"width": 390, "height": 844})
    _to_the_result(page, "fi")
    page.click("section[aria-labelledby=save-title] button[type=submit]")
    code = page.inner_text("#saved-code").strip()

    page.goto(page.base_url + "/navigator/")
    page.click("#saved-link a")
    page.wait_for_selector("#id_code")
    browser_tools.assert_accessible(page)
    page.fill("#id_code", "ZZZZ-ZZZZ-ZZZZ")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".error")
    browser_tools.assert_accessible(page)
    page.fill("#id_code", code)
    with page.expect_download() as info:
        page.click("main form button[type=submit]")
    assert info.value.suggested_filename in {t["file"] for t in TEXTS.values()}
    browser_tools.screenshot(page, "navigator-saved-code-phone")
