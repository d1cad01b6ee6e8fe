from __future__ import annotations

from datetime import date

from porras.programmes.domain import Project, load_reference_data, project_timeline


def test_it_orders_projects_by_start_then_funding_round_then_name() -> None:
    projects = [
        Project("b", "e", "Beta", round="2021-07"),
        Project("a", "e", "alpha", round="2021-07"),
        Project("c", "e", "Gamma", start=date(2021, 1, 1), end=date(2022, 12, 31)),
        Project("d", "e", "Delta"),
        Project("x", "other", "Other entity", round="2020-12"),
    ]
    rows = project_timeline(projects, entity="e")
    assert [r.project for r in rows] == ["c", "a", "b", "d"]
    assert rows[1].anchor == date(2021, 7, 1)
    assert rows[3].anchor is None


def test_the_mito_timeline_puts_the_2020_round_before_the_2021_round() -> None:
    rows = project_timeline(load_reference_data().projects, entity="mito")
    assert [r.round for r in rows] == ["2020-12"] * 11 + ["2021-07"] * 4
