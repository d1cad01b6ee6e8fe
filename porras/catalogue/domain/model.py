"""A plain data model of the catalogue, close to Open Referral HSDS 3.0.

Field names follow HSDS wherever HSDS has the concept. Fields HSDS does not have (Swedish and English
texts, county, categories, channels, age groups, steps, flags) are marked ``porras`` in their field
metadata; :mod:`.hsds` stores them in HSDS ``attributes`` with Porras taxonomy terms. HSDS fields that
Porras does not model are kept verbatim in ``extras`` so that an import loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PORRAS = {"porras": True}

# Column limits of the stored catalogue, defined once: porras.catalogue.models declares its columns
# with them and the HSDS schema (:mod:`.hsds_schema`) refuses longer imports at the edge.
NAME_MAX_LENGTH = 300
URL_MAX_LENGTH = 200  # Django's URLField default, kept by the existing columns
EMAIL_MAX_LENGTH = 254  # RFC 5321's path limit, Django's EmailField default
POSTAL_CODE_MAX_LENGTH = 20
CITY_MAX_LENGTH = 120


@dataclass(kw_only=True)
class Language:
    """A language a service, location or phone is delivered in (HSDS ``language``)."""

    id: str
    name: str | None = None
    code: str | None = None
    note: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Phone:
    id: str
    number: str
    extension: float | None = None
    type: str | None = None
    description: str | None = None
    languages: list[Language] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Contact:
    id: str
    name: str | None = None
    title: str | None = None
    department: str | None = None
    email: str | None = None
    phones: list[Phone] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Schedule:
    """Opening hours as an iCalendar-like recurrence (HSDS ``schedule``)."""

    id: str
    freq: str | None = None
    interval: float | None = None
    byday: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    dtstart: str | None = None
    until: str | None = None
    wkst: str | None = None
    description: str | None = None
    attending_type: str | None = None
    notes: str | None = None
    schedule_link: str | None = None  # a page to see the sessions and book one (HSDS)
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class ServiceArea:
    """An area served. Porras writes ``uri`` as ``urn:porras:county:<code>`` for a county."""

    id: str
    name: str | None = None
    description: str | None = None
    extent: str | None = None
    extent_type: str | None = None
    uri: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def county_code(self) -> str | None:
        prefix = "urn:porras:county:"
        return self.uri[len(prefix) :] if self.uri and self.uri.startswith(prefix) else None


@dataclass(kw_only=True)
class Address:
    id: str
    address_1: str
    city: str
    state_province: str
    postal_code: str
    country: str
    address_type: str
    attention: str | None = None
    address_2: str | None = None
    region: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Accessibility:
    id: str
    description: str | None = None
    details: str | None = None
    url: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Location:
    id: str
    location_type: str
    name: str | None = None
    alternate_name: str | None = None
    description: str | None = None
    url: str | None = None
    transportation: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    languages: list[Language] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    accessibility: list[Accessibility] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)
    schedules: list[Schedule] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    # Porras fields (HSDS location attributes of the taxonomy porras-place on exchange): where the
    # location is, for search by place and for the service page.
    municipality: str | None = field(default=None, metadata=PORRAS)
    district: str | None = field(default=None, metadata=PORRAS)

    def place_names(self) -> list[str]:
        """Municipality, district and the addresses' cities, each once."""
        names = [self.municipality, self.district, *(a.city for a in self.addresses)]
        return list(dict.fromkeys(n.strip() for n in names if n and n.strip()))


