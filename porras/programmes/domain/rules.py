"""The rules programme entities, projects and grants obey when a manager records them.

Each check returns the rules broken as :class:`RuleError` (the field and an English reason). The
services raise them as one ``InputError`` for the API; the managers' forms show each on its field as
a translated sentence (``porras.programmes.forms``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

BEFORE_START = "must not be before the start"
NOT_IN_ENTITY = "is not a project of this programme entity"
NEGATIVE = "must not be negative"


@dataclass(frozen=True)
class RuleError:
    """A rule broken by the value of ``field``."""

    field: str
    reason: str


def period_errors(start: date | None, end: date | None, end_field: str = "end") -> list[RuleError]:
    """A period (of an entity, a project, a grant) ends on or after the day it starts."""
    if start is not None and end is not None and end < start:
        return [RuleError(end_field, BEFORE_START)]
    return []


def year_reason(years: tuple[int, int]) -> str:
    return f"must be between {years[0]} and {years[1]}"


def grant_errors(
    *,
    entity: str | None,
    project_entity: str | None,
    amount_eur: Decimal | None,
    year: int | None,
    period_start: date | None,
    period_end: date | None,
    years: tuple[int, int],
) -> list[RuleError]:
    """A grant goes to a project of its own entity, is not negative, is decided in a year of
    ``years`` (inclusive) and its period ends on or after it starts."""
    errors = []
    if project_entity is not None and entity is not None and project_entity != entity:
        errors.append(RuleError("project", NOT_IN_ENTITY))
    if amount_eur is not None and amount_eur < 0:
        errors.append(RuleError("amount_eur", NEGATIVE))
    if year is not None and not years[0] <= year <= years[1]:
        errors.append(RuleError("year", year_reason(years)))
    return errors + period_errors(period_start, period_end, "period_end")
