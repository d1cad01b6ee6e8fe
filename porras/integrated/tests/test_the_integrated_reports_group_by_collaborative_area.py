"""The consultation report and the somatic figure group by the five collaborative areas
(yhteistyöalueet): an area's counts are its counties' unrounded counts added up, and a county
withheld in the county table cannot be had as its area's count minus the other counties'."""

from __future__ import annotations

import datetime as dt
from typing import Any

from porras.integrated.domain import report as consultation
from porras.integrated.domain import somatic_report as somatic
from porras.integrated.tests.test_the_consultation_report_is_the_same_on_three_engines import (
    _sqlite as consultation_db,
)
from porras.integrated.tests.test_the_somatic_figure_is_the_same_on_three_engines import RULES, TODAY
from porras.integrated.tests.test_the_somatic_figure_is_the_same_on_three_engines import _sqlite as somatic_db
from porras.lib.disclosure import Policy

D = dt.date.fromisoformat
EXACT_ALL = Policy(minimum=0, base=1)

# Southern Finland (etela): Helsinki 4 episodes, Vantaa-Kerava 3; Western Finland (lansi): Pirkanmaa 2.
# Hand-counted: etela 7 episodes, 3 with a consultation, 4 questions, 3 answered; lansi 2, 1, 1, 1.
HAND_EPISODES = ([(i, "helsinki", "h1", D("2025-01-15")) for i in range(1, 5)]
                 + [(i, "vantaa-kerava", "v1", D("2025-02-15")) for i in range(5, 8)]
                 + [(i, "pirkanmaa", "p1", D("2025-01-20")) for i in range(8, 10)])
HAND_CONSULTATIONS = [
    (1, 1, "psy", D("2025-01-20"), "urgent", "video", D("2025-01-22"), "transfer"),
    (2, 1, "psy", D("2025-02-01"), "non_urgent", "video", None, None),
    (3, 5, "psy", D("2025-02-20"), "urgent", "video", D("2025-02-21"), "primary_care"),
    (4, 6, "psy", D("2025-02-20"), "urgent", "video", D("2025-02-25"), "primary_care"),
    (5, 8, "sub", D("2025-01-21"), "non_urgent", "written_advice", D("2025-01-31"), "primary_care"),
]


def _consultations(group_by: str, policy: Policy, episodes: Any = HAND_EPISODES) -> list[dict[str, Any]]:
    con = consultation_db(episodes, HAND_CONSULTATIONS, [])
    return consultation.run_report(con, "sqlite", consultation.parse_group_by(group_by), policy=policy).groups


def test_a_consultation_area_row_is_the_sum_of_its_counties_unrounded_counts() -> None:
    by_area = {g["collaborative_area"]: g for g in _consultations("collaborative_area", EXACT_ALL)}
    by_county = {g["county"]: g for g in _consultations("county", EXACT_ALL)}
    for column in consultation.COUNTS:
        assert by_area["etela"][column] == by_county["helsinki"][column] + by_county["vantaa-kerava"][column]
        assert by_area["lansi"][column] == by_county["pirkanmaa"][column]
    assert [(a, g["episodes"], g["episodes_with_consultation"], g["consultations"], g["answered"])
            for a, g in sorted(by_area.items())] == [("etela", 7, 3, 4, 3), ("lansi", 2, 1, 1, 1)]
    assert by_area["etela"]["median_answer_days"] == 2.0  # answer times 2, 1, 4 days


def test_the_somatic_area_row_is_the_sum_of_its_counties_unrounded_counts() -> None:
    # eligible on TODAY: long episodes (referred over a year before); checked within the year: 1, 3, 6
    episodes = [(1, "helsinki", "h1", D("2025-01-10"), None), (2, "helsinki", "h1", D("2025-01-10"), None),
                (3, "vantaa-kerava", "v1", D("2025-02-10"), None), (4, "vantaa-kerava", "v1", D("2025-02-10"), None),
                (5, "vantaa-kerava", "v1", D("2025-02-10"), None), (6, "pirkanmaa", "p1", D("2025-03-01"), None)]
    checks = [(1, 1, D("2026-01-01"), "weight", 80.0, False, "v"), (2, 3, D("2026-02-01"), "weight", 70.0, False, "v"),
              (3, 6, D("2026-03-01"), "weight", 60.0, False, "v")]
    con = somatic_db(episodes, checks, [])

    def run(group_by: str) -> dict[str, dict[str, Any]]:
        keys = somatic.parse_group_by(group_by)
        rows = somatic.run_report(con, "sqlite", keys, relations=somatic.Relations(), rules=RULES,
                                  days=[(0, TODAY)], policy=EXACT_ALL).groups
        return {g[keys[0]]: g for g in rows}

    by_area, by_county = run("collaborative_area"), run("county")
    assert {a: (g["eligible"], g["checked"]) for a, g in by_area.items()} == {"etela": (5, 2), "lansi": (1, 1)}
    for column in somatic.COUNTS:
        assert by_area["etela"][column] == by_county["helsinki"][column] + by_county["vantaa-kerava"][column]


