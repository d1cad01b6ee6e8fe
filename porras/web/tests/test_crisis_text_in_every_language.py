"""Every page that carries crisis text says, in Finnish, Swedish and English, to call 112 and which
crisis line to call.

Crisis text is marked in the templates with ``data-crisis`` (the front page's notice, the
self-assessment's notice, the crisis box of a result, the footer's numbers). Each marked element
must name 112 itself, not leave it to another part of the page: a sentence cut short in one
language ("Jos ajattelet elämäsi päättämistä tai olet välittömässä vaarassa") fails here.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

LANGUAGES = ["fi", "sv", "en"]
EMERGENCY = re.compile(r"(?<!\d)112(?!\d)")  # 112 itself, not the end of 09 2525 0112
# The national crisis line in the page's language (Swedish has its own number; English speakers are
# given the Finnish line first, as Mielenterveystalo lists them).
CRISIS_LINE = {"fi": "09 2525 0111", "sv": "09 2525 0112", "en": "09 2525 0111"}
PHQ9_WITH_RISK = {f"phq9-{item}": "1" for item in range(1, 10)}  # item 9 "several days": risk


class CrisisText(HTMLParser):
    """The text of every element marked ``data-crisis``."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._depth = 0  # open elements inside the current marked one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "input", "meta", "link", "hr"):
            return
        if self._depth:
            self._depth += 1
        elif any(name == "data-crisis" for name, _ in attrs):
            self._depth = 1
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag not in ("br", "img", "input", "meta", "link", "hr"):
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.blocks[-1] += data


def crisis_blocks(html: str) -> list[str]:
    parser = CrisisText()
    parser.feed(html)
    return [" ".join(block.split()) for block in parser.blocks]


def about(**extra: Any) -> dict[str, Any]:
    return {"stage": "answers", "age": "30", "county": "pirkanmaa", "concerns": ["depression"], **extra}


def _home(client: Any, cast: Any) -> Any:
    return client.get("/")


def _self_assessment(client: Any, cast: Any) -> Any:
    return client.get("/navigator/")


def _same_day_result(client: Any, cast: Any) -> Any:
    return client.post("/navigator/", about(plan_to_end_life="no", **PHQ9_WITH_RISK))


def _emergency_result(client: Any, cast: Any) -> Any:
    return client.post("/navigator/", about(plan_to_end_life="yes", **PHQ9_WITH_RISK))


def _questions_asked_again_after_a_risk_answer(client: Any, cast: Any) -> Any:
    return client.post("/navigator/", about(plan_to_end_life="no", **{"phq9-9": "1"}))


def _professional_result(client: Any, cast: Any) -> Any:
    client.force_login(cast.clinician_a)
    return client.post("/navigator/professional/", {"age": "30", "phq9": "mild", "phq9_item9": "2"})


def _opened_code(client: Any, cast: Any) -> Any:
    from porras.navigator import services

    saved = services.save_assessment({"age": 30, "scores": {"phq9": {"risk_items": {"9": 1}}}})
    client.force_login(cast.clinician_a)
    return client.post("/navigator/open/", {"code": saved.code})


def _self_care_programmes(client: Any, cast: Any) -> Any:
    return client.get("/selfcare/")


def _questionnaire_answered_with_risk(client: Any, cast: Any) -> Any:
    """A client answers a questionnaire sent with a single-use code, with a risk answer (selfcare)."""
    from porras.care.tests.helpers import make_case
    from porras.selfcare import services

    case = make_case(cast.clinician_a)
    sent = services.request_questionnaire(cast.clinician_a, case.episode.pk, "phq9")
    client.post("/selfcare/sign-in/", {"code": sent.code})
    return client.post("/selfcare/me/questionnaire/", PHQ9_ANSWERS_WITH_RISK)


PHQ9_ANSWERS_WITH_RISK = {f"item-{item}": "1" for item in range(1, 11)}  # item 9 "several days": risk


def _page_not_found(client: Any, cast: Any) -> Any:
    return client.get("/no-such-page/")


PAGES = {
    "home": _home,
    "self-assessment": _self_assessment,
    "same-day result": _same_day_result,
    "emergency result": _emergency_result,
    "questions asked again after a risk answer": _questions_asked_again_after_a_risk_answer,
    "professional navigator": _professional_result,
    "opened code": _opened_code,
    "page not found": _page_not_found,
    "self-care programmes": _self_care_programmes,
    "a client's questionnaire answered with a risk answer": _questionnaire_answered_with_risk,
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_the_page_names_112_and_the_crisis_line(client, cast, page, language):
    client.cookies["porras_language"] = language
    response = PAGES[page](client, cast)
    html = response.content.decode()
    blocks = crisis_blocks(html)
    assert blocks, f"no crisis text marked on {page}"
    for block in blocks:
        assert EMERGENCY.search(block), f"{page} ({language}): crisis text without 112: {block!r}"
    assert CRISIS_LINE[language] in " ".join(blocks), f"{page} ({language}): no crisis line"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_front_page_tells_what_to_do_in_its_own_words(client, db, language):
    client.cookies["porras_language"] = language
    html = client.get("/").content.decode()
    notice = crisis_blocks(html)[0]
    expected = {
        "fi": "Jos ajattelet elämäsi päättämistä tai olet välittömässä vaarassa, soita 112.",
        "sv": "Om du tänker på att ta ditt liv eller är i omedelbar fara, ring 112.",
        "en": "If you are thinking of ending your life or are in immediate danger, call 112.",
    }[language]
    assert notice == expected
