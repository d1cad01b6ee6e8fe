"""JSON API of IPS: fidelity scoring and reviews, the specialist's caseload, employment reports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from porras.accounts.models import Unit
from porras.ips import services
from porras.ips.domain import Period, load_fidelity_scale
from porras.ips.domain.rules import MAX_HOURS_PER_WEEK
from porras.ips.models import FidelityReview
from porras.lib.downloads import tabular_download
from porras.lib.errors import InputError
from porras.lib.schema import EventDate, Input

router = Router(tags=["ips"])


class FidelityScoreIn(Input):
    # Items are checked by the domain (not by the schema) so that the error names the item.
    items: list[Any]


class FidelityScoreOut(Schema):
    total: int
    band: str


@router.post(
    "/ips/fidelity/score", response=FidelityScoreOut, auth=None, summary="Score a 25-item fidelity review"
)
def fidelity_score(request: HttpRequest, payload: FidelityScoreIn) -> dict[str, Any]:
    """Total (25-125) and band (`exemplary`, `good`, `fair`, `not_ips`) of 25 item ratings 1-5.

    A missing item or one outside 1-5 gives 422 naming the item (1-based, as on the printed scale).
    """
    result = services.score_fidelity_items(payload.items)
    return {"total": result.total, "band": result.band}


class ScaleItemOut(Schema):
    number: int
    key: str
    section: str
    name: str
    label: dict[str, str]
    anchors: dict[int, dict[str, str]]


class BandOut(Schema):
    code: str
    min: int
    max: int
    label: dict[str, str]
    source: str


class ScaleOut(Schema):
    id: str
    version: str
    source: dict[str, str]
    items: list[ScaleItemOut]
    bands: list[BandOut]


@router.get(
    "/ips/fidelity/scale", response=ScaleOut, auth=None, summary="The fidelity scale with its anchors"
)
def fidelity_scale(request: HttpRequest) -> dict[str, Any]:
    scale = load_fidelity_scale()
    return {
        "id": scale.id,
        "version": scale.version,
        "source": dict(scale.source),
        "items": [
            {
                "number": i.number,
                "key": i.key,
                "section": i.section,
                "name": i.name,
                "label": dict(i.label),
                "anchors": {k: dict(v) for k, v in i.anchors.items()},
            }
            for i in scale.items
        ],
        "bands": [
            {"code": b.code, "min": b.minimum, "max": b.maximum, "label": dict(b.label), "source": b.source}
            for b in scale.bands
        ],
    }


class ReviewIn(Input):
    review_date: EventDate = Field(description="The day of the review: today or earlier.")
    items: list[Any]
    reviewers: str = Field(default="", max_length=300)


class ReviewOut(Schema):
    id: int
    service: str
    review_date: date
    total: int
    band: str
    items: list[int]
    reviewers: str


def _review_out(r: Any) -> dict[str, Any]:
    return {
        "id": r.pk,
        "service": r.unit.code,
        "review_date": r.review_date,
        "total": r.total,
        "band": r.band,
        "items": list(r.items),
        "reviewers": r.reviewers,
    }


@router.get(
    "/ips/services/{code}/fidelity", response=list[ReviewOut], summary="Fidelity history of a service"
)
def fidelity_reviews(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    unit = services.fidelity_unit(request.user, code)
    reviews = FidelityReview.objects.filter(unit=unit).select_related("unit").order_by("review_date")
    return [_review_out(r) for r in reviews]


@router.post("/ips/services/{code}/fidelity", response={201: ReviewOut}, summary="Record a fidelity review")
def create_fidelity_review(request: HttpRequest, code: str, payload: ReviewIn) -> Status:
    unit = services.fidelity_unit(request.user, code)
    review = services.record_fidelity_review(
        request.user,
        unit,
        payload.review_date,
        payload.items,
        payload.reviewers,
    )
    return Status(201, _review_out(review))


class EmployerContactOut(Schema):
    contact_date: date
    employer: str


class EmploymentOut(Schema):
    employer: str
    job_title: str
    start_date: date
    end_date: date | None
    hours_per_week: Decimal | None
    hourly_pay: Decimal | None
    open_to_anyone: bool
    pays_going_wage: bool
    competitive: bool


class PathOut(Schema):
    id: int
    service: str
    client_code: str
    episode_code: str
    agreement_date: date
    vocational_profile_date: date | None
    job_search_start_date: date | None
    employer_agreement_date: date | None
    support_in_work_start_date: date | None
    exit_date: date | None
    phase: str
    days_to_first_employer_contact: int | None
    version: int
    employer_contacts: list[EmployerContactOut]
    employments: list[EmploymentOut]


def _path_out(p: Any) -> dict[str, Any]:
    return {
        "id": p.pk,
        "service": p.unit.code,
        **{k: getattr(p, k) for k in services.PATH_FIELDS},
        "phase": p.phase,
        "days_to_first_employer_contact": services.first_contact_days(p),
        "version": p.version,
        "employer_contacts": [
            {"contact_date": c.contact_date, "employer": c.employer} for c in p.employer_contacts.all()
        ],
        "employments": [
            {
                "employer": j.employer,
                "job_title": j.job_title,
                "start_date": j.start_date,
                "end_date": j.end_date,
                "hours_per_week": j.hours_per_week,
                "hourly_pay": j.hourly_pay,
                "open_to_anyone": j.open_to_anyone,
                "pays_going_wage": j.pays_going_wage,
                "competitive": j.is_competitive,
            }
            for j in p.employments.all()
        ],
    }


@router.get("/ips/caseload", response=list[PathOut], summary="The current user's IPS caseload")
def caseload(request: HttpRequest) -> list[dict[str, Any]]:
    return [_path_out(p) for p in services.list_caseload(request.user)]


class PathIn(Input):
    """A new path; every step is dated on or after the agreement."""

    service: str = Field(max_length=60)
    client_code: str = Field(min_length=1, max_length=60, pattern=r"^[-A-Za-z0-9_.]+$")
    episode_code: str = Field(default="", max_length=60)
    agreement_date: EventDate
    vocational_profile_date: EventDate | None = None
    job_search_start_date: EventDate | None = None
    employer_agreement_date: EventDate | None = None
    support_in_work_start_date: EventDate | None = None
    exit_date: EventDate | None = None


@router.post("/ips/clients", response={201: PathOut}, summary="Add a client to the caseload")
def create_path(request: HttpRequest, payload: PathIn) -> Status:
    unit = Unit.objects.filter(code=payload.service).first()
    if unit is None:
        raise InputError([{"field": "service", "reason": f"unknown IPS service {payload.service!r}"}])
    values = payload.dict(exclude={"service"})
    path = services.create_path(request.user, unit, values)
    return Status(201, _path_out(path))


@router.get("/ips/clients/{pk}", response=PathOut, summary="One client path of the caseload")
def get_path(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _path_out(services.get_path(request.user, pk))


class PathUpdateIn(Input):
    """The fields to change; ``version`` is the one read (a concurrent edit answers 409)."""

    version: int
    episode_code: str | None = Field(default=None, max_length=60)
    vocational_profile_date: EventDate | None = None
    job_search_start_date: EventDate | None = None
    employer_agreement_date: EventDate | None = None
    support_in_work_start_date: EventDate | None = None
    exit_date: EventDate | None = None


@router.patch("/ips/clients/{pk}", response=PathOut, summary="Update the dates of a client path")
def update_path(request: HttpRequest, pk: int, payload: PathUpdateIn) -> dict[str, Any]:
    values = payload.dict(exclude={"version"}, exclude_unset=True)
    return _path_out(services.update_path(request.user, pk, values, payload.version))


class ContactIn(Input):
    """A contact on or after the path's agreement date."""

    contact_date: EventDate
    employer: str = Field(min_length=1, max_length=200)


