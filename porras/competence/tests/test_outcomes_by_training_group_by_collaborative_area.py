"""Outcomes by training, grouped by county and by collaborative area: an area's counts are its
counties' unrounded counts added up, and a county withheld in the county table cannot be had as its
area's figure minus the other counties' (the area is the county's coarser margin)."""

from __future__ import annotations

from typing import Any

import pytest

from porras.accounts import services as accounts
from porras.accounts.services import UnitSpec
from porras.competence.outcomes import outcomes_by_training
from porras.competence.tests.helpers import finished_episode
from porras.lib.disclosure import Policy
from porras.lib.errors import InputError

pytestmark = pytest.mark.django_db

# Finished episodes of the short cognitive therapy, none by a trained professional: Helsinki 7 and
# Vantaa-Kerava 4 (Southern Finland, 11), Pirkanmaa 6 (Western Finland). Recovered: 4, 2 and 3.
EPISODES = {"helsinki": (7, 4), "vantaa-kerava": (4, 2), "pirkanmaa": (6, 3)}
ALL = ["helsinki", "vantaa-kerava", "pirkanmaa"]
ROUNDED = Policy(5, 5)


@pytest.fixture
def three_counties(cast: Any) -> Any:
    units = {"helsinki": "unit-a", "pirkanmaa": "unit-b"}
    org = accounts.ensure_organisation("org-vk", "vantaa-kerava", "Org VK", "Org VK")
    accounts.ensure_unit(org, UnitSpec("unit-vk", "Yksikkö VK", "Enhet VK", "sote_centre"))
    units["vantaa-kerava"] = "unit-vk"
    for county, (finished, recovered) in EPISODES.items():
        user = accounts.create_user(f"clinician-{county}", "professional", unit_code=units[county],
                                    password="cast-password-123!")
        for n in range(finished):
            finished_episode(user, f"{county}-{n}", recovered=n < recovered, unit=units[county], county=county)
    return cast


def _untrained(cast: Any, group_by: str, policy: Policy) -> dict[str, Any]:
    rows = outcomes_by_training(cast.national_analyst, ALL, policy, group_by=group_by)
    return {r.group: r.untrained for r in rows if r.card.code == "cbt_short_individual"}


def test_an_area_row_is_the_sum_of_its_counties_unrounded_counts(three_counties: Any) -> None:
    exact = Policy(minimum=0, base=1)
    by_county, by_area = _untrained(three_counties, "county", exact), _untrained(three_counties, "collaborative_area", exact)
    assert {c: (r["finished"], r["recovered"]) for c, r in by_county.items()} == EPISODES
    for column in ("finished", "recovered"):
        assert by_area["etela"][column] == by_county["helsinki"][column] + by_county["vantaa-kerava"][column]
        assert by_area["lansi"][column] == by_county["pirkanmaa"][column]
    assert (by_area["etela"]["finished"], by_area["etela"]["recovered"]) == (11, 6)


def test_no_withheld_county_is_its_area_minus_the_other_counties(three_counties: Any) -> None:
    by_county = _untrained(three_counties, "county", ROUNDED)
    by_area = _untrained(three_counties, "collaborative_area", ROUNDED)
    assert by_county["vantaa-kerava"] is None, "4 episodes: withheld"
    # Were Helsinki's 7 shown (as 5: 5..7), Southern Finland's 11 would give Vantaa-Kerava 11 - 7 = 4 exactly.
    for area, total in (("etela", 11), ("lansi", 6)):
        members = [c for c in ALL if (c == "pirkanmaa") == (area == "lansi")]
        shown = {c: by_county[c]["finished"] for c in members if by_county[c] and by_county[c]["finished"] is not None}
        hidden = [c for c in members if c not in shown]
        for low, high in ((total, total), ROUNDED.interval(by_area[area]["finished"]) if by_area[area] else (0, 10**9)):
            for county in hidden:
                others = [ROUNDED.interval(v) for c, v in shown.items()] + [(0, 10**9)] * (len(hidden) - 1)
                lo = max(0, low - sum(hi for _, hi in others))
                hi = min(ROUNDED.minimum - 1 if EPISODES[county][0] < ROUNDED.minimum else 10**9,
                         high - sum(lo for lo, _ in others))
                assert lo < hi, f"{county} is pinned at {lo} by {area}"


def test_a_county_selection_reads_its_rows_of_the_county_table(three_counties: Any) -> None:
    alone = outcomes_by_training(three_counties.national_analyst, ["helsinki"], ROUNDED, group_by="county")
    assert {r.group for r in alone} == {"helsinki"}
    assert [r.untrained for r in alone if r.card.code == "cbt_short_individual"] == [
        _untrained(three_counties, "county", ROUNDED)["helsinki"]]


def test_an_unknown_grouping_is_refused(three_counties: Any) -> None:
    with pytest.raises(InputError):
        outcomes_by_training(three_counties.national_analyst, ALL, ROUNDED, group_by="unit")
