from __future__ import annotations

from decimal import Decimal

import pytest

from porras.programmes.domain import (
    Grant,
    ProgrammeEntity,
    Project,
    funding,
    funding_by_programme_and_year,
    load_reference_data,
    total_funding,
)

ENTITIES = [
    ProgrammeEntity("e1", "strategy", {"fi": "A", "sv": "A", "en": "A"}, "s", priority_area=1),
    ProgrammeEntity("e2", "strategy", {"fi": "B", "sv": "B", "en": "B"}, "s", priority_area=4),
    ProgrammeEntity("e3", "suicide", {"fi": "C", "sv": "C", "en": "C"}, "s"),
]
PROJECTS = [
    Project("p1", "e1", "Project one", county_code="pirkanmaa"),
    Project("p2", "e1", "Project two", county_code="lappi"),
]
GRANTS = [
    Grant("g1", "e1", Decimal("100000"), 2020, "s", project="p1"),
    Grant("g2", "e1", Decimal("250000.50"), 2021, "s", project="p2"),
    Grant("g3", "e2", Decimal("40000"), 2020, "s", approximate=True),
    Grant("g4", "e3", Decimal("75000"), 2020, "s"),
    Grant("g5", "e3", Decimal("25000"), 2021, "s", project=None),
    Grant("g6", "e1", Decimal("10000"), 2021, "s", project="p1"),
]


def test_it_totals_grants_by_programme_and_year() -> None:
    rows = funding_by_programme_and_year(GRANTS, ENTITIES)
    assert [(r.group["programme"], r.group["year"], r.amount_eur, r.grants, r.approximate) for r in rows] == [
        ("strategy", 2020, Decimal("140000"), 2, True),
        ("strategy", 2021, Decimal("260000.50"), 2, False),
        ("suicide", 2020, Decimal("75000"), 1, False),
        ("suicide", 2021, Decimal("25000"), 1, False),
    ]


def test_it_totals_grants_by_region_with_entity_grants_last() -> None:
    rows = funding(GRANTS, ENTITIES, PROJECTS, by=("region",))
    assert [(r.group["region"], r.amount_eur) for r in rows] == [
        ("lappi", Decimal("250000.50")),
        ("pirkanmaa", Decimal("110000")),
        (None, Decimal("140000")),
    ]


def test_it_totals_grants_by_priority_area() -> None:
    rows = funding(GRANTS, ENTITIES, PROJECTS, by=("priority_area",))
    assert [(r.group["priority_area"], r.amount_eur) for r in rows] == [
        (1, Decimal("360000.50")),
        (4, Decimal("40000")),
        (None, Decimal("100000")),
    ]


def test_an_unknown_dimension_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="by: unknown dimension 'county'"):
        funding(GRANTS, ENTITIES, by=("county",))


def test_a_grant_of_an_unknown_entity_is_refused() -> None:
    with pytest.raises(ValueError, match="grant gx: unknown entity"):
        funding([Grant("gx", "nope", Decimal(1), 2020, "s")], ENTITIES)


def test_a_negative_grant_is_refused() -> None:
    with pytest.raises(ValueError, match="amount_eur"):
        Grant("gx", "e1", Decimal("-1"), 2020, "s")


def test_december_2020_gives_the_strategy_6_4_million_and_suicide_prevention_2_million() -> None:
    data = load_reference_data()
    rows = funding_by_programme_and_year(data.grants, data.entities)
    # 3.3 M (municipal competence) + 3.1 M (IPS) = 6.4 M; 2 M suicide prevention; all "about".
    assert [(r.group["programme"], r.group["year"], r.amount_eur, r.approximate) for r in rows] == [
        ("mental-health-strategy-2020-2030", 2020, Decimal("6400000"), True),
        ("suicide-prevention-programme", 2020, Decimal("2000000"), True),
    ]
    assert total_funding(data.grants) == (Decimal("8400000"), True)
