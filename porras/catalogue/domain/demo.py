"""The fictional demo catalogue (``porras/catalogue/data/demo_catalogue.yaml``) as model objects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from . import taxonomy
from .hsds import derived_id, languages_from_codes
from .model import (
    Accessibility,
    Address,
    Catalogue,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from .rules import publication_problems

DEMO_FILE = taxonomy.DATA_DIR / "demo_catalogue.yaml"
# Services for children, young people and families (the youth navigator's), loaded beside it.
YOUTH_DEMO_FILE = taxonomy.DATA_DIR / "demo_youth_services.yaml"

_SERVICE_KEYS = {
    "key",
    "organization",
    "county",
    "name",
    "description",
    "categories",
    "steps",
    "channels",
    "age_groups",
    "minimum_age",
    "maximum_age",
    "languages",
    "referral_needed",
    "low_threshold",
    "free_of_charge",
    "hours",
    "location",
    "phone",
    "cost",
    "url",
    "booking",
}


class DemoDataError(ValueError):
    """The demo file is inconsistent; the message names the entry and field."""


def demo_id(kind: str, key: str) -> str:
    return derived_id("demo", kind, key)


def _texts(entry: dict[str, Any], field_name: str, where: str) -> dict[str, str]:
    value = entry.get(field_name)
    if not isinstance(value, dict) or not value.get("fi") or not value.get("sv"):
        raise DemoDataError(f"{where}.{field_name}: needs at least fi and sv texts")
    unknown = sorted(str(key) for key in set(value) - {"fi", "sv", "en"})
    if unknown or not all(isinstance(text, str) for text in value.values()):
        raise DemoDataError(
            f"{where}.{field_name}: only fi, sv, en texts are allowed "
            f"(got {', '.join(unknown) or 'a non-text value'})"
        )
    return {lang: str(value.get(lang) or "") for lang in ("fi", "sv", "en")}


def _organization(entry: dict[str, Any], where: str) -> Organization:
    name = _texts(entry, "name", where)
    description = _texts(entry, "description", where)
    return Organization(
        id=demo_id("organization", entry["key"]),
        name=name["fi"],
        name_sv=name["sv"],
        name_en=name["en"],
        description=description["fi"],
        description_sv=description["sv"],
        description_en=description["en"],
    )


def _service(entry: dict[str, Any], where: str, organizations: dict[str, Organization]) -> Service:
    unknown = sorted(set(entry) - _SERVICE_KEYS)
    if unknown:
        raise DemoDataError(f"{where}: unknown field(s) {', '.join(unknown)}")
    key = entry["key"]
    service_id = demo_id("service", key)
    if entry.get("organization") not in organizations:
        raise DemoDataError(f"{where}.organization: unknown organisation {entry.get('organization')!r}")
    name = _texts(entry, "name", where)
    description = _texts(entry, "description", where)
    county = taxonomy.county(entry["county"])
    service = Service(
        id=service_id,
        name=name["fi"],
        name_sv=name["sv"],
        name_en=name["en"],
        description=description["fi"],
        description_sv=description["sv"],
        description_en=description["en"],
        status="active",
        organization=organizations[entry["organization"]],
        county=county.code,
        categories=list(entry.get("categories") or []),
        channels=list(entry.get("channels") or []),
        age_groups=list(entry.get("age_groups") or []),
        steps=[int(step) for step in entry.get("steps") or []],
        minimum_age=entry.get("minimum_age"),
        maximum_age=entry.get("maximum_age"),
        languages=languages_from_codes(service_id, entry.get("languages") or []),
        url=entry.get("url"),
        referral_needed=entry.get("referral_needed"),
        low_threshold=entry.get("low_threshold"),
        free_of_charge=entry.get("free_of_charge"),
        fictional=True,
        service_areas=[
            ServiceArea(
                id=derived_id(service_id, "area", county.code),
                name=county.label("fi"),
                description=county.label("sv"),
                uri=f"urn:porras:county:{county.code}",
            )
        ],
    )
    if "hours" in entry:
        hours = entry["hours"]
        service.schedules.append(
            Schedule(
                id=derived_id(service_id, "schedule"),
                freq="WEEKLY",
                byday=hours["byday"],
                opens_at=f"{hours['opens_at']}:00",
                closes_at=f"{hours['closes_at']}:00",
                description=hours.get("description"),
                schedule_link=entry.get("booking"),
            )
        )
    elif "booking" in entry:
        service.schedules.append(
            Schedule(id=derived_id(service_id, "schedule"), schedule_link=entry["booking"])
        )
    if "phone" in entry:
        service.phones.append(
            Phone(
                id=derived_id(service_id, "phone"),
                number=entry["phone"],
                type="voice",
                description="Kuvitteellinen numero / Fiktivt nummer / Fictional number",
            )
        )
    if "cost" in entry:
        service.cost_options.append(
            CostOption(id=derived_id(service_id, "cost"), option=entry["cost"]["option"], currency="EUR")
        )
    if "location" in entry:
        place = entry["location"]
        location_id = derived_id("demo", "location", place["name"], place["address"])
        location = Location(
            id=location_id,
            location_type="physical",
            name=place["name"],
            municipality=place.get("municipality"),
            district=place.get("district"),
            addresses=[
                Address(
                    id=derived_id(location_id, "address"),
                    address_1=place["address"],
                    city=place["city"],
                    state_province=place["region"],
                    postal_code=place["postal_code"],
                    country="FI",
                    address_type="physical",
                )
            ],
            accessibility=[
                Accessibility(id=derived_id(location_id, "accessibility"), description=place["accessibility"])
            ],
        )
        service.service_at_locations.append(
            ServiceAtLocation(id=derived_id(service_id, "at", location_id), location=location)
        )
    problems = publication_problems(service)
    if problems:
        raise DemoDataError(f"{where} ({key}): " + "; ".join(problems))
    return service


def load_demo(path: Path = DEMO_FILE) -> Catalogue:
    """All demo organisations and services (checked to be publishable)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    organizations: dict[str, Organization] = {}
    for index, entry in enumerate(raw["organizations"]):
        organizations[entry["key"]] = _organization(entry, f"organizations[{index}]")
    services = []
    keys: set[str] = set()
    for index, entry in enumerate(raw["services"]):
        where = f"services[{index}]"
        if entry.get("key") in keys:
            raise DemoDataError(f"{where}.key: {entry.get('key')!r} is used twice")
        keys.add(entry["key"])
        services.append(_service(entry, where, organizations))
    return Catalogue(organizations=list(organizations.values()), services=services)

