from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from porras.ips.charts import fidelity_history_svg
from porras.ips.domain.fidelity import FidelityPoint

SVG = "{http://www.w3.org/2000/svg}"


def _chart(points: list[FidelityPoint]) -> ET.Element:
    return ET.fromstring(
        fidelity_history_svg(points, title="Fidelity <Tampere>", description="Totals over time")
    )


def test_the_chart_is_an_accessible_image_with_title_and_description() -> None:
    root = _chart([])
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Fidelity <Tampere>"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").text == "Totals over time"  # type: ignore[union-attr]


def test_it_draws_one_labelled_point_per_review_and_a_line_between_them() -> None:
    points = [
        FidelityPoint("s", date(2021, 5, 1), 80, "fair"),
        FidelityPoint("s", date(2022, 5, 1), 101, "good"),
        FidelityPoint("s", date(2023, 5, 1), 116, "exemplary"),
    ]
    root = _chart(points)
    assert len(root.findall(f"{SVG}circle")) == 3
    assert len(root.findall(f"{SVG}polyline")) == 1
    texts = [t.text for t in root.findall(f"{SVG}text")]
    assert {"80", "101", "116", "2021-05-01", "2023-05-01"} <= set(texts)


def test_it_shades_and_names_the_four_bands() -> None:
    root = _chart([FidelityPoint("s", date(2021, 5, 1), 80, "fair")])
    assert len(root.findall(f"{SVG}rect")) == 8  # four shaded bands and four legend keys
    texts = [t.text or "" for t in root.findall(f"{SVG}text")]
    assert "Exemplary fidelity (115–125)" in texts
    assert "Not IPS (not supported employment) (25–73)" in texts


def test_a_higher_total_is_drawn_higher() -> None:
    root = _chart(
        [
            FidelityPoint("s", date(2021, 1, 1), 60, "not_ips"),
            FidelityPoint("s", date(2022, 1, 1), 120, "exemplary"),
        ]
    )
    low, high = root.findall(f"{SVG}circle")
    assert float(high.get("cy", "0")) < float(low.get("cy", "0"))
