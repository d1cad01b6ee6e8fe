"""Open Referral HSDS 3.0 JSON import and export of the catalogue.

Export writes a JSON array of HSDS ``service`` documents (each with its organisation, locations,
areas, languages, schedules ... embedded), each valid against ``service.schema.json``.
Import accepts such an array, a single ``service``, ``organization`` (with its ``services``) or
``service_at_location`` (with its ``service``) document, or an array mixing them. A document with any
problem is refused whole: :class:`HsdsImportError` lists every problem with its JSON path.

Porras's own fields travel as HSDS ``attributes`` whose ``taxonomy_term.taxonomy`` is one of
:data:`PORRAS_TAXONOMIES`; their ids are derived (UUID 5) from the owner's id and the term, so an
export is deterministic and export -> import -> export reproduces the same document.

Documents are validated by Porras's own schema of the HSDS objects (:mod:`.hsds_schema`), which
states HSDS 3.0's constraints and Porras's bounds at the edge; nothing outside the installed package is
read. (The official JSON schemas are the tests' oracle.)
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from . import hsds_schema, model, taxonomy
from .model import NAME_MAX_LENGTH, Attribute, Catalogue, Language, Organization, Service, ServiceAtLocation

NAMESPACE = uuid.UUID("7d1f0a52-55c3-4c3e-9a53-6f0f3c1b2a71")
KINDS = ("service", "organization", "service_at_location")

TAXONOMY_COUNTY = "porras-county"
TAXONOMY_TEXT = "porras-text"
TAXONOMY_FLAG = "porras-flag"
# Where a location is (its municipality and district), as attributes of the HSDS location.
TAXONOMY_PLACE = "porras-place"
PLACES = ("municipality", "district")
LIST_TAXONOMIES = {
    "porras-category": ("categories", "categories", "Porras service category"),
    "porras-channel": ("channels", "channels", "Porras service channel"),
    "porras-age-group": ("age_groups", "age_groups", "Porras target age group"),
    "porras-step": ("steps", "steps", "Porras stepped-care level (0-4)"),
}
PORRAS_TAXONOMIES = (TAXONOMY_COUNTY, *LIST_TAXONOMIES, TAXONOMY_FLAG, TAXONOMY_TEXT)
FLAGS = ("referral_needed", "low_threshold", "free_of_charge", "fictional")
TEXTS = ("name_sv", "name_en", "description_sv", "description_en")
_ORG_ONLY_KEYS = (
    "services",
    "website",
    "tax_status",
    "tax_id",
    "legal_status",
    "year_incorporated",
    "organization_identifiers",
    "programs",
    "logo",
    "parent_organization_id",
    "locations",
)


@dataclass(frozen=True)
class Problem:
    """One problem of an imported document: where (a JSON path such as ``$.phones[0].number``), what,
    and the record it is in (``service 'ac14…' "Community Counselling"``) when there is one."""

    path: str
    message: str
    record: str = ""

    def __str__(self) -> str:
        where = f"{self.path} ({self.record})" if self.record else self.path
        return f"{where}: {self.message}"


def record_label(kind: str, raw: Any) -> str:
    """How a problem names the record it is in: its kind, id and name as far as they are given."""
    if not isinstance(raw, dict):
        return kind
    label = kind
    if isinstance(raw.get("id"), str):
        label += f" {raw['id'][:40]!r}"
    if isinstance(raw.get("name"), str):
        label += f' "{raw["name"][:80]}"'
    return label


def _name_record(problems: list[Problem], since: int, kind: str, raw: Any) -> None:
    label = record_label(kind, raw)
    problems[since:] = [p if p.record else dataclasses.replace(p, record=label) for p in problems[since:]]


class HsdsImportError(ValueError):
    """The document was refused whole; ``problems`` lists everything wrong with it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        super().__init__(f"HSDS document refused, {len(problems)} problem(s): {shown}{more}")


def derived_id(*parts: str) -> str:
    """A stable UUID (version 5) for a sub-record that Porras itself creates."""
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


# --------------------------------------------------------------------------------------- schemas


