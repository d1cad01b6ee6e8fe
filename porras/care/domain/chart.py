"""A progress chart as server-rendered SVG: scores by session against the caseness line and the
reliable-change band around the first score. No script; readable without colour: points at or
above caseness are filled squares, below are open circles, every point carries its value, lines
differ by dash pattern, the band is hatched, and a legend in words explains each mark.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class ChartPoint:
    label: str  # session label on the x axis, e.g. "1"
    total: float


@dataclass(frozen=True)
class ChartTexts:
    title: str
    description: str
    x_axis: str
    y_axis: str
    caseness: str  # e.g. "Caseness (10)"
    band: str  # e.g. "Reliable change ±6 from the first score"
    at_or_above: str  # legend: filled square
    below: str  # legend: open circle


WIDTH, HEIGHT = 520, 400
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 20, 152
LEGEND_LINE = 20


def _fmt(value: float) -> str:
    """Plain digits with a decimal point; the UI passes the user's language's own (``number``)."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def progress_chart_svg(
    chart_id: str,
    points: list[ChartPoint],
    score_min: float,
    score_max: float,
    caseness: float | None,
    reliable_change: float | None,
    texts: ChartTexts,
    number: Callable[[float], str] = _fmt,
) -> str:
    """The chart as an ``<svg>`` element (text; every piece of text escaped). ``number`` writes the
    values and axis ticks (12,5 in Finnish: the caller passes the user's language's formatter)."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    span = (score_max - score_min) or 1.0

    def y(value: float) -> float:
        clamped = min(max(value, score_min), score_max)
        return TOP + plot_h - (clamped - score_min) / span * plot_h

    def x(index: int) -> float:
        if len(points) <= 1:
            return LEFT + plot_w / 2
        return LEFT + 20 + index * (plot_w - 40) / (len(points) - 1)

    e = escape
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{e(chart_id)}-title {e(chart_id)}-desc" class="progress-chart" '
        f'font-family="system-ui, sans-serif" font-size="15">',
        f'<title id="{e(chart_id)}-title">{e(texts.title)}</title>',
        f'<desc id="{e(chart_id)}-desc">{e(texts.description)}</desc>',
        f'<defs><pattern id="{e(chart_id)}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" stroke="#4a5360" stroke-width="1.5"/>'
        f'</pattern></defs>',
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#ffffff" stroke="#1b1f24"/>',
    ]
    # y axis ticks: about five, on whole numbers
    step = max(1, round(span / 5))
    tick = score_min
    while tick <= score_max:
        ty = y(tick)
        out.append(f'<line x1="{LEFT - 4}" y1="{ty:.1f}" x2="{LEFT}" y2="{ty:.1f}" stroke="#1b1f24"/>')
        out.append(f'<text x="{LEFT - 8}" y="{ty + 4:.1f}" text-anchor="end" fill="#1b1f24">{escape(number(tick))}</text>')
        tick += step
    out.append(
        f'<text x="14" y="{TOP + plot_h / 2:.1f}" transform="rotate(-90 14 {TOP + plot_h / 2:.1f})" '
        f'text-anchor="middle" fill="#1b1f24">{e(texts.y_axis)}</text>'
    )
    out.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{TOP + plot_h + 36}" text-anchor="middle" fill="#1b1f24">'
        f'{e(texts.x_axis)}</text>'
    )
    if points and reliable_change is not None:
        first = points[0].total
        top, bottom = y(first + reliable_change), y(first - reliable_change)
        out.append(
            f'<rect x="{LEFT}" y="{top:.1f}" width="{plot_w}" height="{bottom - top:.1f}" '
            f'fill="url(#{e(chart_id)}-hatch)" fill-opacity="0.35" stroke="#4a5360" stroke-dasharray="2 3"/>'
        )
    if caseness is not None:
        cy = y(caseness)
        out.append(
            f'<line x1="{LEFT}" y1="{cy:.1f}" x2="{LEFT + plot_w}" y2="{cy:.1f}" stroke="#a4161a" '
            f'stroke-width="2.5" stroke-dasharray="10 5"/>'
        )
        out.append(
            f'<text x="{LEFT + plot_w - 6}" y="{cy - 6:.1f}" text-anchor="end" fill="#a4161a" '
            f'font-weight="700">{e(texts.caseness)}</text>'
        )
    if len(points) > 1:
        path = " ".join(f"{x(i):.1f},{y(p.total):.1f}" for i, p in enumerate(points))
        out.append(f'<polyline points="{path}" fill="none" stroke="#0b4f8a" stroke-width="2.5"/>')
    for i, p in enumerate(points):
        px, py = x(i), y(p.total)
        high = caseness is not None and p.total >= caseness
        if high:
            out.append(f'<rect x="{px - 6:.1f}" y="{py - 6:.1f}" width="12" height="12" fill="#0b4f8a" '
                       f'stroke="#0b4f8a" stroke-width="2"/>')
        else:
            out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="6" fill="#ffffff" stroke="#0b4f8a" stroke-width="2.5"/>')
        out.append(f'<text x="{px:.1f}" y="{py - 11:.1f}" text-anchor="middle" fill="#1b1f24" '
                   f'font-weight="700">{escape(number(p.total))}</text>')
        out.append(f'<text x="{px:.1f}" y="{TOP + plot_h + 18}" text-anchor="middle" fill="#1b1f24">{e(p.label)}</text>')
    # legend, in words: one entry per line so that long translations fit
    ly = TOP + plot_h + 62
    out.append(f'<rect x="{LEFT}" y="{ly - 10}" width="11" height="11" fill="#0b4f8a"/>')
    out.append(f'<text x="{LEFT + 20}" y="{ly}" fill="#1b1f24">{e(texts.at_or_above)}</text>')
    ly += LEGEND_LINE
    out.append(f'<circle cx="{LEFT + 5.5}" cy="{ly - 4.5}" r="5" fill="#ffffff" stroke="#0b4f8a" stroke-width="2"/>')
    out.append(f'<text x="{LEFT + 20}" y="{ly}" fill="#1b1f24">{e(texts.below)}</text>')
    if caseness is not None:
        ly += LEGEND_LINE
        out.append(f'<line x1="{LEFT}" y1="{ly - 4.5}" x2="{LEFT + 14}" y2="{ly - 4.5}" stroke="#a4161a" '
                   f'stroke-width="2.5" stroke-dasharray="5 3"/>')
        out.append(f'<text x="{LEFT + 20}" y="{ly}" fill="#1b1f24">{e(texts.caseness)}</text>')
    if reliable_change is not None and points:
        ly += LEGEND_LINE
        out.append(f'<rect x="{LEFT}" y="{ly - 10}" width="14" height="11" fill="url(#{e(chart_id)}-hatch)" '
                   f'stroke="#4a5360"/>')
        out.append(f'<text x="{LEFT + 20}" y="{ly}" fill="#1b1f24">{e(texts.band)}</text>')
    out.append("</svg>")
    return "".join(out)
