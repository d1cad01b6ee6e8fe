"""``GET /api/v1/services``: public search of the published catalogue; ``GET /api/v1/services/{id}``."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from porras.catalogue import services
from porras.catalogue.domain import rules
from porras.catalogue.models import PublicationStatus, Service
from porras.lib.errors import InputError, NotFound
from porras.lib.schema import Input

router = Router(tags=["catalogue"])


class SearchParams(Input):
    """The query parameters of the search. Codes are checked against the taxonomy, the query's length
    and the page bounds by the search itself, so that every error names the parameter plainly."""

    q: str | None = None
    county: str | None = None
    category: str | None = None
    age: str | None = None
    language: str | None = None
    channel: str | None = None
    step: str | None = None
    page: int = 1
    page_size: int = services.PAGE_SIZE


class OpeningHours(Schema):
    """One HSDS schedule: iCalendar weekday codes (``MO,TU,...``), times, and its own words."""

    byday: str | None
    opens_at: str | None
    closes_at: str | None
    description: str | None


class AddressOut(Schema):
    name: str
    street_address: str
    postal_code: str
    city: str
    municipality: str
    district: str
    accessibility: str


class ServiceOut(Schema):
    id: str
    name: dict[str, str]
    description: dict[str, str]
    county: str
    organization: str | None
    categories: list[str]
    channels: list[str]
    age_groups: list[str]
    languages: list[str]
    steps: list[int]
    minimum_age: int | None
    maximum_age: int | None
    referral_needed: bool | None
    low_threshold: bool | None
    free_of_charge: bool | None
    fictional: bool
    url: str | None
    phones: list[str]
    locations: list[str]
    email: str | None
    booking_url: str | None
    opening_hours: list[OpeningHours]
    addresses: list[AddressOut]


class ServicePage(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[ServiceOut]


def run_search(params: SearchParams, given: Iterable[str] = ()) -> services.SearchPage:
    """Validated search; every bad parameter, and every parameter in ``given`` that the search does not
    know, becomes a 422 naming the parameter."""
    problems: list[dict[str, str]] = [
        {"field": name, "reason": "unknown parameter"}
        for name in sorted(set(given) - set(SearchParams.model_fields))
    ]
    filters = rules.Filters()
    try:
        filters = rules.Filters.checked(
            county=params.county,
            category=params.category,
            age=params.age,
            language=params.language,
            channel=params.channel,
            step=params.step,
        )
    except ValueError as error:
        field, _, reason = str(error).partition(": ")
        names = {"categories": "category", "channels": "channel", "languages": "language", "steps": "step"}
        problems.append({"field": names.get(field, field), "reason": reason})
    if problems:
        raise InputError(problems)
    return services.search(params.q, filters, params.page, params.page_size)


@router.get(
    "/services",
    response=ServicePage,
    auth=None,
    summary="Search published services (Finnish and Swedish inflected words), ranked and paginated",
)
def search_services(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    page = run_search(params, request.GET.keys())
    return {
        "count": page.count,
        "page": page.page,
        "pages": page.pages,
        "page_size": page.page_size,
        "results": [service.as_dict() for service in page.results],
    }


@router.get("/services/{service_id}", response=ServiceOut, auth=None, summary="One published service")
def get_service(request: HttpRequest, service_id: str) -> dict[str, Any]:
    try:
        key = uuid.UUID(service_id)
    except ValueError:
        raise NotFound("service not found") from None
    service = (
        Service.objects.filter(uuid=key, status=PublicationStatus.PUBLISHED)
        .select_related("county", "organization")
        .prefetch_related("terms", "at_locations__location")
        .first()
    )
    if service is None:
        raise NotFound("service not found")
    return service.as_dict()
