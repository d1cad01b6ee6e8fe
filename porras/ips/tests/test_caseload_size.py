from __future__ import annotations

from datetime import date

import pytest

from porras.ips.domain import CaseloadCell, ClientPath, caseload_sizes
from porras.lib.disclosure import Policy

DAY = date(2024, 3, 1)


def _path(client: str, specialist: str, agreed: date, exited: date | None = None) -> ClientPath:
    return ClientPath(client, "s1", specialist, agreed, exit_date=exited)


PATHS = [
    _path("a1", "anna", date(2024, 1, 1)),
    _path("a2", "anna", date(2024, 2, 1)),
    _path("a3", "anna", date(2024, 3, 1)),  # starts on the day: counted
    _path("a4", "anna", date(2023, 1, 1), exited=date(2024, 3, 1)),  # leaves on the day: counted
    _path("a5", "anna", date(2023, 5, 1)),
    _path("a6", "anna", date(2023, 5, 1), exited=date(2024, 2, 29)),  # gone the day before
    _path("a7", "anna", date(2024, 3, 2)),  # not yet
    _path("b1", "bertil", date(2024, 1, 1)),
    _path("b2", "bertil", date(2024, 1, 1)),
]


def test_it_counts_each_specialists_clients_on_the_day_leaving_out_small_caseloads() -> None:
    assert caseload_sizes(PATHS, DAY, Policy(5, 5)) == [CaseloadCell("anna", 5, False)]


def test_with_nothing_withheld_every_caseload_shows() -> None:
    assert caseload_sizes(PATHS, DAY, Policy(0, 1)) == [
        CaseloadCell("anna", 5, False),
        CaseloadCell("bertil", 2, False),
    ]


def test_a_path_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="exit_date"):
        _path("x", "anna", date(2024, 3, 1), exited=date(2024, 2, 1))
