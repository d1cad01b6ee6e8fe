from __future__ import annotations

from porras.ips.domain import DEFAULT_MIN_CELL


def test_the_default_minimum_cell_is_five() -> None:
    assert DEFAULT_MIN_CELL == 5
