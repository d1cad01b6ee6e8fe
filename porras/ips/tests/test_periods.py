from __future__ import annotations

from datetime import date

import pytest

from porras.ips.domain import Period


def test_a_quarter_runs_from_its_first_to_its_last_day() -> None:
    assert Period.quarter(2024, 1) == Period(date(2024, 1, 1), date(2024, 3, 31), "2024Q1")
    assert Period.quarter(2023, 4) == Period(date(2023, 10, 1), date(2023, 12, 31), "2023Q4")


def test_february_of_a_leap_year_has_29_days() -> None:
    assert Period.month(2024, 2).end == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("2025Q3", date(2025, 7, 1), date(2025, 9, 30)),
        ("2025-07", date(2025, 7, 1), date(2025, 7, 31)),
    ],
)
def test_it_parses_year_quarter_and_month_labels(text: str, start: date, end: date) -> None:
    period = Period.parse(text)
    assert (period.start, period.end, period.label) == (start, end, text)


@pytest.mark.parametrize("text", ["2025Q5", "25", "2025-13", "Q1"])
def test_it_refuses_a_malformed_period(text: str) -> None:
    with pytest.raises(ValueError, match="period|month|quarter"):
        Period.parse(text)