ROUNDED = Policy(minimum=5, base=5)  # the rounded audience's rule, with complementary suppression


def _interval(shown: int, policy: Policy) -> tuple[int, int]:
    """Every count at least the minimum that the rule shows as ``shown`` (the rule as a reader knows it)."""
    return policy.interval(shown)


def _derivable(area_totals: dict[str, tuple[int, int]], counties: list[dict[str, Any]], truth: dict[str, int],
               column: str, policy: Policy) -> list[str]:
    """Counties with people whose withheld ``column`` is pinned by their area's total (an interval:
    the published one, or the exact total as the disclosure rule assumes an attacker may know it)
    minus the intervals of the area's other counties as published."""
    from porras.accounts.domain.areas import county_areas

    shown = {g["county"]: _interval(g[column], policy) for g in counties if g[column] is not None}
    belief = {c: shown.get(c) or ((0, policy.minimum - 1) if n < policy.minimum else (0, 10**9))
              for c, n in truth.items()}
    found = []
    for area, (low, high) in area_totals.items():
        members = [c for c in truth if county_areas().get(c) == area]
        for county in (c for c in members if c not in shown):
            others = [belief[o] for o in members if o != county]
            lo = max(belief[county][0], low - sum(hi for _, hi in others))
            hi = min(belief[county][1], high - sum(lo for lo, _ in others))
            if lo == hi:
                found.append(county)
    return found


# Helsinki 12 episodes (shown as 10: 8..12), Vantaa-Kerava 4 (withheld: 0..4), Pirkanmaa 30 in another
# area: were Helsinki shown, Southern Finland's exact 16 would give Vantaa-Kerava 16 - 12 = 4 exactly.
TRUTH = {"helsinki": 12, "vantaa-kerava": 4, "pirkanmaa": 30}


def _check_no_county_is_derivable(areas: list[dict[str, Any]], counties: list[dict[str, Any]], column: str) -> None:
    assert "vantaa-kerava" not in {g["county"] for g in counties}
    published = {a["collaborative_area"]: _interval(a[column], ROUNDED) for a in areas if a[column] is not None}
    assert set(published) == {"etela", "lansi"}, "both areas' totals are published"
    exact = {"etela": (16, 16), "lansi": (30, 30)}
    assert _derivable(published, counties, TRUTH, column, ROUNDED) == []
    assert _derivable(exact, counties, TRUTH, column, ROUNDED) == []


def test_no_withheld_county_of_the_consultation_report_is_its_area_minus_the_other_counties() -> None:
    episodes = [(i + 1, county, "u-" + county, D("2025-01-15"))
                for i, county in enumerate(c for c, n in TRUTH.items() for _ in range(n))]
    areas = _consultations("collaborative_area", ROUNDED, episodes)
    counties = _consultations("county", ROUNDED, episodes)
    _check_no_county_is_derivable(areas, counties, "episodes")


def test_no_withheld_county_of_the_somatic_figure_is_its_area_minus_the_other_counties() -> None:
    episodes = [(i + 1, county, "u-" + county, D("2025-01-10"), None)
                for i, county in enumerate(c for c, n in TRUTH.items() for _ in range(n))]
    con = somatic_db(episodes, [], [])

    def run(group_by: str) -> list[dict[str, Any]]:
        return somatic.run_report(con, "sqlite", somatic.parse_group_by(group_by), relations=somatic.Relations(),
                                  rules=RULES, days=[(0, TODAY)], policy=ROUNDED).groups

    _check_no_county_is_derivable(run("collaborative_area"), run("county"), "eligible")


def test_the_unit_is_coarsened_through_its_county_to_the_area() -> None:
    spec = consultation.table_spec(("unit",), {"v1": "vantaa-kerava"})
    to_county, to_area = spec.hierarchy["unit"]
    assert to_area(to_county("v1")) == "etela"
    assert "county" not in consultation.table_spec(("collaborative_area", "county")).hierarchy
