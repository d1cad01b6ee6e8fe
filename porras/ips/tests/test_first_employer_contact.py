from __future__ import annotations

from datetime import date

from porras.ips.domain import (
    ClientPath,
    ContactDelayCell,
    EmployerContact,
    Period,
    days_to_first_employer_contact,
    first_employer_contact_delays,
)
from porras.lib.disclosure import Policy

ALL = Policy(0, 1)  # nothing withheld: the definitions themselves

Q1 = Period.quarter(2024, 1)


def _path(client: str, agreed: date, service: str = "s1") -> ClientPath:
    return ClientPath(client, service, "spec-a", agreed)


def test_it_counts_days_to_the_earliest_contact() -> None:
    path = _path("p1", date(2024, 1, 10))
    contacts = [EmployerContact("p1", date(2024, 1, 20)), EmployerContact("p1", date(2024, 1, 15))]
    assert days_to_first_employer_contact(path, contacts) == 5


def test_it_ignores_contacts_before_the_agreement() -> None:
    path = _path("p2", date(2024, 1, 1))
    contacts = [EmployerContact("p2", date(2023, 12, 20)), EmployerContact("p2", date(2024, 2, 1))]
    assert days_to_first_employer_contact(path, contacts) == 31


def test_it_ignores_other_clients_contacts() -> None:
    path = _path("p3", date(2024, 1, 1))
    assert days_to_first_employer_contact(path, [EmployerContact("other", date(2024, 1, 2))]) is None


def test_a_contact_on_the_agreement_day_counts_as_zero_days() -> None:
    path = _path("p4", date(2024, 1, 1))
    assert days_to_first_employer_contact(path, [EmployerContact("p4", date(2024, 1, 1))]) == 0


def test_it_reports_median_and_mean_for_the_quarters_agreements() -> None:
    paths = [
        _path("a", date(2024, 1, 1)),
        _path("b", date(2024, 1, 1)),
        _path("c", date(2024, 2, 1)),
        _path("d", date(2024, 3, 1)),
        _path("e", date(2024, 3, 31)),
        _path("late", date(2024, 4, 1)),  # agreed in Q2: not in the Q1 cohort
    ]
    contacts = [
        EmployerContact("a", date(2024, 1, 6)),  # 5 days
        EmployerContact("b", date(2024, 2, 1)),  # 31 days
        EmployerContact("d", date(2024, 3, 11)),  # 10 days
        EmployerContact("e", date(2024, 4, 20)),  # 20 days
        EmployerContact("late", date(2024, 4, 2)),
    ]
    # c has no contact yet. Delays 5, 10, 20, 31: median 15, mean 66 / 4 = 16.5.
    assert first_employer_contact_delays(paths, contacts, [Q1], ALL) == [
        ContactDelayCell("s1", "2024Q1", 5, 4, 15.0, 16.5, False)
    ]


def test_a_cohort_below_five_is_not_listed() -> None:
    paths = [_path(c, date(2024, 1, 1)) for c in "abcd"]
    contacts = [EmployerContact("a", date(2024, 1, 2))]
    assert first_employer_contact_delays(paths, contacts, [Q1], Policy(5, 5)) == []


def test_a_median_of_fewer_than_five_delays_is_withheld() -> None:
    # one client of six has a contact: the median would be that one client's delay
    paths = [_path(c, date(2024, 1, 1)) for c in "abcdef"]
    contacts = [EmployerContact("a", date(2024, 1, 9))]
    assert first_employer_contact_delays(paths, contacts, [Q1], Policy(5, 5)) == [
        ContactDelayCell("s1", "2024Q1", 5, None, None, None, True)
    ]


def test_a_cohort_without_any_contact_has_no_median() -> None:
    paths = [_path(c, date(2024, 1, 1)) for c in "abcde"]
    assert first_employer_contact_delays(paths, [], [Q1], ALL) == [
        ContactDelayCell("s1", "2024Q1", 5, 0, None, None, False)
    ]
