"""Use cases of the service catalogue: save from the domain model, search, curation, exchange.

Every write is one transaction; curation writes are audited and checked against the authorisation
module (a unit or county manager edits the services of their own county, an administrator all).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from porras.accounts import audit, authz
from porras.accounts.models import County
from porras.accounts.roles import Perm
from porras.catalogue import search as search_index
from porras.catalogue.domain import hsds, rules, taxonomy, text
from porras.catalogue.domain import model as domain
from porras.catalogue.models import (
    Location,
    Organization,
    PublicationStatus,
    Service,
    ServiceAtLocation,
    ServiceTerm,
    TermVocabulary,
)
from porras.lib.errors import Conflict, InputError

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# The deepest page a search serves: 10,000 pages of up to 100 services is far beyond any catalogue,
# and keeps OFFSET within what both databases take (a larger page number is an input error, not a 500).
MAX_PAGE = 10_000
_LIST_FIELDS = (
    (TermVocabulary.CATEGORY, "categories"),
    (TermVocabulary.CHANNEL, "channels"),
    (TermVocabulary.AGE_GROUP, "age_groups"),
)


class CatalogueError(InputError):
    """Invalid catalogue input (an :class:`~porras.lib.errors.InputError`): ``"field: reason"``."""

    def __init__(self, *messages: str) -> None:
        errors = []
        for message in messages:
            field, _, reason = message.partition(": ")
            errors.append({"field": field, "reason": reason} if reason else {"field": "", "reason": message})
        super().__init__(errors)


class StaleEdit(Conflict):
    """The service changed since the editor loaded it."""


# ------------------------------------------------------------------------- domain <-> database


def to_domain(service: Service) -> domain.Service:
    """The domain (HSDS) view of a stored service: its stored document with the columns laid over it."""
    item = (
        hsds.service_from_document(service.hsds)
        if service.hsds
        else domain.Service(id=str(service.uuid), name=service.name_fi)
    )
    item.id = str(service.uuid)
    item.name, item.name_sv, item.name_en = service.name_fi, service.name_sv, service.name_en
    item.description = service.description_fi or None
    item.description_sv, item.description_en = service.description_sv, service.description_en
    item.url = service.url or None
    item.email = service.email or None
    item.minimum_age = service.minimum_age
    item.maximum_age = service.maximum_age
    item.referral_needed = service.referral_needed
    item.low_threshold = service.low_threshold
    item.free_of_charge = service.free_of_charge
    item.fictional = service.fictional
    item.county = service.county.code
    item.status = "active" if service.status == PublicationStatus.PUBLISHED else "inactive"
    for vocabulary, attr in _LIST_FIELDS:
        setattr(item, attr, service.codes(vocabulary))
    item.steps = service.steps
    wanted = service.codes(TermVocabulary.LANGUAGE)
    kept = [lang for lang in item.languages if lang.code in wanted]
    have = {lang.code for lang in kept}
    item.languages = kept + hsds.languages_from_codes(item.id, [c for c in wanted if c not in have])
    if service.organization is not None:
        org = service.organization
        base = item.organization if item.organization and item.organization.id == str(org.uuid) else None
        item.organization = replace(
            base or domain.Organization(id=str(org.uuid), name=org.name_fi, description=""),
            name=org.name_fi,
            name_sv=org.name_sv,
            name_en=org.name_en,
            description=org.description_fi or org.name_fi,
            description_sv=org.description_sv,
            description_en=org.description_en,
            website=org.website or None,
            email=org.email or None,
        )
    return item


def _organization_from(item: domain.Organization) -> Organization:
    org, _ = Organization.objects.update_or_create(
        uuid=uuid.UUID(item.id),
        defaults={
            "name_fi": item.name,
            "name_sv": item.name_sv,
            "name_en": item.name_en,
            "description_fi": item.description,
            "description_sv": item.description_sv,
            "description_en": item.description_en,
            "website": item.website or "",
            "email": item.email or "",
        },
    )
    return org


def _location_from(item: domain.Location) -> Location:
    address = item.addresses[0] if item.addresses else None
    location, _ = Location.objects.update_or_create(
        uuid=uuid.UUID(item.id),
        defaults={
            "location_type": item.location_type,
            "name": item.name or "",
            "address_1": address.address_1 if address else "",
            "postal_code": address.postal_code if address else "",
            "city": address.city if address else "",
            "municipality": item.municipality or "",
            "district": item.district or "",
            "latitude": item.latitude,
            "longitude": item.longitude,
            "accessibility": " ".join(a.description or "" for a in item.accessibility).strip(),
        },
    )
    return location


def _age(value: float | None, field: str) -> int | None:
    if value is None:
        return None
    if value != int(value) or not 0 <= value <= rules.MAX_AGE:
        raise CatalogueError(f"{field}: {value} is not a whole age between 0 and {rules.MAX_AGE}")
    return int(value)


@transaction.atomic
def save_domain(item: domain.Service, *, county: str | None = None, status: str | None = None) -> Service:
    """Create or update the stored service ``item.id`` from the domain model (no authorisation: for
    imports and demo data; curation goes through :func:`update_service`)."""
    county_code = item.county or county
    if not county_code:
        raise CatalogueError(f"county: service {item.id} ({item.name}) names no county; give one")
    try:
        county_obj = County.objects.get(code=county_code)
    except County.DoesNotExist:
        raise CatalogueError(f"county: unknown county code {county_code!r}") from None
    item = replace(item, county=county_obj.code)
    service = Service.objects.filter(uuid=uuid.UUID(item.id)).first() or Service(uuid=uuid.UUID(item.id))
    service.organization = _organization_from(item.organization) if item.organization else None
    service.county = county_obj
    if status is not None:
        service.status = status
    service.name_fi = item.name
    service.name_sv, service.name_en = item.name_sv, item.name_en
    service.description_fi = item.description or ""
    service.description_sv, service.description_en = item.description_sv, item.description_en
    service.url, service.email = item.url or "", item.email or ""
    service.minimum_age = _age(item.minimum_age, "minimum_age")
    service.maximum_age = _age(item.maximum_age, "maximum_age")
    service.referral_needed, service.low_threshold = item.referral_needed, item.low_threshold
    service.free_of_charge, service.fictional = item.free_of_charge, item.fictional
    service.hsds = hsds.service_to_hsds(item)
    service.search_places = text.place_text(item.place_names())
    if service.pk:
        service.version += 1
    service.updated_at = timezone.now()
    if service.status == PublicationStatus.PUBLISHED and service.published_at is None:
        service.published_at = service.updated_at
    service.save()
    _replace_terms(service, item)
    service.at_locations.all().delete()
    for at in item.service_at_locations:
        if at.location is not None:
            ServiceAtLocation.objects.create(
                uuid=uuid.UUID(at.id),
                service=service,
                location=_location_from(at.location),
                description=at.description or "",
            )
    return service


def _replace_terms(service: Service, item: domain.Service) -> None:
    service.terms.all().delete()
    rows = [(vocabulary, code) for vocabulary, attr in _LIST_FIELDS for code in getattr(item, attr)]
    rows += [(TermVocabulary.STEP, str(step)) for step in item.steps]
    rows += [(TermVocabulary.LANGUAGE, code) for code in item.language_codes]
    rows += [(TermVocabulary.AREA, area.county_code) for area in item.service_areas if area.county_code]
    unique = list(dict.fromkeys(rows))
    ServiceTerm.objects.bulk_create([ServiceTerm(service=service, vocabulary=v, code=c) for v, c in unique])


# ---------------------------------------------------------------------------------------- search


@dataclass
class SearchPage:
    results: list[Service]
    count: int
    page: int
    pages: int
    page_size: int


def _term(vocabulary: str, codes: Iterable[str]) -> Exists:
    return Exists(
        ServiceTerm.objects.filter(service=OuterRef("pk"), vocabulary=vocabulary, code__in=list(codes))
    )


def filter_services(qs: QuerySet[Service], filters: rules.Filters) -> QuerySet[Service]:
    """The filters of :class:`porras.catalogue.domain.rules.Filters` in SQL (same semantics)."""
    if filters.county:
        qs = qs.filter(Q(county__code=filters.county) | _term(TermVocabulary.AREA, [filters.county]))
    if filters.category:
        qs = qs.filter(_term(TermVocabulary.CATEGORY, [filters.category]))
    if filters.channel:
        qs = qs.filter(_term(TermVocabulary.CHANNEL, [filters.channel]))
    if filters.step is not None:
        qs = qs.filter(_term(TermVocabulary.STEP, [str(filters.step)]))
    if filters.language == rules.OTHER_LANGUAGE:
        qs = qs.filter(
            Exists(
                ServiceTerm.objects.filter(
                    service=OuterRef("pk"), vocabulary=TermVocabulary.LANGUAGE
                ).exclude(code__in=rules.MAIN_LANGUAGES)
            )
        )
    elif filters.language:
        qs = qs.filter(_term(TermVocabulary.LANGUAGE, [filters.language]))
    if filters.age is not None:
        age = filters.age
        has_range = Q(minimum_age__isnull=False) | Q(maximum_age__isnull=False)
        in_range = (Q(minimum_age__isnull=True) | Q(minimum_age__lte=age)) & (
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=age)
        )
        bounded = [
            t.code for t in taxonomy.terms("age_groups") if t.min_age is not None or t.max_age is not None
        ]
        qs = qs.filter(
            (has_range & in_range)
            | (
                ~has_range
                & (
                    ~_term(TermVocabulary.AGE_GROUP, bounded)
                    | _term(TermVocabulary.AGE_GROUP, taxonomy.age_group_codes_for(age))
                )
            )
        )
    return qs


def search(
    query: str | None,
    filters: rules.Filters,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    *,
    queryset: QuerySet[Service] | None = None,
) -> SearchPage:
    """Published services matching ``query`` and ``filters``, best first, one page of them.

    Without a query the order is by Finnish name. Raises :class:`InputError` naming ``q``, ``page``
    or ``page_size``.
    """
    if not 1 <= page <= MAX_PAGE:
        raise InputError.of("page", f"must be a whole number between 1 and {MAX_PAGE}")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InputError.of("page_size", f"must be between 1 and {MAX_PAGE_SIZE}")
    qs = queryset if queryset is not None else Service.objects.filter(status=PublicationStatus.PUBLISHED)
    qs = filter_services(qs, filters)
    try:
        plan = text.parse_query(query)
    except text.QueryError as error:
        raise CatalogueError(str(error)) from None
    ordered: list[int] | None = None
    if plan is None:
        qs = qs.order_by("name_fi", "pk")
    else:
        found = search_index.matching(qs, plan)
        if isinstance(found, list):
            ordered = found
        else:
            qs = found
    if ordered is not None:
        count = len(ordered)
        wanted = ordered[(page - 1) * page_size : page * page_size]
        by_pk = {s.pk: s for s in _with_relations(Service.objects.filter(pk__in=wanted))}
        results = [by_pk[pk] for pk in wanted]
    else:
        count = qs.count()
        results = list(_with_relations(qs)[(page - 1) * page_size : page * page_size])
    return SearchPage(
        results=results,
        count=count,
        page=page,
        pages=max(1, math.ceil(count / page_size)),
        page_size=page_size,
    )


def _with_relations(qs: QuerySet[Service]) -> QuerySet[Service]:
    return qs.select_related("county", "organization").prefetch_related("terms", "at_locations__location")


def find_services(county: str, step: int, age: int | None, language: str | None) -> list[dict[str, Any]]:
    """Published services of ``county`` whose step levels include ``step`` and whose target age and
    languages fit (``None`` = no constraint), as :meth:`Service.as_dict` dictionaries, by name.

    For the navigator. Raises ValueError naming the argument for an unknown county, step, age or language.
    """
    filters = rules.Filters.checked(county=county, step=step, age=age, language=language)
    qs = filter_services(Service.objects.filter(status=PublicationStatus.PUBLISHED), filters)
    return [service.as_dict() for service in _with_relations(qs.order_by("name_fi", "pk"))]


# -------------------------------------------------------------------------------------- curation


def editable_services(user: Any) -> QuerySet[Service]:
    """The services ``user`` may curate: their counties' (any county for an administrator)."""
    counties = authz.county_scope(user, Perm.CATALOGUE_EDIT)
    return Service.objects.filter(county__in=counties).select_related("county", "organization")


