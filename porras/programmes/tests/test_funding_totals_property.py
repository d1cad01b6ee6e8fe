from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from porras.programmes.domain import (
    FUNDING_DIMENSIONS,
    Grant,
    ProgrammeEntity,
    Project,
    funding,
    total_funding,
)

ENTITIES = [
    ProgrammeEntity("e1", "p1", {"fi": "", "sv": "", "en": ""}, "s", priority_area=1),
    ProgrammeEntity("e2", "p1", {"fi": "", "sv": "", "en": ""}, "s"),
    ProgrammeEntity("e3", "p2", {"fi": "", "sv": "", "en": ""}, "s", priority_area=3),
]
PROJECTS = [Project("x", "e1", "X", county_code="lappi"), Project("y", "e3", "Y")]

grants = st.lists(
    st.builds(
        lambda i, entity, cents, year, approx: Grant(
            f"g{i}",
            entity,
            Decimal(cents) / 100,
            year,
            "s",
            approximate=approx,
            project={"e1": "x", "e3": "y"}.get(entity) if i % 2 else None,
        ),
        st.integers(0, 10_000),
        st.sampled_from(["e1", "e2", "e3"]),
        st.integers(0, 10**9),
        st.integers(2019, 2030),
        st.booleans(),
    ),
    max_size=30,
)


@given(grants, st.lists(st.sampled_from(FUNDING_DIMENSIONS), min_size=1, max_size=3, unique=True))
def test_every_grouping_adds_up_to_the_same_total(items: list[Grant], by: list[str]) -> None:
    rows = funding(items, ENTITIES, PROJECTS, by=tuple(by))
    total, approximate = total_funding(items)
    assert sum((r.amount_eur for r in rows), Decimal(0)) == total
    assert sum(r.grants for r in rows) == len(items)
    assert any(r.approximate for r in rows) == approximate
