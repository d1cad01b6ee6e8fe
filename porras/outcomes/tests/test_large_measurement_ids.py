"""The tie rule holds for measurement ids of any 64-bit size (DuckDB switches to its wide key)."""

from __future__ import annotations

import pytest

from porras.outcomes.tests.helpers import ALL, OUTCOME_ENGINES, DataSet

BIG = 2**62


@pytest.mark.parametrize("engine", OUTCOME_ENGINES)
def test_ties_are_broken_by_id_even_above_two_to_the_fortieth(engine):
    ds = DataSet()
    # Same-day PHQ-9s: first = lowest id (20), last = highest id (14): fall 6 -> reliably improved.
    # Ids differ only above bit 40, where a narrow key would lose the order.
    ds.add(
        "big",
        phq=[
            ("2025-02-01", 12, BIG + 2**41),
            ("2025-02-01", 20, BIG),
            ("2025-04-01", 3, BIG + 2**42),
            ("2025-04-01", 14, BIG + 2**43),
        ],
        gad=[("2025-02-01", 10, 2**40), ("2025-04-01", 9, 2**40 + 1)],
    )
    (group,) = OUTCOME_ENGINES[engine](ds.tables(), "outcomes", [], policy=ALL).groups
    assert (group["finished"], group["reliably_improved"], group["recovered"]) == (1, 1, 0)
