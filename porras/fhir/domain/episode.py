"""A care episode as a FHIR R4 ``EpisodeOfCare``, with the children of the client as extensions.

Framework-free: :func:`episode_of_care` builds the resource from plain values
(:class:`EpisodeFacts`), :func:`children_from_resource` reads the children's extensions of a
submitted resource back into the care service's field names, refusing a bad value with a
:class:`FhirInputError` whose OperationOutcome names the element (nothing is written).

The children of the client (issue 17) travel as Porras's own extensions, canonical
``{base}/StructureDefinition/<name>`` like our Questionnaires' ``{base}/Questionnaire/<id>``:

- ``episode-minor-children`` (``valueCode``: ``yes``, ``no``, ``unknown``)
- ``episode-children-discussed-date`` (``valueDate``)
- ``episode-children-discussion-method`` (``valueCode``: ``lets_talk_about_children``, ``other``)
- ``episode-family-referral-date`` (``valueDate``)
- ``episode-family-service`` (``valueReference``: ``HealthcareService/<catalogue id>``)

Least data: yes / no / unknown, dates, a method and a service - never a child's name, age or identity.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from fhir.resources.R4B.episodeofcare import EpisodeOfCare

from porras.fhir.domain.errors import FhirInputError, issue

MINOR_CHILDREN_CODES = ("yes", "no", "unknown")
DISCUSSION_CODES = ("lets_talk_about_children", "other")

# extension name → (care field, FHIR value element)
CHILDREN_EXTENSIONS: dict[str, tuple[str, str]] = {
    "episode-minor-children": ("minor_children", "valueCode"),
    "episode-children-discussed-date": ("children_discussed_date", "valueDate"),
    "episode-children-discussion-method": ("children_discussion_method", "valueCode"),
    "episode-family-referral-date": ("family_referral_date", "valueDate"),
    "episode-family-service": ("family_service", "valueReference"),
}
FIELD_EXTENSION = {field: name for name, (field, _) in CHILDREN_EXTENSIONS.items()}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SERVICE = re.compile(r"^HealthcareService/([0-9a-fA-F-]{36})$")


def extension_url(base_url: str, name: str) -> str:
    return f"{base_url.rstrip('/')}/StructureDefinition/{name}"


def element(base_url: str, field: str) -> str:
    """The FHIRPath of the extension that carries a care field (for an OperationOutcome)."""
    if field in FIELD_EXTENSION:
        return f"EpisodeOfCare.extension('{extension_url(base_url, FIELD_EXTENSION[field])}')"
    return f"EpisodeOfCare.{field}"


@dataclass(frozen=True)
class EpisodeFacts:
    """What the resource shows of an episode (the client by Porras's pseudonymous id only)."""

    id: int
    version: int
    client_id: int
    unit_code: str
    unit_name: str
    referral_date: dt.date
    end_date: dt.date | None
    started: bool  # assessed or in treatment
    voided: bool
    minor_children: str
    children_discussed_date: dt.date | None
    children_discussion_method: str
    family_referral_date: dt.date | None
    family_service_uuid: str | None


def _status(facts: EpisodeFacts) -> str:
    if facts.voided:
        return "entered-in-error"
    if facts.end_date is not None:
        return "finished"
    return "active" if facts.started else "waitlist"


def episode_of_care(facts: EpisodeFacts, base_url: str) -> dict[str, Any]:
    """The FHIR R4 EpisodeOfCare of an episode as JSON, validated."""
    period: dict[str, str] = {"start": facts.referral_date.isoformat()}
    if facts.end_date is not None:
        period["end"] = facts.end_date.isoformat()
    extensions: list[dict[str, Any]] = [
        {"url": extension_url(base_url, "episode-minor-children"), "valueCode": facts.minor_children or "unknown"}
    ]
    if facts.children_discussed_date is not None:
        extensions.append({"url": extension_url(base_url, "episode-children-discussed-date"),
                           "valueDate": facts.children_discussed_date.isoformat()})
    if facts.children_discussion_method:
        extensions.append({"url": extension_url(base_url, "episode-children-discussion-method"),
                           "valueCode": facts.children_discussion_method})
    if facts.family_referral_date is not None:
        extensions.append({"url": extension_url(base_url, "episode-family-referral-date"),
                           "valueDate": facts.family_referral_date.isoformat()})
    if facts.family_service_uuid:
        extensions.append({"url": extension_url(base_url, "episode-family-service"),
                           "valueReference": {"reference": f"HealthcareService/{facts.family_service_uuid}"}})
    resource: dict[str, Any] = {
        "resourceType": "EpisodeOfCare",
        "id": str(facts.id),
        "meta": {"versionId": str(facts.version)},
        "extension": extensions,
        "status": _status(facts),
        "patient": {"reference": f"Patient/{facts.client_id}"},
        "managingOrganization": {"identifier": {"system": "urn:porras:unit", "value": facts.unit_code},
                                 "display": facts.unit_name},
        "period": period,
    }
    EpisodeOfCare.model_validate(resource)
    return resource


def _refuse(base_url: str, field: str, reason: str) -> FhirInputError:
    where = element(base_url, field)
    return FhirInputError(f"{where}: {reason}", [issue("error", "invalid", f"{where}: {reason}", where)])


def children_from_resource(resource: Any, episode_id: int, base_url: str) -> tuple[int, dict[str, Any]]:
    """``(version, changes)`` from a submitted EpisodeOfCare: the version it was read at
    (``meta.versionId``) and every children's field (an absent extension clears its field, as an
    update replaces the resource). ``family_service`` is the catalogue id (a UUID string) or None.
    A bad value raises :class:`FhirInputError` naming the element."""
    if not isinstance(resource, dict) or resource.get("resourceType") != "EpisodeOfCare":
        raise FhirInputError("the body must be an EpisodeOfCare resource",
                             [issue("error", "invalid", "the body must be an EpisodeOfCare resource", "resourceType")])
    if str(resource.get("id", "")) != str(episode_id):
        raise FhirInputError("EpisodeOfCare.id must be the id of the URL",
                             [issue("error", "invalid", "EpisodeOfCare.id must be the id of the URL", "EpisodeOfCare.id")])
    version_text = str((resource.get("meta") or {}).get("versionId", "")) if isinstance(resource.get("meta"), dict) \
        else ""
    if not (version_text.isascii() and version_text.isdigit()):
        where = "EpisodeOfCare.meta.versionId"
        raise FhirInputError(f"{where}: give the version the episode was read at",
                             [issue("error", "required", f"{where}: give the version the episode was read at", where)])
    extensions = resource.get("extension") or []
    if not isinstance(extensions, list):
        raise FhirInputError("EpisodeOfCare.extension must be a list",
                             [issue("error", "invalid", "EpisodeOfCare.extension must be a list",
                                    "EpisodeOfCare.extension")])
    changes: dict[str, Any] = {"minor_children": "unknown", "children_discussed_date": None,
                               "children_discussion_method": "", "family_referral_date": None, "family_service": None}
    seen: set[str] = set()
    ours = {extension_url(base_url, name): name for name in CHILDREN_EXTENSIONS}
    for ext in extensions:
        url = ext.get("url") if isinstance(ext, dict) else None
        if isinstance(url, str) and url not in ours and url.rsplit("/StructureDefinition/", 1)[-1] in CHILDREN_EXTENSIONS:
            # one of ours under another base: ignoring it would clear the field it means to set
            where = f"EpisodeOfCare.extension('{url}')"
            reason = f"is not this server's extension; use {extension_url(base_url, url.rsplit('/', 1)[-1])}"
            raise FhirInputError(f"{where}: {reason}", [issue("error", "invalid", f"{where}: {reason}", where)])
        if url not in ours:
            continue  # another system's extension: not ours to read (FHIR lets a receiver ignore it)
        field, value_key = CHILDREN_EXTENSIONS[ours[ext["url"]]]
        if field in seen:
            raise _refuse(base_url, field, "is given more than once")
        seen.add(field)
        value = ext.get(value_key)
        if value is None or set(ext) - {"url", value_key, "id"}:
            raise _refuse(base_url, field, f"needs {value_key} and nothing else")
        changes[field] = _value(base_url, field, value_key, value)
    return int(version_text), changes


def _value(base_url: str, field: str, value_key: str, value: Any) -> Any:
    if value_key == "valueCode":
        allowed = MINOR_CHILDREN_CODES if field == "minor_children" else DISCUSSION_CODES
        if value not in allowed:
            raise _refuse(base_url, field, f"must be one of {', '.join(allowed)}")
        return value
    if value_key == "valueDate":
        if not isinstance(value, str) or not _DATE.match(value):
            raise _refuse(base_url, field, "must be a full date (YYYY-MM-DD)")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise _refuse(base_url, field, "must be a full date (YYYY-MM-DD)") from None
    reference = value.get("reference") if isinstance(value, dict) else None
    found = _SERVICE.match(reference) if isinstance(reference, str) else None
    if found is None:
        raise _refuse(base_url, field, "must reference HealthcareService/{id} of the catalogue")
    return found.group(1).lower()
