"""Opening hours of an HSDS schedule in plain words (framework-free): days as ranges, times without
seconds. The words for the days are the caller's (the web layer translates them)."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Schedule

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def day_ranges(byday: str | None) -> list[tuple[str, str]]:
    """``"MO,TU,WE,TH,FR,SU"`` -> ``[("MO", "FR"), ("SU", "SU")]``; unknown codes are left out."""
    wanted = {code.strip().upper() for code in (byday or "").split(",")}
    ranges: list[tuple[str, str]] = []
    start: str | None = None
    for index, day in enumerate(DAYS):
        if day in wanted and start is None:
            start = day
        if day in wanted and (index + 1 == len(DAYS) or DAYS[index + 1] not in wanted):
            ranges.append((start or day, day))
            start = None
    return ranges


def clock(value: str | None) -> str:
    """``"09:00:00"`` -> ``"09:00"``; anything else as given."""
    if value and len(value) >= 5 and value[2] == ":":
        return value[:5]
    return value or ""


@dataclass(frozen=True)
class Hours:
    """One schedule: its day ranges, opening and closing time, and its own words."""

    days: list[tuple[str, str]]
    opens_at: str
    closes_at: str
    description: str
    booking_url: str


def hours_of(schedule: Schedule) -> Hours:
    return Hours(day_ranges(schedule.byday), clock(schedule.opens_at), clock(schedule.closes_at),
                 schedule.description or "", schedule.schedule_link or "")