def can_edit(user: Any, service: Service) -> bool:
    return authz.county_scope(user, Perm.CATALOGUE_EDIT).filter(pk=service.county_id).exists()


def require_edit(user: Any, service: Service, action: str) -> None:
    if not can_edit(user, service):
        audit.record(user, action, "catalogue.Service", str(service.uuid), outcome=audit.Outcome.DENIED)
        raise PermissionDenied(Perm.CATALOGUE_EDIT.value)


def editable_counties(user: Any) -> QuerySet[County]:
    return authz.county_scope(user, Perm.CATALOGUE_EDIT)


@dataclass
class ServiceInput:
    """What the curation form edits."""

    county: str
    name_fi: str
    name_sv: str
    name_en: str
    description_fi: str
    description_sv: str
    description_en: str
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
    url: str = ""
    email: str = ""
    phones: list[str] = field(default_factory=list)
    booking_url: str = ""
    opening_days: list[str] = field(default_factory=list)  # iCalendar codes MO ... SU
    opens_at: str = ""  # "HH:MM"
    closes_at: str = ""
    hours_note: str = ""
    location_name: str = ""
    street_address: str = ""
    postal_code: str = ""
    city: str = ""
    municipality: str = ""
    district: str = ""

    @property
    def has_hours(self) -> bool:
        return bool(self.opening_days or self.opens_at or self.closes_at or self.hours_note or self.booking_url)

    @property
    def has_location(self) -> bool:
        return any((self.location_name, self.street_address, self.postal_code, self.city, self.municipality,
                    self.district))