def json_path(parts: Iterable[str | int], root: str = "$") -> str:
    path = root
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def validate(document: Any, kind: str, root: str = "$") -> list[Problem]:
    """Schema problems of one HSDS document of ``kind`` (service, organization, service_at_location)."""
    if kind not in KINDS:
        raise ValueError(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
    found = sorted(hsds_schema.problems(document, kind), key=lambda p: (list(map(str, p[0])), p[1]))
    return [Problem(json_path(location, root), message) for location, message in found]


# ------------------------------------------------------------------------------ generic mapping


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def _nested(hint: Any) -> tuple[type | None, bool]:
    """(dataclass type, is_list) of a field's type hint; (None, False) for scalars."""
    origin = typing.get_origin(hint)
    if origin is list:
        (arg,) = typing.get_args(hint)
        return (arg, True) if isinstance(arg, type) and dataclasses.is_dataclass(arg) else (None, False)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            if isinstance(arg, type) and dataclasses.is_dataclass(arg):
                return arg, False
    return None, False


def _hsds_fields(cls: type) -> list[dataclasses.Field[Any]]:
    return [f for f in dataclasses.fields(cls) if f.name != "extras" and not f.metadata.get("porras")]


def _parse(cls: type, data: dict[str, Any], skip: tuple[str, ...] = ()) -> Any:
    """Build ``cls`` from an already schema-valid HSDS object; unknown keys go to ``extras``."""
    values: dict[str, Any] = {}
    known = set()
    for f in _hsds_fields(cls):
        known.add(f.name)
        if f.name not in data or data[f.name] is None:
            continue
        nested, is_list = _nested(_hints(cls)[f.name])
        raw = data[f.name]
        if nested is not None and is_list:
            values[f.name] = [_parse(nested, item) for item in raw]
        elif nested is not None:
            values[f.name] = _parse(nested, raw)
        else:
            values[f.name] = raw
    values["extras"] = {k: v for k, v in data.items() if k not in known and k not in skip}
    return cls(**values)


def _dump(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in _hsds_fields(type(obj)):
        value = getattr(obj, f.name)
        if value is None or value == []:
            continue
        if isinstance(value, list):
            out[f.name] = [_dump(item) if dataclasses.is_dataclass(item) else item for item in value]
        elif dataclasses.is_dataclass(value):
            out[f.name] = _dump(value)
        else:
            out[f.name] = value
    for key, value in obj.extras.items():
        out.setdefault(key, value)
    return out


# ---------------------------------------------------------------------- Porras attributes


def _label_en(vocabulary: str, code: str) -> str:
    return taxonomy.term(vocabulary, code).label("en")


def _porras_attribute(
    owner: str, entity: str, tax: str, code: str, name: str, description: str, value: str | None = None
) -> dict[str, Any]:
    term = {
        "id": derived_id(tax, code),
        "code": code,
        "name": name,
        "description": description,
        "taxonomy": tax,
        "term_uri": f"urn:porras:{tax.removeprefix('porras-')}:{code}",
    }
    attribute: dict[str, Any] = {"id": derived_id(owner, tax, code), "link_entity": entity}
    if value is not None:
        attribute["value"] = value
    attribute["taxonomy_term"] = term
    return attribute


def _text_attributes(obj: Service | Organization, entity: str) -> list[dict[str, Any]]:
    result = []
    for key in TEXTS:
        text = getattr(obj, key)
        if text:
            field_name, language = key.rsplit("_", 1)
            result.append(
                _porras_attribute(
                    obj.id, entity, TAXONOMY_TEXT, key, key, f"{field_name} in language {language}", text
                )
            )
    return result


def _service_attributes(service: Service) -> list[dict[str, Any]]:
    result = []
    if service.county:
        result.append(
            _porras_attribute(
                service.id,
                "service",
                TAXONOMY_COUNTY,
                service.county,
                taxonomy.county(service.county).label("en"),
                "Porras county code",
            )
        )
    for tax, (attr, vocabulary, description) in LIST_TAXONOMIES.items():
        order = {code: index for index, code in enumerate(taxonomy.codes(vocabulary))}
        for code in sorted(getattr(service, attr), key=lambda c: order.get(str(c), len(order))):
            result.append(
                _porras_attribute(
                    service.id, "service", tax, str(code), _label_en(vocabulary, str(code)), description
                )
            )
    for flag in FLAGS:
        value = getattr(service, flag)
        if value is None or (flag == "fictional" and not value):
            continue
        result.append(
            _porras_attribute(
                service.id,
                "service",
                TAXONOMY_FLAG,
                flag,
                flag,
                "Porras yes/no property of a service",
                "true" if value else "false",
            )
        )
    return result + _text_attributes(service, "service")


def _apply_porras_attributes(
    obj: Service | Organization, raw_attributes: list[Any], path: str, problems: list[Problem]
) -> None:
    """Move Porras attributes of ``raw_attributes`` into ``obj``'s typed fields; keep the rest."""
    kept: list[Attribute] = []
    lists: dict[str, list[Any]] = {attr: [] for attr, _, _ in LIST_TAXONOMIES.values()}
    for index, raw in enumerate(raw_attributes):
        here = f"{path}.attributes[{index}]"
        term = raw.get("taxonomy_term") or {}
        tax = term.get("taxonomy")
        if tax not in PORRAS_TAXONOMIES:
            kept.append(_parse(Attribute, raw))
            continue
        code = term.get("code")
        value = raw.get("value")
        if not isinstance(code, str) or not code:
            problems.append(Problem(f"{here}.taxonomy_term.code", f"a {tax} term needs a code"))
            continue
        if tax == TAXONOMY_TEXT:
            if code not in TEXTS or (isinstance(obj, Organization) and code not in TEXTS):
                problems.append(
                    Problem(
                        f"{here}.taxonomy_term.code", f"unknown text {code!r} (allowed: {', '.join(TEXTS)})"
                    )
                )
            elif not isinstance(value, str):
                problems.append(Problem(f"{here}.value", f"the text {code} must be a string"))
            elif code.startswith("name_") and len(value) > NAME_MAX_LENGTH:
                problems.append(
                    Problem(f"{here}.value", f"the text {code} must be at most {NAME_MAX_LENGTH} characters")
                )
            else:
                setattr(obj, code, value)
            continue
        if not isinstance(obj, Service):
            problems.append(Problem(f"{here}.taxonomy_term.taxonomy", f"{tax} applies to services only"))
            continue
        if tax == TAXONOMY_COUNTY:
            try:
                taxonomy.county(code)
            except ValueError as error:
                problems.append(Problem(f"{here}.taxonomy_term.code", str(error)))
                continue
            if obj.county is not None and obj.county != code:
                problems.append(Problem(f"{here}.taxonomy_term.code", "a service belongs to one county only"))
            obj.county = code
        elif tax == TAXONOMY_FLAG:
            if code not in FLAGS:
                problems.append(
                    Problem(
                        f"{here}.taxonomy_term.code", f"unknown flag {code!r} (allowed: {', '.join(FLAGS)})"
                    )
                )
            elif value not in ("true", "false"):
                problems.append(
                    Problem(f"{here}.value", f'flag {code} must be "true" or "false", got {value!r}')
                )
            else:
                setattr(obj, code, value == "true")
        else:
            attr, vocabulary, _ = LIST_TAXONOMIES[tax]
            try:
                checked: Any = (
                    taxonomy.check_step(code) if vocabulary == "steps" else taxonomy.check(vocabulary, code)
                )
            except taxonomy.UnknownTermError as error:
                problems.append(Problem(f"{here}.taxonomy_term.code", str(error)))
                continue
            if checked not in lists[attr]:
                lists[attr].append(checked)
    obj.attributes = kept
    if isinstance(obj, Service):
        for attr, values in lists.items():
            setattr(obj, attr, values)


# ---------------------------------------------------------------------------------- export


def organization_to_hsds(organization: Organization) -> dict[str, Any]:
    document = _dump(organization)
    attributes = _text_attributes(organization, "organization") + document.pop("attributes", [])
    if attributes:
        document["attributes"] = attributes
    return _move_last(document, "metadata")


def _place_attributes(location: model.Location) -> list[dict[str, Any]]:
    return [
        _porras_attribute(location.id, "location", TAXONOMY_PLACE, key, key, f"the location's {key}", value)
        for key in PLACES if (value := getattr(location, key))
    ]


def _add_place_attributes(service: Service, document: dict[str, Any]) -> None:
    """Each location's municipality and district as HSDS attributes of the location."""
    for at, raw in zip(service.service_at_locations, document.get("service_at_locations", []), strict=False):
        if at.location is None or "location" not in raw:
            continue
        ours = _place_attributes(at.location)
        theirs = [a for a in raw["location"].get("attributes", [])
                  if (a.get("taxonomy_term") or {}).get("taxonomy") != TAXONOMY_PLACE]
        if ours or theirs:
            raw["location"]["attributes"] = ours + theirs


def _take_place_attributes(service: Service, path: str, problems: list[Problem]) -> None:
    """Move the porras-place attributes of each location into its typed fields; keep the rest."""
    for index, at in enumerate(service.service_at_locations):
        location = at.location
        if location is None or not isinstance(location.extras.get("attributes"), list):
            continue
        kept = []
        for position, raw in enumerate(location.extras["attributes"]):
            term = raw.get("taxonomy_term") or {} if isinstance(raw, dict) else {}
            if term.get("taxonomy") != TAXONOMY_PLACE:
                kept.append(raw)
                continue
            here = f"{path}.service_at_locations[{index}].location.attributes[{position}]"
            code, value = term.get("code"), raw.get("value")
            if code not in PLACES:
                problems.append(Problem(f"{here}.taxonomy_term.code",
                                        f"unknown place {code!r} (allowed: {', '.join(PLACES)})"))
            elif not isinstance(value, str) or not value.strip() or len(value) > model.CITY_MAX_LENGTH:
                problems.append(Problem(f"{here}.value",
                                        f"the {code} must be a name of 1 to {model.CITY_MAX_LENGTH} characters"))
            else:
                setattr(location, code, value.strip())
        if kept:
            location.extras["attributes"] = kept
        else:
            location.extras.pop("attributes")


def service_to_hsds(service: Service) -> dict[str, Any]:
    """One HSDS ``service`` document (organisation embedded)."""
    document = _dump(service)
    _add_place_attributes(service, document)
    if service.organization is not None:
        document["organization"] = organization_to_hsds(service.organization)
    attributes = _service_attributes(service) + document.pop("attributes", [])
    if attributes:
        document["attributes"] = attributes
    return _move_last(document, "metadata")


def _move_last(document: dict[str, Any], key: str) -> dict[str, Any]:
    if key in document:
        document[key] = document.pop(key)
    return document


def export_services(services: Iterable[Service]) -> list[dict[str, Any]]:
    """HSDS documents of ``services``, in the given order; each is checked against the schema."""
    documents = [service_to_hsds(service) for service in services]
    problems: list[Problem] = []
    for index, document in enumerate(documents):
        since = len(problems)
        problems.extend(validate(document, "service", f"$[{index}]"))
        _name_record(problems, since, "service", document)
    if problems:
        raise HsdsImportError(problems)
    return documents


def dumps(documents: Any) -> str:
    return json.dumps(documents, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------------- import


def detect_kind(document: Any) -> str:
    if isinstance(document, dict):
        if "service" in document or "location" in document or "location_id" in document:
            return "service_at_location"
        if any(key in document for key in _ORG_ONLY_KEYS):
            return "organization"
    return "service"


def _service_from(
    raw: dict[str, Any], path: str, problems: list[Problem], organization: Organization | None = None
) -> Service:
    service: Service = _parse(Service, raw, skip=("organization", "attributes"))
    if isinstance(raw.get("organization"), dict):
        service.organization = _organization_from(raw["organization"], f"{path}.organization", problems)
    elif organization is not None:
        service.organization = organization
    _apply_porras_attributes(service, raw.get("attributes") or [], path, problems)
    _take_place_attributes(service, path, problems)
    return service


def _organization_from(raw: dict[str, Any], path: str, problems: list[Problem]) -> Organization:
    organization: Organization = _parse(Organization, raw, skip=("services", "attributes"))
    _apply_porras_attributes(organization, raw.get("attributes") or [], path, problems)
    return organization


def parse_document(document: Any, kind: str | None = None) -> Catalogue:
    """Organisations and services of an HSDS document; raises HsdsImportError listing every problem."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
    items = list(enumerate(document)) if isinstance(document, list) else [(None, document)]
    problems: list[Problem] = []
    catalogue = Catalogue()
    organizations: dict[str, Organization] = {}

    def remember(org: Organization | None) -> Organization | None:
        if org is None:
            return None
        return organizations.setdefault(org.id, org)

    if isinstance(document, list) and not document:
        problems.append(Problem("$", "the document holds no services"))
    for index, item in items:
        root = "$" if index is None else f"$[{index}]"
        if not isinstance(item, dict):
            problems.append(Problem(root, f"expected an HSDS object, got {type(item).__name__}"))
            continue
        item_kind = kind or detect_kind(item)
        since = len(problems)
        problems.extend(validate(item, item_kind, root))
        if len(problems) > since:
            _name_record(problems, since, item_kind, item)
            continue
        if item_kind == "service":
            service = _service_from(item, root, problems)
            service.organization = remember(service.organization)
            catalogue.services.append(service)
        elif item_kind == "organization":
            for position, raw in enumerate(item.get("services") or []):
                here = f"{root}.services[{position}]"
                nested = len(problems)
                problems.extend(validate(raw, "service", here))
                if len(problems) > nested:
                    _name_record(problems, nested, "service", raw)
            if len(problems) > since:
                continue
            org = remember(_organization_from(item, root, problems))
            for position, raw in enumerate(item.get("services") or []):
                nested = len(problems)
                service = _service_from(raw, f"{root}.services[{position}]", problems, organization=org)
                _name_record(problems, nested, "service", raw)
                service.organization = remember(service.organization)
                catalogue.services.append(service)
        else:
            raw_service = item.get("service")
            if not isinstance(raw_service, dict):
                problems.append(
                    Problem(f"{root}.service", "a service_at_location document must embed its service")
                )
                _name_record(problems, since, item_kind, item)
                continue
            service = _service_from(raw_service, f"{root}.service", problems)
            _name_record(problems, since, "service", raw_service)
            service.organization = remember(service.organization)
            at_location: ServiceAtLocation = _parse(ServiceAtLocation, item, skip=("service",))
            if all(existing.id != at_location.id for existing in service.service_at_locations):
                service.service_at_locations.append(at_location)
                _take_place_attributes(service, f"{root}.service", problems)
            catalogue.services.append(service)
        _name_record(problems, since, item_kind, item)
    seen: dict[str, int] = {}
    for position, service in enumerate(catalogue.services):
        if service.id in seen:
            problems.append(
                Problem(f"$ (service {position + 1})", f"service id {service.id} appears more than once")
            )
        seen.setdefault(service.id, position)
    problems.extend(_shared_locations(catalogue.services))
    if problems:
        raise HsdsImportError(problems)
    catalogue.organizations = list(organizations.values())
    return catalogue


def _shared_locations(services: list[Service]) -> list[Problem]:
    """A service_at_location id belongs to one service: two services naming the same one are refused."""
    owner: dict[str, str] = {}
    problems = []
    for position, service in enumerate(services):
        for at in service.service_at_locations:
            first = owner.setdefault(at.id, service.id)
            if first != service.id:
                problems.append(Problem(
                    f"$ (service {position + 1}).service_at_locations",
                    f"service_at_location id {at.id} belongs to service {first} as well",
                ))
    return problems


def service_from_document(document: dict[str, Any]) -> Service:
    """A service from a trusted document (one Porras stored itself); raises HsdsImportError on a
    Porras attribute it cannot read."""
    problems: list[Problem] = []
    service = _service_from(document, "$", problems)
    if problems:
        raise HsdsImportError(problems)
    return service


def load(path: str | Path, kind: str | None = None) -> Catalogue:
    """Read and import an HSDS JSON file (see :func:`parse_document`)."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise HsdsImportError([Problem("$", f"not valid JSON: {error.msg} at line {error.lineno}")]) from None
    return parse_document(document, kind)


def languages_from_codes(owner_id: str, codes: Iterable[str]) -> list[Language]:
    """HSDS language records for ISO 639-1 codes (names in English, as HSDS examples do)."""
    result = []
    for code in codes:
        name = taxonomy.term("languages", code).label("en")
        result.append(Language(id=derived_id(owner_id, "language", code), name=name, code=code))
    return result
