"""IPS employment-outcome definitions over plain records.

Definitions and their sources are written out in ``porras/ips/data/reporting.yaml``; in short:

* a *competitive job* is open to anyone and pays at least the going wage;
* *competitive employment rate* per service and period = clients on the caseload in the period who
  held a competitive job on at least one day of it / all clients on the caseload in the period;
* *days to first employer contact* = first employer contact on or after the agreement date minus the
  agreement date, grouped by the period of the agreement;
* *caseload size* = clients on a specialist's caseload on a given day.

Every cell whose denominator is below ``min_cell`` (default 5) is suppressed: its counts and rates
are ``None`` and ``suppressed`` is ``True``.
"""

from __future__ import annotations

import calendar
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from porras.ips.domain.suppression import DEFAULT_MIN_CELL, check_min_cell, is_suppressed

_PERIOD_RE = re.compile(r"^(\d{4})(?:(Q)([1-4])|-(\d{2}))?$")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period, inclusive at both ends, with a label such as ``2025Q3``."""

    start: date
    end: date
    label: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period {self.label}: end {self.end} is before start {self.start}")

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), f"{year}")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise ValueError(f"quarter: must be 1-4, got {quarter}")
        first_month = 3 * (quarter - 1) + 1
        last_month = first_month + 2
        last_day = calendar.monthrange(year, last_month)[1]
        return cls(date(year, first_month, 1), date(year, last_month, last_day), f"{year}Q{quarter}")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        if not 1 <= month <= 12:
            raise ValueError(f"month: must be 1-12, got {month}")
        last_day = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last_day), f"{year}-{month:02d}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``2025``, ``2025Q3`` or ``2025-07``."""
        match = _PERIOD_RE.match(text.strip())
        if not match:
            raise ValueError(f"period: {text!r} is not YYYY, YYYYQn or YYYY-MM")
        year = int(match.group(1))
        if match.group(2):
            return cls.quarter(year, int(match.group(3)))
        if match.group(4):
            return cls.month(year, int(match.group(4)))
        return cls.year(year)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, start: date, end: date | None) -> bool:
        """Whether the span ``start``..``end`` (open when ``end`` is None) shares a day with this period."""
        return start <= self.end and (end is None or end >= self.start)


@dataclass(frozen=True)
class ClientPath:
    """One client's IPS path in one service: the dates of its phases (later ones may be unknown)."""

    client_id: str
    service_id: str
    specialist_id: str
    agreement_date: date
    vocational_profile_date: date | None = None
    job_search_start_date: date | None = None
    employer_agreement_date: date | None = None
    exit_date: date | None = None

    def __post_init__(self) -> None:
        if self.exit_date is not None and self.exit_date < self.agreement_date:
            raise ValueError(
                f"exit_date: {self.exit_date} is before agreement_date {self.agreement_date} "
                f"(client {self.client_id})"
            )

    def on_caseload(self, day: date) -> bool:
        return self.agreement_date <= day and (self.exit_date is None or self.exit_date >= day)

    def active_in(self, period: Period) -> bool:
        return period.overlaps(self.agreement_date, self.exit_date)


@dataclass(frozen=True)
class EmployerContact:
    """A face-to-face contact with an employer made on a client's behalf."""

    client_id: str
    contact_date: date
    employer: str = ""


@dataclass(frozen=True)
class Employment:
    """A job held by a client; ``end_date`` is None while it lasts."""

    client_id: str
    start_date: date
    end_date: date | None = None
    hours_per_week: Decimal | None = None
    hourly_pay: Decimal | None = None
    open_to_anyone: bool = True
    pays_going_wage: bool = True

    def __post_init__(self) -> None:
        if self.end_date is not None and self.end_date < self.start_date:
            raise ValueError(f"end_date: {self.end_date} is before start_date {self.start_date}")
        if self.hours_per_week is not None and self.hours_per_week < 0:
            raise ValueError("hours_per_week: must not be negative")
        if self.hourly_pay is not None and self.hourly_pay < 0:
            raise ValueError("hourly_pay: must not be negative")

    @property
    def is_competitive(self) -> bool:
        """Open to anyone and paying at least the going wage (see data/reporting.yaml)."""
        return self.open_to_anyone and self.pays_going_wage


