"""Server-rendered SVG charts of the reports: bars of one measure per group, a trend over periods and
a funnel plot. No script and no chart library. Each chart has a title and a description
(``aria-labelledby``), the page shows the same numbers in a table beside it, and each is drawn 400
units wide with 13-unit text, so that it stays readable when a phone scales it to its width. Marks
differ by shape and dash pattern, not by colour alone; every value is written out or in a ``<title>``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from porras.lib import numbers
from porras.outcomes.domain.funnel import Limits, Position

WIDTH = 400
FONT = 13
Formatter = Callable[[float], str]


def _open(chart_id: str, height: float, title: str, description: str, css: str) -> list[str]:
    e = escape
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart {css}" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'role="img" aria-labelledby="{e(chart_id)}-title {e(chart_id)}-desc" '
        f'font-family="system-ui, sans-serif" font-size="{FONT}">',
        f'<title id="{e(chart_id)}-title">{e(title)}</title>',
        f'<desc id="{e(chart_id)}-desc">{e(description)}</desc>',
    ]


def _shorten(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


# --- bars -------------------------------------------------------------------------------------

ROW = 44
BAR_X, BAR_W, BAR_H = 4, 290, 16


def bar_chart_svg(
    chart_id: str,
    rows: Sequence[tuple[str, float | None]],
    *,
    title: str,
    description: str,
    withheld_text: str,
    scale_max: float = 1.0,
    fmt: Formatter = lambda v: numbers.percent(v, 0),
    limit: int = 40,
) -> str:
    """``rows`` of (group label, value or None) -> bars: each label on its own line above its bar,
    the value written after the bar (so a long name never squeezes the bar on a phone)."""
    shown = list(rows)[:limit]
    height = max(1, len(shown)) * ROW + 6
    out = _open(chart_id, height, title, description, "bar-chart")
    top = scale_max or 1.0
    for i, (label, value) in enumerate(shown):
        y = 6 + i * ROW
        out.append(f'<text x="{BAR_X}" y="{y + 12}">{escape(_shorten(label, 58))}</text>')
        bar_y = y + 18
        out.append(
            f'<rect x="{BAR_X}" y="{bar_y}" width="{BAR_W}" height="{BAR_H}" fill="none" stroke="currentColor"/>'
        )
        if value is None:
            out.append(f'<text x="{BAR_X + 6}" y="{bar_y + 12}">{escape(withheld_text)}</text>')
            continue
        width = max(0.0, min(1.0, value / top)) * BAR_W
        out.append(f'<rect x="{BAR_X}" y="{bar_y}" width="{width:.1f}" height="{BAR_H}" fill="currentColor"/>')
        out.append(f'<text x="{BAR_X + BAR_W + 8}" y="{bar_y + 12}">{escape(fmt(value))}</text>')
    out.append("</svg>")
    return "".join(out)


# --- axes -------------------------------------------------------------------------------------

LEFT, RIGHT, TOP = 52, 14, 14


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten at or above ``value``
    (an axis end that divides into four round ticks)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover


# --- trend ------------------------------------------------------------------------------------

TREND_HEIGHT, TREND_BOTTOM = 250, 40


def trend_chart_svg(
    chart_id: str,
    points: Sequence[tuple[str, float | None]],
    *,
    title: str,
    description: str,
    rate: bool,
    fmt: Formatter,
    axis_fmt: Formatter,
    axis_labels: Sequence[str] | None = None,
) -> str:
    """A line over periods (``points`` of (period label, value or None)); a withheld value breaks
    the line. Every period has a tick; ``axis_labels`` (one per point, most of them empty) name some
    of them - the year where one begins - so the axis stays legible on a phone. ``rate``: the y axis
    spans the rates shown in steps of 10 %; else it runs from 0 to a round number above the largest."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = TREND_HEIGHT - TOP - TREND_BOTTOM
    values = [v for _, v in points if v is not None]
    if rate:
        bottom = max(0.0, math.floor((min(values, default=0.0) - 0.05) * 10) / 10)
        top = min(1.0, math.ceil((max(values, default=1.0) + 0.05) * 10) / 10)
        step = 0.1 if top - bottom <= 0.6 else 0.2
    else:
        bottom, top = 0.0, nice_ceiling(max(values, default=1.0))
        step = top / 4
    span = (top - bottom) or 1.0
    out = _open(chart_id, TREND_HEIGHT, title, description, "trend-chart")

    def y(v: float) -> float:
        return TOP + plot_h - max(0.0, min(1.0, (v - bottom) / span)) * plot_h

    def x(i: int) -> float:
        return LEFT + (plot_w / 2 if len(points) <= 1 else 8 + i * (plot_w - 16) / (len(points) - 1))

    ticks = round(span / step)
    for k in range(ticks + 1):
        v = bottom + k * step
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#c9d0d9"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{escape(axis_fmt(v))}</text>')
    base = TOP + plot_h
    out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{base}" y2="{base}" stroke="currentColor"/>')
    labels = list(axis_labels) if axis_labels is not None else [label for label, _ in points]
    for i, label in enumerate(labels):
        out.append(f'<line x1="{x(i):.1f}" x2="{x(i):.1f}" y1="{base}" y2="{base + (8 if label else 4)}" stroke="currentColor"/>')
        if label:
            out.append(f'<text x="{x(i):.1f}" y="{base + 22}" text-anchor="start">{escape(label)}</text>')
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, (_, value) in enumerate(points):
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(value):.1f}")
    if segment:
        segments.append(segment)
    for seg in segments:
        out.append(f'<polyline points="{" ".join(seg)}" fill="none" stroke="currentColor" stroke-width="2"/>')
    for i, (label, value) in enumerate(points):
        if value is None:
            continue
        out.append(
            f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="3.5" fill="currentColor">'
            f"<title>{escape(label)}: {escape(fmt(value))}</title></circle>"
        )
    out.append("</svg>")
    return "".join(out)