def _apply_phones(item: domain.Service, numbers: list[str]) -> None:
    """The service's own phones: the numbers given, in order; a number kept keeps its HSDS record."""
    kept = {phone.number: phone for phone in item.phones}
    item.phones = [
        kept.get(number) or domain.Phone(id=hsds.derived_id(item.id, "phone", number), number=number, type="voice")
        for number in dict.fromkeys(numbers)
    ]


def _seconds(clock: str) -> str | None:
    return f"{clock}:00" if clock else None


def _apply_hours(item: domain.Service, data: ServiceInput) -> None:
    """The form edits the service's first schedule (its opening hours and booking link); others stay."""
    first, rest = (item.schedules[0], item.schedules[1:]) if item.schedules else (None, [])
    if not data.has_hours:
        item.schedules = rest
        return
    schedule = first or domain.Schedule(id=hsds.derived_id(item.id, "schedule"))
    schedule.freq = "WEEKLY" if data.opening_days else None
    schedule.byday = ",".join(data.opening_days) or None
    schedule.opens_at, schedule.closes_at = _seconds(data.opens_at), _seconds(data.closes_at)
    schedule.description = data.hours_note or None
    schedule.schedule_link = data.booking_url or None
    item.schedules = [schedule, *rest]


def _apply_location(item: domain.Service, data: ServiceInput, county_label: str) -> None:
    """The form edits the service's first location (name, street address, municipality, district);
    other locations stay."""
    first, rest = (item.service_at_locations[0], item.service_at_locations[1:]) if item.service_at_locations else (
        None, [])
    if not data.has_location:
        item.service_at_locations = rest
        return
    at = first or domain.ServiceAtLocation(id=hsds.derived_id(item.id, "at-location"))
    location = at.location or domain.Location(id=hsds.derived_id(item.id, "location"), location_type="physical")
    location.name = data.location_name or None
    location.municipality = data.municipality or None
    location.district = data.district or None
    address = location.addresses[0] if location.addresses else None
    if data.street_address or data.postal_code or data.city:
        if address is None:
            address = domain.Address(id=hsds.derived_id(location.id, "address"), address_1="", city="",
                                     state_province=county_label, postal_code="", country="FI",
                                     address_type="physical")
        address.address_1, address.postal_code, address.city = data.street_address, data.postal_code, data.city
        location.addresses = [address, *location.addresses[1:]]
    else:
        location.addresses = location.addresses[1:]
    at.location = location
    item.service_at_locations = [at, *rest]