@dataclass(frozen=True)
class RateCell:
    service_id: str
    period: str
    clients: int | None
    competitively_employed: int | None
    rate: float | None
    suppressed: bool


@dataclass(frozen=True)
class ContactDelayCell:
    service_id: str
    period: str
    clients: int | None
    with_contact: int | None
    median_days: float | None
    mean_days: float | None
    suppressed: bool


@dataclass(frozen=True)
class CaseloadCell:
    specialist_id: str
    size: int | None
    suppressed: bool


def competitive_employment_rates(
    paths: Iterable[ClientPath],
    employments: Iterable[Employment],
    periods: Sequence[Period],
    min_cell: int = DEFAULT_MIN_CELL,
) -> list[RateCell]:
    """Competitive employment rate for each service and period (services with no client omitted)."""
    check_min_cell(min_cell)
    jobs_by_client: dict[str, list[Employment]] = defaultdict(list)
    for job in employments:
        if job.is_competitive:
            jobs_by_client[job.client_id].append(job)
    paths = list(paths)
    cells: list[RateCell] = []
    for service_id in sorted({p.service_id for p in paths}):
        service_paths = [p for p in paths if p.service_id == service_id]
        for period in periods:
            active = {p.client_id for p in service_paths if p.active_in(period)}
            if not active:
                continue
            employed = {
                client
                for client in active
                if any(period.overlaps(j.start_date, j.end_date) for j in jobs_by_client.get(client, []))
            }
            if is_suppressed(len(active), min_cell):
                cells.append(RateCell(service_id, period.label, None, None, None, True))
            else:
                cells.append(
                    RateCell(
                        service_id,
                        period.label,
                        len(active),
                        len(employed),
                        len(employed) / len(active),
                        False,
                    )
                )
    return cells


def days_to_first_employer_contact(path: ClientPath, contacts: Iterable[EmployerContact]) -> int | None:
    """Days from agreement to the first employer contact on or after it; None if there is none yet."""
    dates = [
        c.contact_date
        for c in contacts
        if c.client_id == path.client_id and c.contact_date >= path.agreement_date
    ]
    if not dates:
        return None
    return (min(dates) - path.agreement_date).days


def first_employer_contact_delays(
    paths: Iterable[ClientPath],
    contacts: Iterable[EmployerContact],
    periods: Sequence[Period],
    min_cell: int = DEFAULT_MIN_CELL,
) -> list[ContactDelayCell]:
    """Median and mean days to first employer contact, per service and period of agreement."""
    check_min_cell(min_cell)
    contacts_by_client: dict[str, list[EmployerContact]] = defaultdict(list)
    for contact in contacts:
        contacts_by_client[contact.client_id].append(contact)
    paths = list(paths)
    cells: list[ContactDelayCell] = []
    for service_id in sorted({p.service_id for p in paths}):
        for period in periods:
            cohort = [p for p in paths if p.service_id == service_id and period.contains(p.agreement_date)]
            if not cohort:
                continue
            if is_suppressed(len(cohort), min_cell):
                cells.append(ContactDelayCell(service_id, period.label, None, None, None, None, True))
                continue
            delays = [
                d
                for d in (
                    days_to_first_employer_contact(p, contacts_by_client.get(p.client_id, [])) for p in cohort
                )
                if d is not None
            ]
            cells.append(
                ContactDelayCell(
                    service_id,
                    period.label,
                    len(cohort),
                    len(delays),
                    float(statistics.median(delays)) if delays else None,
                    statistics.fmean(delays) if delays else None,
                    False,
                )
            )
    return cells


def caseload_sizes(
    paths: Iterable[ClientPath], on: date, min_cell: int = DEFAULT_MIN_CELL
) -> list[CaseloadCell]:
    """Number of clients on each specialist's caseload on day ``on`` (specialists with none omitted)."""
    check_min_cell(min_cell)
    clients: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        if path.on_caseload(on):
            clients[path.specialist_id].add(path.client_id)
    return [
        CaseloadCell(specialist, None, True)
        if is_suppressed(len(ids), min_cell)
        else CaseloadCell(specialist, len(ids), False)
        for specialist, ids in sorted(clients.items())
    ]
