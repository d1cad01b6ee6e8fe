"""A crisis number wrapped at 390 px ("09" on one line, "2525 0112" on the next; "116" / "111") reads as two
numbers. Every crisis number shown on the site sits in an element that does not wrap: the footer of every page
and the crisis boxes of the navigator and of the self-care programmes."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from django.template.loader import render_to_string
from django.test import Client

import porras.web

CONTACTS = [{"name": "Kriisipuhelin", "phone": "09 2525 0111", "description": "Ympäri vuorokauden."},
            {"name": "Lasten ja nuorten puhelin", "phone": "116 111", "description": "MLL."}]


def _unbroken(html: str) -> list[str]:
    """The phone numbers of the tel: links, each only if it sits in a .phone element."""
    return re.findall(r'class="phone"[^>]*>([^<]+)<', html)


def test_the_porras_stylesheet_keeps_a_phone_number_on_one_line() -> None:
    css = (Path(porras.web.__file__).parent / "static" / "web" / "porras.css").read_text()
    assert re.search(r"\.phone\s*\{\s*white-space:\s*nowrap;", css)


def test_the_footer_s_crisis_numbers_do_not_wrap(db: Any) -> None:
    html = Client().get("/").content.decode()
    footer = html[html.index("<footer"):]
    numbers = re.findall(r'href="tel:[^"]+">([^<]+)<', footer)
    assert numbers and _unbroken(footer) == numbers


def test_the_navigator_s_crisis_box_numbers_do_not_wrap() -> None:
    html = render_to_string("navigator/_crisis.html", {"result": SimpleNamespace(crisis_contacts=CONTACTS)})
    assert _unbroken(html) == ["09 2525 0111", "116 111"]


def test_the_self_care_crisis_box_numbers_do_not_wrap() -> None:
    html = render_to_string("selfcare/_crisis.html", {"crisis_contacts": CONTACTS})
    assert _unbroken(html) == ["09 2525 0111", "116 111"]
