"""The progress chart SVG: readable without colour, with the caseness line and reliable-change band."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from porras.care.domain.chart import ChartPoint, ChartTexts, progress_chart_svg

NS = "{http://www.w3.org/2000/svg}"
TEXTS = ChartTexts("PHQ-9 by session", "Totals 1: 18, 2: 12, 3: 8", "Session", "Total score", "Caseness 10",
                   "Reliable change ±6 from the first score", "At or above caseness", "Below caseness")


def _chart(points: list[float], caseness: float | None = 10, rc: float | None = 6) -> ET.Element:
    svg = progress_chart_svg("c", [ChartPoint(str(i + 1), v) for i, v in enumerate(points)], 0, 27, caseness, rc,
                             TEXTS)
    return ET.fromstring(svg)


def test_it_is_an_image_with_a_title_and_a_description() -> None:
    root = _chart([18, 12, 8])
    assert root.get("role") == "img"
    assert root.find(f"{NS}title").text == "PHQ-9 by session"
    assert root.find(f"{NS}desc").text.startswith("Totals")


def test_points_at_or_above_caseness_are_squares_and_below_are_circles() -> None:
    root = _chart([18, 10, 8])
    squares = [r for r in root.iter(f"{NS}rect") if r.get("width") == "12"]
    circles = [c for c in root.iter(f"{NS}circle") if c.get("r") == "6"]
    assert len(squares) == 2 and len(circles) == 1


def test_every_point_carries_its_value_as_text() -> None:
    texts = [t.text for t in _chart([18, 12, 8]).iter(f"{NS}text")]
    for value in ("18", "12", "8"):
        assert value in texts


def test_the_caseness_line_is_dashed_and_labelled() -> None:
    root = _chart([18, 12])
    dashed = [line for line in root.iter(f"{NS}line") if line.get("stroke-dasharray") == "10 5"]
    assert len(dashed) == 1
    # y of a 10 on 0..27 in a plot 228 px high starting at 20: 20 + 228 - 10/27*228
    assert abs(float(dashed[0].get("y1")) - (20 + 228 - 10 / 27 * 228)) < 0.1
    assert "Caseness 10" in [t.text for t in root.iter(f"{NS}text")]


def test_the_reliable_change_band_spans_the_first_score_plus_and_minus_the_threshold() -> None:
    root = _chart([18, 12])
    band = next(r for r in root.iter(f"{NS}rect") if (r.get("fill") or "").startswith("url(#c-hatch)")
                and r.get("stroke-dasharray"))
    top = 20 + 228 - 24 / 27 * 228
    bottom = 20 + 228 - 12 / 27 * 228
    assert abs(float(band.get("y")) - top) < 0.1
    assert abs(float(band.get("height")) - (bottom - top)) < 0.2


def test_text_is_escaped() -> None:
    texts = ChartTexts("<b>", "&", "x", "y", "c", "b", "a", "b")
    svg = progress_chart_svg("c", [ChartPoint("<1>", 3)], 0, 27, None, None, texts)
    assert "<b>" not in svg and "&lt;1&gt;" in svg
    ET.fromstring(svg)


def test_without_thresholds_there_is_no_line_and_no_band() -> None:
    root = _chart([5, 6], caseness=None, rc=None)
    assert not [line for line in root.iter(f"{NS}line") if line.get("stroke-dasharray")]