def _apply(service: Service, data: ServiceInput) -> domain.Service:
    item = to_domain(service) if service.pk else domain.Service(id=str(service.uuid), name=data.name_fi)
    item.name, item.name_sv, item.name_en = data.name_fi, data.name_sv, data.name_en
    item.description, item.description_sv = data.description_fi, data.description_sv
    item.description_en = data.description_en
    item.categories, item.channels, item.age_groups = data.categories, data.channels, data.age_groups
    item.steps = sorted(data.steps)
    kept = [lang for lang in item.languages if lang.code in data.languages]
    have = {lang.code for lang in kept}
    item.languages = kept + hsds.languages_from_codes(item.id, [c for c in data.languages if c not in have])
    item.minimum_age, item.maximum_age = data.minimum_age, data.maximum_age
    item.referral_needed, item.low_threshold = data.referral_needed, data.low_threshold
    item.free_of_charge = data.free_of_charge
    item.url = data.url or None
    item.email = data.email or None
    item.county = data.county
    county = taxonomy.county(data.county)
    _apply_phones(item, data.phones)
    _apply_hours(item, data)
    _apply_location(item, data, county.label("fi"))
    others = [a for a in item.service_areas if a.county_code is None]
    item.service_areas = [
        domain.ServiceArea(
            id=hsds.derived_id(item.id, "area", county.code),
            name=county.label("fi"),
            description=county.label("sv"),
            uri=f"urn:porras:county:{county.code}",
        ),
        *others,
    ]
    return item


