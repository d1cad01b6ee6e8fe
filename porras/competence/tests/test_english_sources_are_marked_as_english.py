"""The source citations of the method cards and of the capacity page are written in English only (beside the
data they source): on a Finnish or Swedish page each is marked ``lang="en"`` so that a screen reader reads it in
English (WCAG 3.1.2, language of parts)."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.test import Client


def _citations(html: str) -> list[str]:
    return re.findall(r'<li( lang="en")?><code>[^<]+</code>:', html)


def test_a_method_card_s_sources_on_a_swedish_page_are_marked_as_english(db: Any) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    html = client.get("/competence/methods/cool_kids/").content.decode()
    assert '<html lang="sv"' in html
    citations = _citations(html)
    assert citations and all(citations)


def test_the_capacity_page_s_sources_on_a_finnish_page_are_marked_as_english(cast: Any) -> None:
    client = Client()
    client.force_login(cast.county_analyst)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"
    html = client.get("/competence/capacity/", {"area": "helsinki"}).content.decode()
    assert '<html lang="fi"' in html
    citations = _citations(html)
    assert citations and all(citations)
    assert '<li lang="en">Act on Organising Health and Social Services' in html
