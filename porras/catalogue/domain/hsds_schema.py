"""Porras's own schema of the Open Referral HSDS 3.0 objects it reads and writes.

Pydantic models of ``service``, ``organization``, ``service_at_location`` and everything they embed
(locations, addresses, phones, contacts, schedules, languages, service areas, accessibility, cost
options, funding, programs, required documents, organisation identifiers, attributes, taxonomy terms,
metadata), with the constraints HSDS 3.0's JSON schemas state: the JSON types, the required fields,
the enumerations and the ``uuid``, ``email``, ``uri`` and ``date-time`` formats. Keys HSDS does not
define are allowed, as HSDS allows them (``additionalProperties`` is not restricted there).

Porras adds its own bounds at the edge, because an import is stored and shown to residents:

- a web address (``url``, ``website``, ``schedule_link`` ...) is ``http`` or ``https`` with a host:
  HSDS's ``uri`` format admits ``javascript:`` and ``data:`` addresses, which a link must never carry;
  an identifier URI (``term_uri``, an organisation's ``uri``) may have any scheme but those;
- an e-mail address is checked by email-validator (HSDS's format check only asks for an ``@``);
- a string stored in a column is no longer than the column (:mod:`.model`'s ``*_MAX_LENGTH``), any other
  string at most :data:`MAX_TEXT` characters.

The official JSON schemas are not needed at run time: the tests validate every export against them
(and import the official examples) when they are at hand, as an oracle for these models.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    AnyUrl,
    BaseModel,
    ConfigDict,
    HttpUrl,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    field_validator,
)

from .model import (
    CITY_MAX_LENGTH,
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    POSTAL_CODE_MAX_LENGTH,
    URL_MAX_LENGTH,
)

# Porras's bound on any free text of an imported document (descriptions, notes, attribute values):
# far above any real service description, low enough that one field cannot fill the database.
MAX_TEXT = 10_000
# A web address that no column limits (schedule links, accessibility pages): browsers' practical limit.
MAX_LINK = 2_000
UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data", "file", "blob", "filesystem"})

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_WEB_ADDRESS: TypeAdapter[HttpUrl] = TypeAdapter(HttpUrl)
_ANY_URI: TypeAdapter[AnyUrl] = TypeAdapter(AnyUrl)


def _uuid(value: str) -> str:
    if not _UUID.match(value):
        raise ValueError(f"{value!r} is not a UUID (8-4-4-4-12 hexadecimal digits)")
    return value


def _email(value: str) -> str:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        raise ValueError(f"{value!r} is not an e-mail address: {error}") from None
    return value


def _web_address(value: str) -> str:
    try:
        _WEB_ADDRESS.validate_python(value)
    except ValidationError as error:
        reason = error.errors()[0]["msg"]
        raise ValueError(f"{value!r} is not an http or https web address ({reason})") from None
    return value


def _uri(value: str) -> str:
    try:
        scheme = _ANY_URI.validate_python(value).scheme
    except ValidationError as error:
        raise ValueError(f"{value!r} is not an absolute URI ({error.errors()[0]['msg']})") from None
    if scheme.lower() in UNSAFE_SCHEMES:
        raise ValueError(f"{value!r}: a {scheme}: URI is not allowed")
    return value


def _date_time(value: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None or "T" not in value.upper():
        raise ValueError(f"{value!r} is not an RFC 3339 date-time (e.g. 2023-03-15T10:30:45Z)")
    return value


def _bounded(limit: int) -> Any:
    return StringConstraints(max_length=limit)


Text = Annotated[str, _bounded(MAX_TEXT)]
Name = Annotated[str, _bounded(NAME_MAX_LENGTH)]
Uuid = Annotated[str, AfterValidator(_uuid)]
Email = Annotated[str, _bounded(EMAIL_MAX_LENGTH), AfterValidator(_email)]
WebAddress = Annotated[str, _bounded(MAX_LINK), AfterValidator(_web_address)]
StoredWebAddress = Annotated[str, _bounded(URL_MAX_LENGTH), AfterValidator(_web_address)]
Uri = Annotated[str, _bounded(MAX_LINK), AfterValidator(_uri)]
DateTime = Annotated[str, AfterValidator(_date_time)]


class HsdsObject(BaseModel):
    """Base of every HSDS object: JSON types exactly (no coercion), unknown keys kept, no ``null``.

    HSDS's schemas type every property without ``null``; a property is either absent or of its type.
    """

    model_config = ConfigDict(strict=True, extra="allow")

    @field_validator("*", mode="before")
    @classmethod
    def _present_means_not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("null is not allowed: leave the property out instead")
        return value


class Metadata(HsdsObject):
    id: Uuid
    resource_id: Uuid | None = None
    resource_type: Text | None = None
    last_action_date: Text
    last_action_type: Text
    field_name: Text
    previous_value: Text
    replacement_value: Text
    updated_by: Text


class Record(HsdsObject):
    id: Uuid
    metadata: list[Metadata] = []


class Taxonomy(Record):
    name: Text
    description: Text
    uri: Uri | None = None
    version: Text | None = None


class TaxonomyTerm(Record):
    code: Text | None = None
    name: Text
    description: Text
    parent_id: Uuid | None = None
    taxonomy: Text | None = None
    taxonomy_detail: Taxonomy | None = None
    language: Text | None = None
    taxonomy_id: Uuid | None = None
    term_uri: Uri | None = None


class Attribute(Record):
    link_id: Uuid | None = None
    taxonomy_term_id: Uuid | None = None
    link_type: Text | None = None
    link_entity: Text | None = None
    value: Text | None = None
    taxonomy_term: TaxonomyTerm | None = None


class Described(Record):
    """A record that may carry HSDS attributes."""

    attributes: list[Attribute] = []


class Language(Described):
    service_id: Uuid | None = None
    location_id: Uuid | None = None
    phone_id: Uuid | None = None
    name: Text | None = None
    code: Text | None = None
    note: Text | None = None


class Phone(Described):
    location_id: Uuid | None = None
    service_id: Uuid | None = None
    organization_id: Uuid | None = None
    contact_id: Uuid | None = None
    service_at_location_id: Uuid | None = None
    number: Text
    extension: float | None = None
    type: Text | None = None
    description: Text | None = None
    languages: list[Language] = []


class Contact(Described):
    organization_id: Uuid | None = None
    service_id: Uuid | None = None
    service_at_location_id: Uuid | None = None
    location_id: Uuid | None = None
    name: Text | None = None
    title: Text | None = None
    department: Text | None = None
    email: Email | None = None
    phones: list[Phone] = []


class Schedule(Described):
    service_id: Uuid | None = None
    location_id: Uuid | None = None
    service_at_location_id: Uuid | None = None
    valid_from: Text | None = None
    valid_to: Text | None = None
    dtstart: Text | None = None
    timezone: float | None = None
    until: Text | None = None
    wkst: Literal["MO", "TU", "WE", "TH", "FR", "SA", "SU"] | None = None
    freq: Literal["WEEKLY", "MONTHLY"] | None = None
    interval: float | None = None
    count: float | None = None
    byday: Text | None = None
    byweekno: Text | None = None
    bymonthday: Text | None = None
    byyearday: Text | None = None
    description: Text | None = None
    opens_at: Text | None = None
    closes_at: Text | None = None
    schedule_link: WebAddress | None = None
    attending_type: Text | None = None
    notes: Text | None = None


class ServiceArea(Described):
    service_id: Uuid | None = None
    name: Text | None = None
    description: Text | None = None
    extent: Text | None = None
    extent_type: Text | None = None
    uri: Text | None = None  # no format in HSDS; Porras writes urn:porras:county:<code>


class Address(Described):
    location_id: Uuid | None = None
    attention: Text | None = None
    address_1: Name
    address_2: Text | None = None
    city: Annotated[str, _bounded(CITY_MAX_LENGTH)]
    region: Text | None = None
    state_province: Text
    postal_code: Annotated[str, _bounded(POSTAL_CODE_MAX_LENGTH)]
    country: Text
    address_type: Literal["physical", "postal", "virtual"]


class Accessibility(Described):
    location_id: Uuid | None = None
    description: Text | None = None
    details: Text | None = None
    url: WebAddress | None = None


class Location(Described):
    location_type: Literal["physical", "postal", "virtual"]
    url: WebAddress | None = None
    organization_id: Uuid | None = None
    name: Name | None = None
    alternate_name: Text | None = None
    description: Text | None = None
    transportation: Text | None = None
    latitude: float | None = None
    longitude: float | None = None
    external_identifier: Text | None = None
    external_identifier_type: Text | None = None
    languages: list[Language] = []
    addresses: list[Address] = []
    contacts: list[Contact] = []
    accessibility: list[Accessibility] = []
    phones: list[Phone] = []
    schedules: list[Schedule] = []


class CostOption(Described):
    service_id: Uuid | None = None
    valid_from: Text | None = None
    valid_to: Text | None = None
    option: Text | None = None
    amount: float | None = None
    currency: Text | None = None
    amount_description: Text | None = None


class Funding(Described):
    organization_id: Uuid | None = None
    service_id: Uuid | None = None
    source: Text | None = None


class RequiredDocument(Described):
    service_id: Uuid | None = None
    document: Text | None = None
    uri: WebAddress | None = None


class Program(Described):
    organization_id: Uuid | None = None
    name: Text
    alternate_name: Text | None = None
    description: Text


class OrganizationIdentifier(Described):
    organization_id: Uuid | None = None
    identifier_scheme: Text | None = None
    identifier_type: Text
    identifier: Text


class Organization(Described):
    name: Name
    alternate_name: Text | None = None
    description: Text
    email: Email | None = None
    website: StoredWebAddress | None = None
    tax_status: Text | None = None
    tax_id: Text | None = None
    year_incorporated: float | None = None
    legal_status: Text | None = None
    logo: Text | None = None
    uri: Uri | None = None
    parent_organization_id: Uuid | None = None
    funding: list[Funding] = []
    contacts: list[Contact] = []
    phones: list[Phone] = []
    locations: list[Location] = []
    programs: list[Program] = []
    organization_identifiers: list[OrganizationIdentifier] = []
    services: list[Service] = []


class Service(Described):
    organization_id: Uuid | None = None
    program_id: Uuid | None = None
    name: Name
    alternate_name: Text | None = None
    description: Text | None = None
    url: StoredWebAddress | None = None
    email: Email | None = None
    status: Literal["active", "inactive", "defunct", "temporarily closed"]
    interpretation_services: Text | None = None
    application_process: Text | None = None
    fees_description: Text | None = None
    wait_time: Text | None = None
    fees: Text | None = None
    accreditations: Text | None = None
    eligibility_description: Text | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    assured_date: Text | None = None
    assurer_email: Email | None = None
    licenses: Text | None = None
    alert: Text | None = None
    last_modified: DateTime | None = None
    phones: list[Phone] = []
    schedules: list[Schedule] = []
    service_areas: list[ServiceArea] = []
    service_at_locations: list[ServiceAtLocation] = []
    languages: list[Language] = []
    organization: Organization | None = None
    funding: list[Funding] = []
    cost_options: list[CostOption] = []
    program: Program | None = None
    required_documents: list[RequiredDocument] = []
    contacts: list[Contact] = []


class ServiceAtLocation(Described):
    service_id: Uuid | None = None
    location_id: Uuid | None = None
    description: Text | None = None
    contacts: list[Contact] = []
    phones: list[Phone] = []
    schedules: list[Schedule] = []
    location: Location | None = None
    service: Service | None = None


Organization.model_rebuild()
Service.model_rebuild()
ServiceAtLocation.model_rebuild()

MODELS: dict[str, type[HsdsObject]] = {
    "service": Service,
    "organization": Organization,
    "service_at_location": ServiceAtLocation,
}


def problems(document: Any, kind: str) -> list[tuple[tuple[str | int, ...], str]]:
    """(location, message) of every way ``document`` breaks the schema of ``kind``; empty when valid."""
    try:
        MODELS[kind].model_validate(document)
    except ValidationError as error:
        return [(tuple(e["loc"]), _message(e)) for e in error.errors(include_url=False)]
    return []


def _message(error: Any) -> str:
    if error["type"] == "missing":
        return f"{error['loc'][-1]!r} is a required property"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")