# Permission checks run before the write transaction, so that a denied attempt stays in the audit log.


def create_service(user: Any, data: ServiceInput) -> Service:
    county = County.objects.filter(code=data.county).first()
    if county is None or not editable_counties(user).filter(pk=county.pk).exists():
        audit.record(
            user,
            "catalogue.service.create",
            "catalogue.Service",
            "",
            outcome=audit.Outcome.DENIED,
            detail={"county": data.county},
        )
        raise PermissionDenied(Perm.CATALOGUE_EDIT.value)
    with transaction.atomic():
        draft = Service(uuid=uuid.uuid4(), county=county)
        service = save_domain(_apply(draft, data), status=PublicationStatus.DRAFT)
        audit.record(
            user,
            "catalogue.service.create",
            "catalogue.Service",
            str(service.uuid),
            detail={"county": data.county},
        )
    return service


def update_service(
    user: Any, service: Service, data: ServiceInput, *, expected_version: int | None = None
) -> Service:
    require_edit(user, service, "catalogue.service.update")
    if data.county != service.county.code and not editable_counties(user).filter(code=data.county).exists():
        audit.record(
            user,
            "catalogue.service.update",
            "catalogue.Service",
            str(service.uuid),
            outcome=audit.Outcome.DENIED,
            detail={"county": data.county},
        )
        raise PermissionDenied(Perm.CATALOGUE_EDIT.value)
    with transaction.atomic():
        locked = Service.objects.select_for_update().get(pk=service.pk)
        if expected_version is not None and locked.version != expected_version:
            raise StaleEdit(
                f"version: the service was changed by someone else (now version {locked.version})"
            )
        updated = save_domain(_apply(locked, data))
        audit.record(
            user,
            "catalogue.service.update",
            "catalogue.Service",
            str(updated.uuid),
            detail={"version": updated.version},
        )
    return updated


