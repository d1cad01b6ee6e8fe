"""Numbers read as the user's language writes them: a decimal comma and a space between thousands in
Finnish and Swedish (12,5; 12 345; 45,5 %), a decimal point in English (12.5; 12,345; 45.5%), on every
page that uses ``porras.lib.numbers`` or the ``porras_format`` template filters."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from porras.lib.numbers import number, percent

NBSP = "\u00a0"
EXPECTED = {
    "fi": {"half": "12,5", "grouped": f"12{NBSP}345", "rate": f"45,5{NBSP}%", "prorated": "11,1", "rounded": "12,3"},
    "sv": {"half": "12,5", "grouped": f"12{NBSP}345", "rate": f"45,5{NBSP}%", "prorated": "11,1", "rounded": "12,3"},
    "en": {"half": "12.5", "grouped": "12,345", "rate": "45.5%", "prorated": "11.1", "rounded": "12.3"},
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_number_is_written_as_the_language_writes_it(language: str) -> None:
    expected = EXPECTED[language]
    with translation.override(language):
        assert number(12.5) == expected["half"]
        assert number(12345) == expected["grouped"]
        assert percent(0.455, 1) == expected["rate"]
        assert number(100 / 9, most=1) == expected["prorated"]
        assert number(12.25, 1) == expected["rounded"]  # half up, as people round


def test_whole_numbers_and_short_ones_stay_plain() -> None:
    with translation.override("fi"):
        assert number(14.0) == "14"
        assert number(1000) == "1000"  # four digits are not grouped (Kielitoimisto)
        assert number(-0.0001) == "0"
        assert number(None) == ""
        assert number("–") == "–"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_templates_have_the_same_numbers_through_the_filters(language: str) -> None:
    template = Template("{% load porras_format %}{{ a|number }} {{ b|number }} {{ r|percent:1 }} {{ s|score }}")
    with translation.override(language):
        rendered = template.render(Context({"a": 12.5, "b": 12345, "r": 0.455, "s": 100 / 9}))
    expected = EXPECTED[language]
    assert rendered == f"{expected['half']} {expected['grouped']} {expected['rate']} {expected['prorated']}"
