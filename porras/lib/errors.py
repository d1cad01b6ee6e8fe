"""The one vocabulary of domain errors.

Services raise these plain exceptions and nothing from the HTTP layer; the entry points map them
once each: ``porras/api.py`` for the JSON API (``{"error", "detail"}``), the FHIR app for
``OperationOutcome``, the web views for form errors, management commands for an exit status.

| error | meaning | API | FHIR |
|---|---|---|---|
| :class:`InputError` | input well-formed but invalid; ``errors`` name each field or item | 422 | 422 |
| :class:`NotFound` | no such thing, *or not yours to see* (never reveal existence) | 404 | 404 |
| :class:`Conflict` | stale version, duplicate, a clash with stored data | 409 | 409 |
| :class:`TooManyRequests` | a rate limit was reached | 429 | 429 |
| :class:`Unavailable` | a dependency of the action is missing (e.g. no data source) | 503 | 503 |

Permission is Django's own ``PermissionDenied`` (403), which the authorisation module raises.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


class DomainError(Exception):
    """Base of every domain error.

    ``extra``: members the JSON error body carries beside ``error`` and ``detail``, for what a caller
    must see even when its request is refused (the navigator's urgency and crisis contacts).
    """

    extra: Mapping[str, Any] = {}


class InputError(DomainError, ValueError):
    """Bad input. ``errors`` is a list of ``{"field" or "item": ..., "reason": ...}``, first error first."""

    def __init__(self, errors: Iterable[Mapping[str, Any]], extra: Mapping[str, Any] | None = None) -> None:
        self.errors: list[dict[str, Any]] = [dict(e) for e in errors]
        self.extra = dict(extra or {})
        super().__init__("; ".join(f"{e.get('field', e.get('item', ''))}: {e.get('reason', '')}" for e in self.errors))

    @classmethod
    def of(cls, field: str, reason: str) -> InputError:
        """One error about one field."""
        return cls([{"field": field, "reason": reason}])

    @property
    def fields(self) -> list[str]:
        return [str(e.get("field", e.get("item", ""))) for e in self.errors]


class NotFound(DomainError, LookupError):
    """Nothing found, or nothing the caller may know of: both answer the same."""


class Conflict(DomainError):
    """A write lost a race (stale version) or collides with existing data."""


class TooManyRequests(DomainError):
    """A rate limit was reached; ``retry_after`` seconds, when known."""

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Unavailable(DomainError):
    """The action cannot run here now (a missing data source, a service down)."""


HTTP_STATUS: dict[type[DomainError], tuple[int, str]] = {
    InputError: (422, "validation_error"),
    NotFound: (404, "not_found"),
    Conflict: (409, "conflict"),
    TooManyRequests: (429, "too_many_requests"),
    Unavailable: (503, "unavailable"),
}


def http_status(exc: DomainError) -> tuple[int, str]:
    """(status, error code) of a domain error: the one table both the API and FHIR use."""
    for kind in type(exc).__mro__:
        if kind in HTTP_STATUS:
            return HTTP_STATUS[kind]  # type: ignore[index]
    return 500, "internal_error"


def detail_of(exc: DomainError) -> Any:
    """What the ``detail`` of a JSON error says: the field errors of an input error, else the message."""
    if isinstance(exc, InputError):
        return exc.errors
    return str(exc) or type(exc).__name__
