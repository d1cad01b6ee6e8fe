"""A server-rendered SVG bar chart of one rate per group (readable without colour: every bar has
its value written beside it, and the page shows the same numbers in a table)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from porras.lib import numbers

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 230
BAR_WIDTH = 360
VALUE_WIDTH = 110


def bar_chart_svg(
    rows: Sequence[tuple[str, float | None]], *, title: str, suppressed_text: str, limit: int = 40
) -> str:
    """``rows`` of (group label, rate 0..1 or None) -> an accessible SVG document fragment."""
    shown = list(rows)[:limit]
    height = max(1, len(shown)) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">{escape(title)}</title>',
    ]
    for i, (label, value) in enumerate(shown):
        y = GAP + i * (BAR_HEIGHT + GAP)
        text_y = y + BAR_HEIGHT * 0.7
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{text_y:.1f}" text-anchor="end">{escape(label)}</text>')
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" '
            'fill="none" stroke="currentColor" stroke-width="1"/>'
        )
        if value is None:
            parts.append(f'<text x="{LABEL_WIDTH + 8}" y="{text_y:.1f}">{escape(suppressed_text)}</text>')
            continue
        bar = max(0.0, min(1.0, value)) * BAR_WIDTH
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{bar:.1f}" height="{BAR_HEIGHT}" fill="currentColor"/>'
        )
        parts.append(f'<text x="{LABEL_WIDTH + BAR_WIDTH + 8}" y="{text_y:.1f}">{escape(numbers.percent(value, 1))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def group_label(group: dict[str, Any], keys: Sequence[str], everyone: str) -> str:
    if not keys:
        return everyone
    return " · ".join("–" if group[k] is None else str(group[k]) for k in keys)