# --- funnel -----------------------------------------------------------------------------------

FUNNEL_HEIGHT, FUNNEL_BOTTOM = 300, 44


@dataclass(frozen=True)
class FunnelPoint:
    number: int  # written beside the mark; the table beside the chart has the same number
    label: str
    n: float
    rate: float
    position: Position


def funnel_x_max(points: Sequence[FunnelPoint]) -> float:
    """The end of the funnel's x axis: a round number a little above the largest group."""
    return nice_ceiling(max([p.n for p in points] + [1.0]) * 1.05)


def funnel_svg(
    chart_id: str,
    points: Sequence[FunnelPoint],
    target: float,
    lines: Sequence[Limits],
    *,
    title: str,
    description: str,
) -> str:
    """Rates (y) against group sizes (x) with the target line, the 95 % limits dashed and the 99.8 %
    limits dotted. Inside the limits: open circles; outside the 95 %: filled circles; outside the
    99.8 %: filled squares. Each mark has its number beside it (the table's numbers) and its name,
    rate and size in its ``<title>``."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = FUNNEL_HEIGHT - TOP - FUNNEL_BOTTOM
    x_max = funnel_x_max(points)
    shown = [p.rate for p in points] + [target]
    smallest = min((p.n for p in points), default=1.0)
    shown += [v for lim in lines if lim.n >= 0.5 * smallest for v in (lim.lower_998, lim.upper_998)]
    y_lo = max(0.0, math.floor((min(shown) - 0.02) * 10) / 10)
    y_hi = min(1.0, math.ceil((max(shown) + 0.02) * 10) / 10)
    if y_hi - y_lo < 0.2:
        y_lo, y_hi = max(0.0, y_lo - 0.1), min(1.0, y_hi + 0.1)
    out = _open(chart_id, FUNNEL_HEIGHT, title, description, "funnel-chart")
    out.append(
        f'<defs><clipPath id="{escape(chart_id)}-plot"><rect x="{LEFT}" y="{TOP}" width="{plot_w}" '
        f'height="{plot_h}"/></clipPath></defs>'
    )

    def x(n: float) -> float:
        return LEFT + max(0.0, min(1.0, n / x_max)) * plot_w

    def y(v: float) -> float:
        return TOP + plot_h - (min(max(v, y_lo), y_hi) - y_lo) / (y_hi - y_lo) * plot_h

    steps = round((y_hi - y_lo) / 0.1)
    stride = 1 if steps <= 6 else 2
    for k in range(0, steps + 1, stride):
        v = y_lo + k * 0.1
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#c9d0d9"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{escape(numbers.percent(v, 0))}</text>')
    for k in range(5):
        n = x_max * k / 4
        anchor = "start" if k == 0 else "end" if k == 4 else "middle"
        out.append(
            f'<text x="{x(n):.1f}" y="{TOP + plot_h + 18}" text-anchor="{anchor}">{escape(numbers.number(n, 0))}</text>'
        )
    out.append(
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="currentColor"/>'
    )
    clip = f'clip-path="url(#{escape(chart_id)}-plot)"'
    out.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(target):.1f}" y2="{y(target):.1f}" '
        f'stroke="currentColor" stroke-width="1.5"/>'
    )
    for attr, dash in (("95", "6 4"), ("998", "2 3")):
        for side in ("lower", "upper"):
            coords = " ".join(f"{x(lim.n):.1f},{y(getattr(lim, f'{side}_{attr}')):.1f}" for lim in lines)
            out.append(
                f'<polyline points="{coords}" fill="none" stroke="currentColor" stroke-width="1.2" '
                f'stroke-dasharray="{dash}" {clip}/>'
            )
    for p in points:
        px, py = x(p.n), y(p.rate)
        tip = f"<title>{escape(p.label)}: {escape(numbers.percent(p.rate, 0))}, n = {escape(numbers.number(p.n, 0))}</title>"
        if p.position in (Position.ABOVE_998, Position.BELOW_998):
            out.append(f'<rect x="{px - 4.5:.1f}" y="{py - 4.5:.1f}" width="9" height="9" fill="currentColor">{tip}</rect>')
        elif p.position in (Position.ABOVE_95, Position.BELOW_95):
            out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4.5" fill="currentColor">{tip}</circle>')
        else:
            out.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4.5" fill="#ffffff" stroke="currentColor" stroke-width="1.5">{tip}</circle>'
            )
        out.append(f'<text x="{px + 7:.1f}" y="{py - 5:.1f}" font-size="12">{p.number}</text>')
    out.append("</svg>")
    return "".join(out)
