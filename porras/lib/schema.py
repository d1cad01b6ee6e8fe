"""What every API input schema shares: unknown fields refused, plausible dates, bounded text.

Derive every request body from :class:`Input` (not ``ninja.Schema``): a field the endpoint does not
know answers 422 naming it, instead of being silently ignored. Use :data:`EventDate` for dates of
care events and ``Field(max_length=N)`` (N the column's own limit) for every stored string, so
that the edge refuses what the database would truncate or store implausibly.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, ConfigDict

# Dates of care events (referrals, appointments, measurements, reviews) lie in this window. The lower
# bound is before any service Porras can hold data of; the upper admits bookings a few years ahead.
EARLIEST_EVENT = dt.date(1990, 1, 1)
YEARS_AHEAD = 5


class Input(Schema):
    """Base of request bodies: extra fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


def _plausible(value: dt.date) -> dt.date:
    latest = dt.date.today().replace(month=12, day=31)
    latest = latest.replace(year=latest.year + YEARS_AHEAD)
    if not EARLIEST_EVENT <= value <= latest:
        raise ValueError(f"must be between {EARLIEST_EVENT.isoformat()} and {latest.isoformat()}")
    return value


def plausible_date(value: dt.date) -> dt.date:
    """The same bound for code outside a schema (forms, imports); raises ``ValueError``."""
    return _plausible(value)


EventDate = Annotated[dt.date, AfterValidator(_plausible)]
