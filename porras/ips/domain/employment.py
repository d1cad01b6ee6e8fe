"""IPS employment-outcome definitions over plain records.

Definitions and their sources are written out in ``porras/ips/data/reporting.yaml``; in short:

* a *competitive job* is open to anyone and pays at least the going wage;
* *competitive employment rate* per service and period = clients on the caseload in the period who
  held a competitive job on at least one day of it / all clients on the caseload in the period;
* *days to first employer contact* = first employer contact on or after the agreement date minus the
  agreement date, grouped by the period of the agreement;
* *caseload size* = clients on a specialist's caseload on a given day.

Every table is published through the one disclosure rule (:mod:`porras.lib.disclosure`): cells
below the minimum are not listed, small counts are withheld with their rates, medians and means,
counts are rounded. Agreement cohorts add up from months to quarters to years and over services,
so the delay table is protected against those margins; caseload on a day and clients active in a
period do not add up over periods or specialists, and no total of them is published.

Each table may be grouped by service (the IPS unit), by county or by collaborative area (the
caller relabels ``service_id`` with :func:`regroup`). Clients active in one period do add up over
geography (a path is in one service, a service in one county, a county in one area), so the rate
table is protected period by period against the coarser geography (``margins``: service -> county
-> area), as the delay table is; the reports of the coarser groupings publish those margins.
"""

from __future__ import annotations

import calendar
import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from porras.lib.disclosure import Guarded, Policy, Rate, TableSpec, protect

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


Margins = tuple[Callable[[Any], Any], ...]


def regroup(paths: Iterable[ClientPath], group_of: Mapping[str, str]) -> list[ClientPath]:
    """The paths with ``service_id`` replaced by the group of their service (its county or its
    collaborative area; ``""`` for a service the mapping does not know)."""
    return [replace(p, service_id=group_of.get(p.service_id, "")) for p in paths]


def rate_table(margins: Margins = ()) -> TableSpec:
    """One period's rates: a client is on the caseload in several periods, so periods are never
    summed (each is its own table), but one period's clients add up over the geography."""
    return TableSpec(
        keys=("service_id",),
        population="clients",
        counts=("clients", "competitively_employed"),
        rates=(Rate("rate", "competitively_employed", "clients"),),
        hierarchy={"service_id": margins},
    )


def competitive_employment_rates(
    paths: Iterable[ClientPath],
    employments: Iterable[Employment],
    periods: Sequence[Period],
    policy: Policy,
    margins: Margins = (),
) -> list[RateCell]:
    """Competitive employment rate for each service (or group, see :func:`regroup`) and period,
    published under ``policy``; ``margins`` are the coarser groupings of ``service_id``."""
    jobs_by_client: dict[str, list[Employment]] = defaultdict(list)
    for job in employments:
        if job.is_competitive:
            jobs_by_client[job.client_id].append(job)
    paths = list(paths)
    published: dict[tuple[str, str], dict[str, Any]] = {}
    for period in periods:
        rows = []
        for service_id in sorted({p.service_id for p in paths}):
            active = {p.client_id for p in paths if p.service_id == service_id and p.active_in(period)}
            if not active:
                continue
            employed = {
                client
                for client in active
                if any(period.overlaps(j.start_date, j.end_date) for j in jobs_by_client.get(client, []))
            }
            rows.append({"service_id": service_id, "clients": len(active), "competitively_employed": len(employed)})
        for r in protect(rate_table(margins), rows, policy):
            published[r["service_id"], period.label] = r
    return [
        RateCell(service_id, period, r["clients"], r["competitively_employed"], r["rate"], r["suppressed"])
        for (service_id, period), r in sorted(published.items(), key=lambda item: (item[0][0], _order(periods, item[0][1])))
    ]


def _order(periods: Sequence[Period], label: str) -> int:
    return next(i for i, p in enumerate(periods) if p.label == label)


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


def _level(period: Period) -> str:
    return "year" if len(period.label) == 4 else ("quarter" if "Q" in period.label else "month")