@router.post(
    "/ips/clients/{pk}/employer-contacts",
    response={201: EmployerContactOut},
    summary="Record an employer contact",
)
def add_contact(request: HttpRequest, pk: int, payload: ContactIn) -> Status:
    contact = services.add_employer_contact(request.user, pk, payload.contact_date, payload.employer)
    return Status(201, {"contact_date": contact.contact_date, "employer": contact.employer})


class EmploymentIn(Input):
    """A job; the service checks its dates, hours (0-168, the hours in a week) and pay (not negative)."""

    employer: str = Field(min_length=1, max_length=200)
    job_title: str = Field(default="", max_length=200)
    start_date: EventDate
    end_date: EventDate | None = None
    hours_per_week: Decimal | None = Field(
        default=None, ge=0, le=MAX_HOURS_PER_WEEK, max_digits=5, decimal_places=2
    )
    hourly_pay: Decimal | None = Field(default=None, ge=0, max_digits=7, decimal_places=2)
    open_to_anyone: bool = True
    pays_going_wage: bool = True


@router.post("/ips/clients/{pk}/employments", response={201: EmploymentOut}, summary="Record a job start")
def add_employment(request: HttpRequest, pk: int, payload: EmploymentIn) -> Status:
    job = services.add_employment(request.user, pk, payload.dict())
    return Status(201, {**payload.dict(), "competitive": job.is_competitive})


def _periods(text: str) -> list[Period]:
    try:
        return [Period.parse(p) for p in text.split(",") if p.strip()]
    except ValueError as exc:
        raise InputError([{"field": "periods", "reason": str(exc)}]) from exc


@router.get("/ips/reports/employment", summary="Employment outcomes per service and period (disclosure-controlled)")
def employment_report(
    request: HttpRequest,
    periods: str,
    on: date | None = None,
    min_cell: int | None = None,
    format: Literal["json", "csv", "xlsx"] = "json",
    group_by: Literal["service", "county", "collaborative_area"] = "service",
) -> Any:
    """`periods` e.g. `2024Q1,2024Q2` or `2024`; caseload sizes are counted on `on` (default today).
    `group_by` groups the rate and delay tables by IPS service (`service_id`, the default), by its
    county (`county`) or by the county's collaborative area (`collaborative_area`); the group's column
    is named so.

    Cells with fewer clients than the configured minimum (`PORRAS_SUPPRESSION_MIN`, 5 by default)
    are not listed, smaller counts are null, counts are rounded (`PORRAS_ROUNDING_BASE`) and rates
    come from the exact counts. `min_cell` may raise the minimum; a lower one is refused (422)."""
    report = services.employment_report(request.user, _periods(periods), on or date.today(), min_cell, group_by)
    rates = report.rows(report.rates)
    delays = report.rows(report.contact_delays)
    caseloads = [c.__dict__ for c in report.caseloads]
    if format in ("csv", "xlsx"):
        columns = [report.group_column, "period", "clients", "competitively_employed", "rate", "suppressed"]
        return tabular_download(rates, columns, format, "ips-employment", sheet="employment")
    return {
        "min_cell": report.policy.minimum,
        "rounding_base": report.policy.base,
        "periods": report.periods,
        "group_by": report.group_by,
        "competitive_employment": rates,
        "days_to_first_employer_contact": delays,
        "caseload_sizes": caseloads,
    }
