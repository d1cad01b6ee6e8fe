"""What a QuestionnaireResponse says about whose answers they are and which care episode they belong to.

A response is tied to a care episode when it names the client in ``subject.identifier`` (system
``urn:oid:1.2.246.21`` or ``http://hl7.fi/fhir/NamingSystem/hetu`` for a Finnish personal identity
code, any other system for the client-record system's own identifier) and the episode in
``encounter`` (or STU3's ``context``): ``{"reference": "EpisodeOfCare/123"}`` or
``{"identifier": {"value": "123"}}``. The care app receives the plain values of :class:`CareLink`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import FhirInputError, issue

# Finnish personal identity code: the OID of the population register's code, and HL7 Finland's URI.
HETU_SYSTEMS = ("urn:oid:1.2.246.21", "http://hl7.fi/fhir/NamingSystem/hetu")
MAX_EPISODE_ID = 2**63 - 1  # the database's bigint


@dataclass(frozen=True)
class CareLink:
    """A response's episode and client. ``identifier_system`` is care's ``hetu`` or ``local``; the
    value is only compared with the episode's client, never stored. ``__repr__`` hides it."""

    episode_id: int
    identifier_system: str
    identifier_value: str
    date: dt.date | None

    def __repr__(self) -> str:
        return f"CareLink(episode_id={self.episode_id}, identifier_system={self.identifier_system!r})"


def _refuse(field: str, reason: str) -> FhirInputError:
    return FhirInputError(f"{field}: {reason}", [issue("error", "invalid", f"{field}: {reason}", field)])


def names_a_care_episode(resource: Mapping[str, Any]) -> bool:
    """True when the response carries a subject identifier or an encounter/context: a care link."""
    subject = resource.get("subject")
    has_identifier = isinstance(subject, Mapping) and "identifier" in subject
    return has_identifier or "encounter" in resource or "context" in resource


def _episode_id(resource: Mapping[str, Any]) -> int:
    field = "encounter" if "encounter" in resource else "context"
    ref = resource.get(field)
    if not isinstance(ref, Mapping):
        raise _refuse("encounter", "must name the episode (reference EpisodeOfCare/{id} or an identifier)")
    raw: Any = None
    if isinstance(ref.get("reference"), str):
        raw = ref["reference"].rstrip("/").rsplit("/", 1)[-1]
    elif isinstance(ref.get("identifier"), Mapping):
        raw = ref["identifier"].get("value")
    text = str(raw) if isinstance(raw, str | int) and not isinstance(raw, bool) else ""
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= MAX_EPISODE_ID:
        raise _refuse(field, "the episode id must be a positive whole number")
    return int(text)


def _date(resource: Mapping[str, Any]) -> dt.date | None:
    authored = resource.get("authored")
    if authored is None:
        return None
    try:
        return dt.date.fromisoformat(str(authored)[:10])
    except ValueError:
        raise _refuse("authored", "must be a full date or dateTime to be an episode's measurement") from None


def care_link(resource: Mapping[str, Any]) -> CareLink | None:
    """The care link of a (validated) QuestionnaireResponse, or ``None`` if it names none.

    Raises :class:`FhirInputError` naming the field when it names one only in part or badly."""
    if not names_a_care_episode(resource):
        return None
    subject = resource.get("subject")
    identifier = subject.get("identifier") if isinstance(subject, Mapping) else None
    if not isinstance(identifier, Mapping) or not isinstance(identifier.get("value"), str) or not identifier["value"]:
        raise _refuse("subject.identifier", "must carry the client's identifier (system and value)")
    system = "hetu" if identifier.get("system") in HETU_SYSTEMS else "local"
    return CareLink(_episode_id(resource), system, identifier["value"], _date(resource))
