"""Server-rendered SVG chart of a service's fidelity totals over time (no JavaScript, no Django).

The chart shades the four bands of the scale (edges read from the scale's data file), draws the
totals as a line with a labelled point per review, and carries a title and description for screen
readers; the page shows the same numbers in a table beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from html import escape

from porras.ips.domain.fidelity import FidelityPoint, FidelityScale, load_fidelity_scale

WIDTH = 800
HEIGHT = 300
MARGIN_LEFT = 48
MARGIN_RIGHT = 310  # room for the band legend to the right of the plot
PAD_X = 36  # keeps the first and last point (and their date labels) inside the plot
MARGIN_TOP = 16
MARGIN_BOTTOM = 40

# Band fills chosen for contrast with the dark line; the band is also named in text on the chart.
BAND_FILL = {"exemplary": "#d9f2e3", "good": "#e6f0fa", "fair": "#fff4d6", "not_ips": "#fbe3e3"}


def _x(day: date, first: date, last: date) -> float:
    span = (last - first).days or 1
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT - 2 * PAD_X
    if first == last:
        return MARGIN_LEFT + PAD_X + plot_width / 2
    return MARGIN_LEFT + PAD_X + plot_width * (day - first).days / span


def _y(total: float, scale: FidelityScale) -> float:
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    low, high = scale.total_min, scale.total_max
    return MARGIN_TOP + plot_height * (high - total) / (high - low)


def fidelity_history_svg(
    points: Sequence[FidelityPoint],
    *,
    title: str,
    description: str,
    band_labels: Mapping[str, str] | None = None,
    scale: FidelityScale | None = None,
    day_label: Callable[[date], str] = date.isoformat,
) -> str:
    """An accessible SVG line chart of the points (already in date order). ``day_label`` writes the
    review dates under the points (the page passes the site's one date format: 5.3.2026)."""
    scale = scale or load_fidelity_scale()
    labels = band_labels or {band.code: band.label["en"] for band in scale.bands}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="fidelity-chart-title fidelity-chart-desc" class="fidelity-chart">',
        f'<title id="fidelity-chart-title">{escape(title)}</title>',
        f'<desc id="fidelity-chart-desc">{escape(description)}</desc>',
    ]
    for band in scale.bands:
        top = _y(band.maximum + 0.5 if band.maximum < scale.total_max else band.maximum, scale)
        bottom = _y(band.minimum - 0.5 if band.minimum > scale.total_min else band.minimum, scale)
        parts.append(
            f'<rect x="{MARGIN_LEFT}" y="{top:.1f}" width="{WIDTH - MARGIN_LEFT - MARGIN_RIGHT}" '
            f'height="{bottom - top:.1f}" fill="{BAND_FILL.get(band.code, "#eeeeee")}"/>'
        )
        middle = (top + bottom) / 2
        parts.append(
            f'<rect x="{WIDTH - MARGIN_RIGHT + 8}" y="{middle - 6:.1f}" width="12" height="12" '
            f'fill="{BAND_FILL.get(band.code, "#eeeeee")}" stroke="#555555"/>'
        )
        parts.append(
            f'<text x="{WIDTH - MARGIN_RIGHT + 26}" y="{middle + 4:.1f}" font-size="11" '
            f'fill="#333333">{escape(labels.get(band.code, band.code))} '
            f"({band.minimum}–{band.maximum})</text>"
        )
    for tick in (scale.total_min, 50, 75, 100, scale.total_max):
        y = _y(tick, scale)
        parts.append(
            f'<text x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#333333">{tick}</text>'
        )
    parts.append(
        f'<line x1="{MARGIN_LEFT}" y1="{HEIGHT - MARGIN_BOTTOM}" x2="{WIDTH - MARGIN_RIGHT}" '
        f'y2="{HEIGHT - MARGIN_BOTTOM}" stroke="#333333"/>'
    )
    if points:
        first, last = points[0].review_date, points[-1].review_date
        coords = [(_x(p.review_date, first, last), _y(p.total, scale)) for p in points]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(f'<polyline points="{path}" fill="none" stroke="#1a3d6d" stroke-width="2"/>')
        for point, (x, y) in zip(points, coords, strict=True):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#1a3d6d"/>')
            parts.append(
                f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" font-size="11" '
                f'fill="#111111">{point.total}</text>'
            )
            parts.append(
                f'<text x="{x:.1f}" y="{HEIGHT - MARGIN_BOTTOM + 16}" text-anchor="middle" font-size="11" '
                f'fill="#333333">{escape(day_label(point.review_date))}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
