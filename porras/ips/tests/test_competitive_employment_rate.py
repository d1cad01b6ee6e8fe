from __future__ import annotations

from datetime import date

import pytest

from porras.ips.domain import ClientPath, Employment, Period, RateCell, competitive_employment_rates
from porras.lib.disclosure import DisclosureError, Policy

ALL = Policy(0, 1)  # nothing withheld: the definitions themselves

Q1 = Period.quarter(2024, 1)
Q2 = Period.quarter(2024, 2)


def _path(client: str, agreed: date, exited: date | None = None, service: str = "s1") -> ClientPath:
    return ClientPath(client, service, "spec-a", agreed, exit_date=exited)


PATHS = [
    _path("c1", date(2023, 11, 1)),
    _path("c2", date(2024, 1, 15)),
    _path("c3", date(2024, 1, 10)),
    _path("c4", date(2023, 6, 1), exited=date(2024, 1, 1)),  # on the caseload on Q1's first day
    _path("c5", date(2024, 3, 31)),  # joins on Q1's last day
    _path("c6", date(2024, 2, 1)),
    _path("c7", date(2024, 4, 1)),  # not yet in Q1
    _path("c8", date(2023, 1, 1), exited=date(2023, 12, 31)),  # gone before Q1
]
JOBS = [
    Employment("c1", date(2024, 2, 1)),
    Employment("c2", date(2024, 3, 31)),
    Employment("c3", date(2024, 2, 1), open_to_anyone=False),  # set-aside job: not competitive
    Employment("c4", date(2023, 9, 1), end_date=date(2023, 12, 31)),  # ended before Q1
    Employment("c5", date(2024, 5, 1), end_date=date(2024, 5, 31)),
    Employment("c6", date(2024, 2, 1), pays_going_wage=False),  # below the going wage
]


def test_it_counts_clients_with_a_competitive_job_on_any_day_of_the_quarter() -> None:
    cells = competitive_employment_rates(PATHS, JOBS, [Q1, Q2], ALL)
    # Q1: on caseload c1-c6 (6); competitive job in Q1: c1, c2 -> 2/6.
    # Q2: on caseload c1, c2, c3, c5, c6, c7 (6); competitive job in Q2: c1, c2, c5 -> 3/6.
    assert cells == [
        RateCell("s1", "2024Q1", 6, 2, pytest.approx(1 / 3), False),
        RateCell("s1", "2024Q2", 6, 3, 0.5, False),
    ]


def test_a_service_with_fewer_than_five_clients_is_not_listed() -> None:
    small = [_path(f"x{i}", date(2024, 1, 2), service="s2") for i in range(4)]
    jobs = [Employment("x0", date(2024, 1, 3))]
    assert competitive_employment_rates(small, jobs, [Q1], Policy(5, 5)) == []


def test_the_minimum_is_the_policys() -> None:
    small = [_path(f"x{i}", date(2024, 1, 2), service="s2") for i in range(4)]
    jobs = [Employment("x0", date(2024, 1, 3))]
    [cell] = competitive_employment_rates(small, jobs, [Q1], Policy(4, 1))
    assert cell.clients == 4


def test_exactly_five_clients_are_listed_with_the_small_count_withheld() -> None:
    five = [_path(f"x{i}", date(2024, 1, 2)) for i in range(5)]
    assert competitive_employment_rates(five, [], [Q1], Policy(5, 5)) == [
        RateCell("s1", "2024Q1", 5, None, None, True)
    ]


def test_a_period_without_clients_gives_no_cell() -> None:
    assert competitive_employment_rates(PATHS, JOBS, [Period.year(2020)], ALL) == []


def test_a_negative_minimum_is_refused() -> None:
    with pytest.raises(DisclosureError, match="minimum"):
        Policy(-1, 5)


def test_a_job_that_is_open_and_pays_the_going_wage_is_competitive() -> None:
    assert Employment("c", date(2024, 1, 1)).is_competitive
    assert not Employment("c", date(2024, 1, 1), open_to_anyone=False).is_competitive
    assert not Employment("c", date(2024, 1, 1), pays_going_wage=False).is_competitive


def test_a_job_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="end_date"):
        Employment("c", date(2024, 2, 1), end_date=date(2024, 1, 31))