@dataclass(kw_only=True)
class ServiceAtLocation:
    id: str
    description: str | None = None
    contacts: list[Contact] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)
    schedules: list[Schedule] = field(default_factory=list)
    location: Location | None = None
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class CostOption:
    id: str
    option: str | None = None
    amount: float | None = None
    currency: str | None = None
    amount_description: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class TaxonomyTerm:
    id: str
    name: str
    description: str
    code: str | None = None
    taxonomy: str | None = None
    parent_id: str | None = None
    language: str | None = None
    term_uri: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Attribute:
    """An HSDS attribute that is not one of Porras's own (those live in typed fields)."""

    id: str
    link_type: str | None = None
    link_entity: str | None = None
    value: str | None = None
    taxonomy_term: TaxonomyTerm | None = None
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Organization:
    """The organisation that provides services (a county, a city, an NGO)."""

    id: str
    name: str
    description: str
    alternate_name: str | None = None
    email: str | None = None
    website: str | None = None
    uri: str | None = None
    attributes: list[Attribute] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    name_sv: str = field(default="", metadata=PORRAS)
    name_en: str = field(default="", metadata=PORRAS)
    description_sv: str = field(default="", metadata=PORRAS)
    description_en: str = field(default="", metadata=PORRAS)

    def text(self, attribute: str, language: str) -> str:
        return localized(self, attribute, language)


@dataclass(kw_only=True)
class Service:
    """A service; ``name`` and ``description`` are the Finnish texts (HSDS's primary ones)."""

    id: str
    name: str
    status: str = "active"
    description: str | None = None
    alternate_name: str | None = None
    url: str | None = None
    email: str | None = None
    interpretation_services: str | None = None
    application_process: str | None = None
    fees_description: str | None = None
    wait_time: str | None = None
    eligibility_description: str | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    alert: str | None = None
    last_modified: str | None = None
    phones: list[Phone] = field(default_factory=list)
    schedules: list[Schedule] = field(default_factory=list)
    service_areas: list[ServiceArea] = field(default_factory=list)
    service_at_locations: list[ServiceAtLocation] = field(default_factory=list)
    languages: list[Language] = field(default_factory=list)
    organization: Organization | None = None
    cost_options: list[CostOption] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    attributes: list[Attribute] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    # Porras fields (HSDS attributes on exchange)
    name_sv: str = field(default="", metadata=PORRAS)
    name_en: str = field(default="", metadata=PORRAS)
    description_sv: str = field(default="", metadata=PORRAS)
    description_en: str = field(default="", metadata=PORRAS)
    county: str | None = field(default=None, metadata=PORRAS)
    categories: list[str] = field(default_factory=list, metadata=PORRAS)
    channels: list[str] = field(default_factory=list, metadata=PORRAS)
    age_groups: list[str] = field(default_factory=list, metadata=PORRAS)
    steps: list[int] = field(default_factory=list, metadata=PORRAS)
    referral_needed: bool | None = field(default=None, metadata=PORRAS)
    low_threshold: bool | None = field(default=None, metadata=PORRAS)
    free_of_charge: bool | None = field(default=None, metadata=PORRAS)
    fictional: bool = field(default=False, metadata=PORRAS)

    def text(self, attribute: str, language: str) -> str:
        return localized(self, attribute, language)

    def place_names(self) -> list[str]:
        """The names of the places the service is at (see :meth:`Location.place_names`)."""
        names: list[str] = []
        for at in self.service_at_locations:
            if at.location is not None:
                names += at.location.place_names()
        return list(dict.fromkeys(names))

    @property
    def language_codes(self) -> list[str]:
        """ISO 639-1 codes of the languages the service is delivered in, in order, without repeats."""
        return list(dict.fromkeys(lang.code for lang in self.languages if lang.code))


def localized(entity: Service | Organization, attribute: str, language: str) -> str:
    """``name``/``description`` in ``language`` ("fi", "sv", "en"); empty when that text is missing."""
    if attribute not in ("name", "description"):
        raise ValueError(f"attribute: {attribute!r} has no translations (name, description)")
    if language == "fi":
        return getattr(entity, attribute) or ""
    if language in ("sv", "en"):
        return str(getattr(entity, f"{attribute}_{language}") or "")
    raise ValueError(f"language: {language!r} is not one of fi, sv, en")


@dataclass
class Catalogue:
    """What an import yields: the organisations and services of one document."""

    organizations: list[Organization] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
