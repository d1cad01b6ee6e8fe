"""The client register: identifier systems, facts kept of a client, and register pseudonyms.

Each wellbeing services county is the controller of its own client register. A client record
belongs to the register of the county of the unit that registered it; the same person known in two
counties is two records, and nothing of one register is visible to another. The pseudonym of a
record is therefore keyed per register: :func:`register_pseudonym` derives it from the identifier's
own keyed hash (:func:`porras.care.domain.identity_code.pseudonym`) and the county (and, for a local
identifier, the organisation whose client-record system issued it). Because it is derived from what
is stored, existing records can be converted without the identifier (which is never stored).
"""

from __future__ import annotations

import hashlib
import hmac
from enum import StrEnum


class IdentifierSystem(StrEnum):
    HETU = "hetu"  # Finnish personal identity code
    LOCAL = "local"  # an identifier of an organisation's client-record system


class SearchBy(StrEnum):
    """What a professional searches clients by: an identifier (looked up by its keyed pseudonym) or an
    episode number."""

    HETU = "hetu"
    LOCAL = "local"
    EPISODE = "episode"


class ClientOrder(StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"
    LABEL = "label"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class Language(StrEnum):
    FI = "fi"
    SV = "sv"
    EN = "en"
    SMI = "se"  # Sámi (ISO 639-1 "se")
    OTHER = "xx"


# The fields of a client that must agree when the same identifier is registered again in a register.
IDENTIFYING_FACTS = ("birth_year", "sex")


def register_pseudonym(key: str | bytes, base: str, county_code: str, organisation_code: str = "") -> str:
    """HMAC-SHA256 (hex) of ``county|organisation|base`` under ``key``.

    ``base`` is the identifier's keyed hash; ``organisation_code`` is given for local identifiers
    (they are unique only within their organisation's client-record system) and empty otherwise.
    """
    secret = key.encode("utf-8") if isinstance(key, str) else key
    if not secret:
        raise ValueError("pseudonym key: must not be empty")
    if not county_code:
        raise ValueError("county_code: must not be empty")
    message = f"{county_code}|{organisation_code}|{base}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
