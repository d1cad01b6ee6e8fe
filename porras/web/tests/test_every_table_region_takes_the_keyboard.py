"""A table that may scroll sideways on a phone sits in a region the keyboard can reach and a screen
reader can name (axe: scrollable-region-focusable): every ``table-wrap`` of every template carries
``tabindex="0"``, ``role="region"`` and an ``aria-label``."""

from __future__ import annotations

import re
from pathlib import Path

PORRAS = Path(__file__).resolve().parents[2]
WRAP = re.compile(r"<div[^>]*class=\"table-wrap\"[^>]*>")


def test_every_table_wrapper_is_a_named_region_the_keyboard_reaches() -> None:
    bare = []
    for template in PORRAS.rglob("templates/**/*.html"):
        for tag in WRAP.findall(template.read_text(encoding="utf-8")):
            if not all(part in tag for part in ('tabindex="0"', 'role="region"', "aria-label=")):
                bare.append(f"{template.relative_to(PORRAS)}: {tag}")
    assert bare == []
