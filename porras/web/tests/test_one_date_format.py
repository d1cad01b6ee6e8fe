"""Dates read the same on every page and in every language: 5.3.2026 (porras/web/formats). Templates
name a format (``SHORT_DATE_FORMAT``, ``DATETIME_FORMAT``) and never write a pattern of their own."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

PORRAS = Path(__file__).resolve().parents[2]
_PATTERN = re.compile(r"""\|date:["']([^"']*)["']""")
NAMED = {"SHORT_DATE_FORMAT", "DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"}


def test_no_template_writes_a_date_pattern_of_its_own() -> None:
    own = [f"{path.relative_to(PORRAS)}: {fmt}" for path in PORRAS.rglob("*.html")
           for fmt in _PATTERN.findall(path.read_text(encoding="utf-8")) if fmt not in NAMED]
    assert own == [], "use |date:\"SHORT_DATE_FORMAT\" (or DATETIME_FORMAT): " + ", ".join(own)


def test_a_date_reads_the_same_in_finnish_swedish_and_english() -> None:
    template = Template('{{ day|date:"SHORT_DATE_FORMAT" }} {{ day|date }} {{ moment|date:"DATETIME_FORMAT" }}')
    context = Context({"day": dt.date(2026, 3, 5), "moment": dt.datetime(2026, 3, 5, 14, 30)})
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            assert template.render(context) == "5.3.2026 5.3.2026 5.3.2026 14.30", language
