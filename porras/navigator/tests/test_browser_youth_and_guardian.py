"""A 15-year-old and a guardian answer on two devices (phones), in Finnish and Swedish; the
professional opens the young person's code and sees one report of both. axe-core finds no serious
or critical violation on any page; screenshots go to var/screenshots/."""

from __future__ import annotations

import re

import pytest

from conftest import CAST_PASSWORD, assert_accessible, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHQ9_MILD = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]  # total 5: mild; item 9 "not at all"
CODE = r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}"
WORDS = {
    "fi": {"report": "Nuoren ja huoltajan vastaukset", "family": "Lapset puheeksi",
           "thanks": "Kiitos vastauksistasi", "guardian_concern": "Ahdistus tai jännittäminen"},
    "sv": {"report": "Den ungas och vårdnadshavarens svar", "family": "Let's Talk about Children",
           "thanks": "Tack för dina svar", "guardian_concern": "Ångest eller oro"},
}


def _device(browser, live_server, width: int):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500,
                                  has_touch=width < 500, locale="fi-FI")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    return context, page


def _in(page, language: str, path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base_url + path)
    if language != "fi":
        page.click(f'.language-switcher button[value="{language}"]')
        page.wait_for_load_state()


def _fits_the_phone(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


# Each checkbox or radio: its text on its right on the same row, and every box as wide as the others
# (a label that wraps onto two lines must not squeeze its box).
CHOICE_ROWS = """() => [...document.querySelectorAll('main input[type=checkbox], main input[type=radio]')].map(box => {
    const b = box.getBoundingClientRect(), t = box.closest('label').getBoundingClientRect();
    return {name: box.name, width: Math.round(b.width), beside: b.right < t.right && b.top >= t.top - 1
            && b.bottom <= t.bottom + 1};
})"""


def _choices_sit_beside_their_text(page) -> None:  # type: ignore[no-untyped-def]
    rows = page.evaluate(CHOICE_ROWS)
    assert rows and all(r["beside"] for r in rows), rows
    assert len({r["width"] for r in rows}) == 1, rows


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_young_person_and_a_guardian_answer_apart_and_the_professional_opens_one_report(
    _browser, live_server, cast, language  # type: ignore[no-untyped-def]
):
    words = WORDS[language]
    young, page = _device(_browser, live_server, 390)
    _in(page, language, "/navigator/")
    page.fill("#id_age", "15")
    page.select_option("#id_county", "helsinki")
    page.check('input[name="concerns"][value="depression"]')
    page.click("main button[type=submit]")
    page.wait_for_selector('input[name="phq9-1"]')
    for item, value in enumerate(PHQ9_MILD, start=1):
        page.check(f'input[name="phq9-{item}"][value="{value}"]')
    page.check('input[name="plan_to_end_life"][value="no"]')
    page.click("main form button[type=submit]")
    page.wait_for_selector("#concerns-title")
    page.locator("form[action$='/navigator/save/'] button[type=submit]").click()
    page.wait_for_selector("#guardian-code")
    code = page.inner_text("#saved-code").strip()
    guardian_code = page.inner_text("#guardian-code").strip()
    assert re.fullmatch(CODE, code) and re.fullmatch(CODE, guardian_code) and code != guardian_code
    _fits_the_phone(page)
    screenshot(page, f"youth-saved-{language}")
    assert_accessible(page)
    young.close()

    # The guardian, on another device: their own code, their own answers.
    guardian, page = _device(_browser, live_server, 390)
    _in(page, language, "/navigator/guardian/")
    assert_accessible(page)
    _choices_sit_beside_their_text(page)
    page.fill("#id_code", guardian_code)
    page.check('input[name="concerns"][value="anxiety"]')
    page.check('input[name="concerns"][value="family"]')
    page.check('input[name="self_harm"][value="no"]')
    page.check('input[name="plan_to_end_life"][value="no"]')
    page.click("#guardian-submit")
    page.wait_for_selector("#guardian-done")
    assert words["thanks"] in page.inner_text("h1")
    assert "PHQ-9" not in page.inner_text("main")  # nothing of the young person's answers
    _fits_the_phone(page)
    screenshot(page, f"youth-guardian-done-{language}")
    assert_accessible(page)
    guardian.close()

    # The professional opens the young person's code: both respondents, one recommendation.
    desk, page = _device(_browser, live_server, 1280)
    _in(page, language, "/")
    login(page, "clinician_a", CAST_PASSWORD)
    page.goto(page.base_url + "/navigator/open/")
    page.fill("#id_code", code)
    page.click("main form button[type=submit]")
    page.wait_for_selector("#respondents")
    assert words["report"] in page.inner_text("#respondents")
    report = page.inner_text("main")
    assert words["guardian_concern"] in report
    assert words["family"] in report
    assert "PHQ-9" in report
    assert page.locator("form.report-download #report-pdf").count() == 1  # the joint report as a PDF
    screenshot(page, f"youth-professional-report-{language}")
    assert_accessible(page)
    desk.close()
