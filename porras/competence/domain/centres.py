"""Competence centres (osaamiskeskukset): one national, one per collaborative area, as reference
data with their status (proposed until a deployment records one as established). Framework-free."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from porras.accounts.domain.areas import collaborative_areas

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "competence_centres.yaml"
STATUSES = ("proposed", "established")
LANGUAGES = ("fi", "sv", "en")


class CentreDataError(ValueError):
    """The centres file is not as described (names the entry and field)."""


@dataclass(frozen=True)
class CompetenceCentre:
    code: str
    scope: str  # "national" or a collaborative area's code
    status: str
    name: dict[str, str]
    host: str | None
    url: str | None

    def label(self, language: str) -> str:
        return self.name.get(language) or self.name["en"]


@dataclass(frozen=True)
class Centres:
    centres: dict[str, CompetenceCentre]
    duties: tuple[dict[str, str], ...]
    funding_eur_per_resident_year: Decimal
    source: str

    def for_scope(self, scope: str) -> CompetenceCentre | None:
        """The centre of the nation (``national``) or of one collaborative area."""
        return next((c for c in self.centres.values() if c.scope == scope), None)

    def yearly_funding(self, residents: int) -> Decimal:
        """The proposed yearly funding of a centre serving ``residents`` people."""
        return self.funding_eur_per_resident_year * residents


def _texts(entry: Any, where: str) -> dict[str, str]:
    if not isinstance(entry, dict) or any(not str(entry.get(lang) or "").strip() for lang in LANGUAGES):
        raise CentreDataError(f"{where}: a text in each of {', '.join(LANGUAGES)} is required")
    return {lang: str(entry[lang]).strip() for lang in LANGUAGES}


def build_centres(raw: dict[str, Any]) -> Centres:
    areas = collaborative_areas()
    centres: dict[str, CompetenceCentre] = {}
    scopes: set[str] = set()
    for i, entry in enumerate(raw.get("centres") or ()):
        where = f"centres[{i}]"
        code, scope, status = str(entry.get("code") or ""), str(entry.get("scope") or ""), entry.get("status")
        if not code or code in centres:
            raise CentreDataError(f"{where}.code: missing or given twice")
        if scope != "national" and scope not in areas:
            raise CentreDataError(f"{where}.scope: 'national' or a collaborative area, got {scope!r}")
        if scope in scopes:
            raise CentreDataError(f"{where}.scope: {scope} has two centres")
        if status not in STATUSES:
            raise CentreDataError(f"{where}.status: one of {', '.join(STATUSES)}, got {status!r}")
        scopes.add(scope)
        centres[code] = CompetenceCentre(code, scope, status, _texts(entry.get("name"), f"{where}.name"),
                                         entry.get("host"), entry.get("url"))
    duties = tuple(_texts(d, f"duties[{i}]") for i, d in enumerate(raw.get("duties") or ()))
    source = str((raw.get("source") or {}).get("citation") or "").strip()
    if not source:
        raise CentreDataError("source.citation: required")
    return Centres(centres, duties, Decimal(str(raw["funding_eur_per_resident_year"])), source)


@cache
def load_centres() -> Centres:
    return build_centres(yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")))