def set_status(user: Any, service: Service, status: str) -> Service:
    """Publish, withdraw or return to draft; publishing needs fi+sv texts, a county, steps ..."""
    require_edit(user, service, f"catalogue.service.{status}")
    with transaction.atomic():
        return _set_status(user, service, status)


def _set_status(user: Any, service: Service, status: str) -> Service:
    if status not in PublicationStatus.values:
        raise CatalogueError(f"status: {status!r} is not one of {', '.join(PublicationStatus.values)}")
    if status == PublicationStatus.PUBLISHED:
        problems = rules.publication_problems(to_domain(service))
        if problems:
            raise CatalogueError(*problems)
    service.status = status
    service.updated_at = timezone.now()
    service.version += 1
    if status == PublicationStatus.PUBLISHED and service.published_at is None:
        service.published_at = service.updated_at
    service.save(update_fields=["status", "updated_at", "version", "published_at"])
    audit.record(user, f"catalogue.service.{status}", "catalogue.Service", str(service.uuid))
    return service


# ------------------------------------------------------------------------------------ exchange


def export_hsds(queryset: QuerySet[Service] | None = None) -> list[dict[str, Any]]:
    """Published services (or ``queryset``) as HSDS 3.0 service documents, validated."""
    qs = queryset if queryset is not None else Service.objects.filter(status=PublicationStatus.PUBLISHED)
    services = _with_relations(qs.order_by("county__code", "name_fi", "uuid"))
    return hsds.export_services(to_domain(service) for service in services)


@dataclass
class ImportResult:
    created: int
    updated: int


@transaction.atomic
def import_catalogue(
    catalogue: domain.Catalogue, *, county: str | None = None, status: str = PublicationStatus.DRAFT
) -> ImportResult:
    """Store every service of an imported catalogue (all or nothing)."""
    if status not in PublicationStatus.values:
        raise CatalogueError(f"status: {status!r} is not one of {', '.join(PublicationStatus.values)}")
    missing = [s.name for s in catalogue.services if not (s.county or county)]
    if missing:
        raise CatalogueError(f"county: these services name no county, give --county: {', '.join(missing)}")
    existing = set(
        Service.objects.filter(uuid__in=[uuid.UUID(s.id) for s in catalogue.services]).values_list(
            "uuid", flat=True
        )
    )
    taken = [
        f"{at.id} (of {service.name})"
        for service in catalogue.services
        for at in service.service_at_locations
        if ServiceAtLocation.objects.filter(uuid=uuid.UUID(at.id)).exclude(service__uuid=uuid.UUID(service.id)).exists()
    ]
    if taken:
        raise CatalogueError(
            "service_at_locations: these ids belong to another stored service: " + ", ".join(taken)
        )
    for item in catalogue.services:
        save_domain(item, county=county, status=status)
    return ImportResult(created=len(catalogue.services) - len(existing), updated=len(existing))


def load_demo(path: Path | None = None) -> int:
    """Store the fictional demo catalogue (or the demo file ``path``) as published services (idempotent)."""
    from porras.catalogue.domain.demo import DEMO_FILE
    from porras.catalogue.domain.demo import load_demo as demo_catalogue

    catalogue = demo_catalogue(path or DEMO_FILE)
    import_catalogue(catalogue, status=PublicationStatus.PUBLISHED)
    return len(catalogue.services)
