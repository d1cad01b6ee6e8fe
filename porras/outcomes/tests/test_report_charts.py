"""The report charts are SVG with a title and a description, draw only what the report publishes, and
keep their axes round."""

from __future__ import annotations

import pytest
from django.utils import translation

from porras.outcomes import charts
from porras.outcomes.domain.funnel import Position, curve


@pytest.mark.parametrize(("value", "end"), [(3076, 4000), (1050, 1200), (9, 10), (0.7, 0.8), (101, 120)])
def test_axes_end_on_round_numbers(value: float, end: float) -> None:
    assert charts.nice_ceiling(value) == pytest.approx(end)


def test_a_funnel_has_its_title_description_limits_and_numbered_marks() -> None:
    points = [
        charts.FunnelPoint(1, "Yksikkö <A>", 100, 0.62, Position.ABOVE_95),
        charts.FunnelPoint(2, "Yksikkö B", 400, 0.5, Position.WITHIN),
    ]
    with translation.override("fi"):
        svg = charts.funnel_svg("f", points, 0.5, curve(0.5, 10, 500), title="Toipumisosuus", description="Kuvaus")
    assert svg.startswith("<svg") and 'aria-labelledby="f-title f-desc"' in svg
    assert '<title id="f-title">Toipumisosuus</title>' in svg and '<desc id="f-desc">Kuvaus</desc>' in svg
    assert "Yksikkö &lt;A&gt;" in svg and "<A>" not in svg  # names are escaped
    assert svg.count("<polyline") == 4  # two 95 % and two 99.8 % limit lines
    assert svg.count('stroke-dasharray="6 4"') == 2 and svg.count('stroke-dasharray="2 3"') == 2
    assert ">1</text>" in svg and ">2</text>" in svg
    assert "62\u00a0%" in svg  # the mark's title in Finnish


def test_a_trend_breaks_at_a_withheld_period_and_draws_no_mark_for_it() -> None:
    points = [("1/2025", 0.4), ("2/2025", None), ("3/2025", 0.5), ("4/2025", 0.45)]
    svg = charts.trend_chart_svg("t", points, title="T", description="D", rate=True,
                                 fmt=lambda v: f"{v:.2f}", axis_fmt=lambda v: f"{v:.1f}",
                                 axis_labels=["2025", "", "", ""])
    assert svg.count("<polyline") == 2  # one mark alone, then a line of two
    assert svg.count("<circle") == 3
    assert "2/2025" not in svg  # the withheld period has a tick but no mark and no value


def test_bars_say_withheld_instead_of_drawing_a_bar() -> None:
    svg = charts.bar_chart_svg("b", [("A", 0.5), ("B", None)], title="T", description="D", withheld_text="piilotettu")
    assert "piilotettu" in svg and svg.count('fill="currentColor"') == 1
