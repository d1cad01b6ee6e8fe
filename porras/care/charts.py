"""Progress charts for the UI: the domain's SVG with translated texts, plus the data table rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from porras.care.domain.chart import ChartPoint, ChartTexts, progress_chart_svg
from porras.care.models import Measurement
from porras.care.services import series_by_instrument
from porras.instruments.domain import classify_change
from porras.lib import numbers


@dataclass
class ChartRow:
    session: int
    date: Any
    total: str
    at_caseness: bool | None
    change: str
    risk: bool


@dataclass
class Chart:
    instrument: str
    name: str
    svg: SafeString
    rows: list[ChartRow]
    caseness: float | None
    reliable_change: float | None


def _num(value: float | None) -> str:
    """A score as the user's language writes it, at most one decimal (a prorated 11,1)."""
    return numbers.number(value, most=1)


def instrument_charts(measurements: Iterable[Measurement], language: str) -> list[Chart]:
    change_text = {
        "reliable_improvement": _("reliable improvement"),
        "reliable_deterioration": _("reliable deterioration"),
        "no_reliable_change": _("no reliable change"),
    }
    charts: list[Chart] = []
    for series in series_by_instrument(measurements, language):
        items = series.measurements
        first = items[0].total
        rows = []
        for i, m in enumerate(items, start=1):
            change = "" if i == 1 else change_text.get(classify_change(series.instrument, first, m.total) or "", "")
            rows.append(ChartRow(i, m.date, _num(m.total), m.caseness, change,
                                 any(f for f in m.risk_flags.all())))
        texts = ChartTexts(
            title=_("%(name)s by session") % {"name": series.name},
            description=_("Totals by session: %(values)s. Caseness at %(caseness)s; reliable change %(rc)s points.")
            % {"values": "; ".join(f"{r.session}: {r.total}" for r in rows),
               "caseness": _num(series.caseness) or "—", "rc": _num(series.reliable_change) or "—"},
            x_axis=_("Session"),
            y_axis=_("Total score"),
            caseness=_("Caseness %(value)s") % {"value": _num(series.caseness)},
            band=_("Reliable change ±%(value)s from the first score") % {"value": _num(series.reliable_change)},
            at_or_above=_("At or above caseness"),
            below=_("Below caseness"),
        )
        svg = progress_chart_svg(
            f"chart-{series.instrument}", [ChartPoint(str(r.session), m.total) for r, m in zip(rows, items, strict=True)],
            series.score_min, series.score_max, series.caseness, series.reliable_change, texts, _num,
        )
        charts.append(Chart(series.instrument, series.name, mark_safe(svg), rows,  # noqa: S308 - every text escaped
                            series.caseness, series.reliable_change))
    return charts
