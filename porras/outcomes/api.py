"""Report endpoints: aggregates only, scoped by the authorisation module, under the disclosure rule."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from porras.lib.errors import InputError
from porras.outcomes.domain.engine import ReportError, parse_group_by, parse_months
from porras.outcomes.domain.writers import MEDIA_TYPES, render
from porras.outcomes.services import run_for_user

router = Router(tags=["reports"])


class ReportQuery(Schema):
    group_by: str = ""
    format: Literal["json", "csv", "xlsx", "parquet"] = "json"
    county: str | None = None
    unit: str | None = None
    date_from: str | None = None  # first month, YYYY-MM (outcomes: month of end; access: of referral)
    date_to: str | None = None  # last month, YYYY-MM, included


class SourceOut(Schema):
    key: str
    citation: str
    used_for: str


class DisclosureOut(Schema):
    minimum: int
    rounding_base: int


class DefinitionsOut(Schema):
    version: str
    sources: list[SourceOut]
    disclosure: DisclosureOut


class ReportOut(Schema):
    groups: list[dict[str, Any]]
    definitions: DefinitionsOut


def _report(request: HttpRequest, kind: str, q: ReportQuery) -> Any:
    try:
        report = run_for_user(
            request.user,
            kind,
            parse_group_by(q.group_by),
            county=q.county,
            unit=q.unit,
            months=parse_months(q.date_from, q.date_to),
        )
    except ReportError as exc:
        field, _, reason = str(exc).partition(": ")
        raise InputError([{"field": field, "reason": reason or str(exc)}]) from None
    if q.format == "json":
        return report.as_dict()
    response = HttpResponse(render(report, q.format), content_type=MEDIA_TYPES[q.format])
    response["Content-Disposition"] = f'attachment; filename="porras-{kind}.{q.format}"'
    return response


_FILES = {
    "responses": {
        200: {
            "content": {
                media: {"schema": {"type": "string", "format": "binary"}}
                for fmt, media in MEDIA_TYPES.items()
                if fmt != "json"
            }
        }
    }
}


@router.get(
    "/reports/outcomes",
    response=ReportOut,
    summary="Outcome report (recovery, reliable change)",
    openapi_extra=_FILES,
)
def outcomes_report(request: HttpRequest, q: Query[ReportQuery]) -> Any:
    """Finished, paired episodes per group with recovery and reliable-change counts and rates.
    Groups with fewer finished episodes than the minimum (5 unless configured higher) are not
    listed, smaller counts are null, and counts are rounded to the nearest 5 unless the caller may
    read the records themselves (``definitions.disclosure``). ``date_from`` and ``date_to``
    (``YYYY-MM``) limit it to the episodes that ended in those months. ``format`` other than json
    returns a file with the same columns."""
    return _report(request, "outcomes", q)


@router.get(
    "/reports/access",
    response=ReportOut,
    summary="Access report (waits, guarantees, completion)",
    openapi_extra=_FILES,
)
def access_report(request: HttpRequest, q: Query[ReportQuery]) -> Any:
    """Referrals per group with waits, waiting-time shares, therapy and care guarantee compliance,
    completion and drop-out, under the same disclosure rule as the outcome report; ``date_from`` and
    ``date_to`` (``YYYY-MM``) limit it to the episodes referred in those months."""
    return _report(request, "access", q)
