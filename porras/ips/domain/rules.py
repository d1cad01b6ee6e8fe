"""The rules an IPS path, its employer contacts and jobs, and a fidelity review obey.

Each check returns the rules broken as :class:`RuleError` (the field and an English reason), all
of them, first field first. The services raise them as one ``InputError`` (the API answers them as
they are); the web forms show each on its field as a translated sentence (``porras.ips.forms``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# The hours in a week (7 × 24): a job's hours per week lie between 0 and this. Arithmetic, not a
# clinical or legal limit; the API and the job form use this one number.
MAX_HOURS_PER_WEEK = Decimal(168)

# The dates of a path's steps, each on or after the agreement date. They need not follow each other:
# IPS starts the job search early (rapid job search), alongside the vocational profile.
PATH_STEPS = (
    "vocational_profile_date",
    "job_search_start_date",
    "employer_agreement_date",
    "support_in_work_start_date",
    "exit_date",
)

BEFORE_AGREEMENT = "must not be before the agreement date"
BEFORE_START = "must not be before the start date"
IN_THE_FUTURE = "must not be in the future"
HOURS_OUTSIDE_A_WEEK = f"must be between 0 and {MAX_HOURS_PER_WEEK} (the hours in a week)"
NEGATIVE = "must not be negative"


@dataclass(frozen=True)
class RuleError:
    """A rule broken by the value of ``field``."""

    field: str
    reason: str


def path_errors(agreement_date: date | None, steps: Mapping[str, date | None]) -> list[RuleError]:
    """Every step of a path is dated on or after its agreement."""
    if agreement_date is None:
        return []
    return [
        RuleError(name, BEFORE_AGREEMENT)
        for name in PATH_STEPS
        if (day := steps.get(name)) is not None and day < agreement_date
    ]


def contact_errors(agreement_date: date, contact_date: date) -> list[RuleError]:
    """An employer contact on the client's behalf is made on or after the agreement."""
    return [RuleError("contact_date", BEFORE_AGREEMENT)] if contact_date < agreement_date else []


def employment_errors(
    start_date: date | None,
    end_date: date | None,
    hours_per_week: Decimal | None,
    hourly_pay: Decimal | None,
) -> list[RuleError]:
    """A job ends on or after its start, its hours fit in a week and its pay is not negative."""
    errors = []
    if start_date is not None and end_date is not None and end_date < start_date:
        errors.append(RuleError("end_date", BEFORE_START))
    if hours_per_week is not None and not 0 <= hours_per_week <= MAX_HOURS_PER_WEEK:
        errors.append(RuleError("hours_per_week", HOURS_OUTSIDE_A_WEEK))
    if hourly_pay is not None and hourly_pay < 0:
        errors.append(RuleError("hourly_pay", NEGATIVE))
    return errors


def review_errors(review_date: date, today: date) -> list[RuleError]:
    """A fidelity review is recorded once it has taken place: not dated after today."""
    return [RuleError("review_date", IN_THE_FUTURE)] if review_date > today else []