def _quarter_of_month(label: str) -> str:
    return f"{label[:4]}Q{(int(label[5:7]) + 2) // 3}"


_PERIODS_OF_LEVEL = {
    "year": lambda year: [Period.year(year)],
    "quarter": lambda year: [Period.quarter(year, q) for q in range(1, 5)],
    "month": lambda year: [Period.month(year, m) for m in range(1, 13)],
}
# An agreement cohort of a month is part of its quarter's and its year's: the coarser periods.
_COARSER = {"year": (), "quarter": (lambda q: q[:4],), "month": (_quarter_of_month, lambda m: m[:4])}


def first_employer_contact_delays(
    paths: Iterable[ClientPath],
    contacts: Iterable[EmployerContact],
    periods: Sequence[Period],
    policy: Policy,
    margins: Margins = (),
) -> list[ContactDelayCell]:
    """Median and mean days to first employer contact, per service (or group, see :func:`regroup`;
    ``margins`` its coarser groupings) and period of agreement.

    Each requested period is published as part of every period of its length in its year, so that
    the same cell is withheld whichever periods a report asks for, and a year's cohort minus its
    quarters' (in one report or in two) gives no withheld cohort away."""
    contacts_by_client: dict[str, list[EmployerContact]] = defaultdict(list)
    for contact in contacts:
        contacts_by_client[contact.client_id].append(contact)
    paths = list(paths)
    published: dict[tuple[str, str], dict[str, Any]] = {}
    for level in sorted({_level(p) for p in periods}):
        years = sorted({p.start.year for p in periods if _level(p) == level})
        rows: list[dict[str, Any]] = []
        for service_id in sorted({p.service_id for p in paths}):
            for year in years:
                for period in _PERIODS_OF_LEVEL[level](year):
                    cohort = [
                        p for p in paths if p.service_id == service_id and period.contains(p.agreement_date)
                    ]
                    if not cohort:
                        continue
                    delays = [
                        d
                        for d in (
                            days_to_first_employer_contact(p, contacts_by_client.get(p.client_id, []))
                            for p in cohort
                        )
                        if d is not None
                    ]
                    rows.append(
                        {
                            "service_id": service_id,
                            "period": period.label,
                            "clients": len(cohort),
                            "with_contact": len(delays),
                            "median_days": float(statistics.median(delays)) if delays else None,
                            "mean_days": statistics.fmean(delays) if delays else None,
                        }
                    )
        spec = TableSpec(
            keys=("service_id", "period"),
            population="clients",
            counts=("clients", "with_contact"),
            guarded=(Guarded("median_days", "with_contact"), Guarded("mean_days", "with_contact")),
            hierarchy={"service_id": margins, "period": _COARSER[level]},
        )
        for row in protect(spec, rows, policy):
            published[row["service_id"], row["period"]] = row
    cells = []
    for service_id in sorted({p.service_id for p in paths}):
        for period in periods:
            shown = published.get((service_id, period.label))
            if shown is not None:
                cells.append(
                    ContactDelayCell(
                        service_id,
                        period.label,
                        shown["clients"],
                        shown["with_contact"],
                        shown["median_days"],
                        shown["mean_days"],
                        shown["suppressed"],
                    )
                )
    return cells


CASELOAD_TABLE = TableSpec(
    keys=("specialist_id",), population="size", counts=("size",), additive=False
)  # no total of the specialists' caseloads on a day is published


def caseload_sizes(paths: Iterable[ClientPath], on: date, policy: Policy) -> list[CaseloadCell]:
    """Number of clients on each specialist's caseload on day ``on``, published under ``policy``."""
    clients: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        if path.on_caseload(on):
            clients[path.specialist_id].add(path.client_id)
    rows = [{"specialist_id": specialist, "size": len(ids)} for specialist, ids in sorted(clients.items())]
    return [
        CaseloadCell(r["specialist_id"], r["size"], r["suppressed"])
        for r in protect(CASELOAD_TABLE, rows, policy)
    ]
