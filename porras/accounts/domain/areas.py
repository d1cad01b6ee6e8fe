"""The five collaborative areas (yhteistyöalueet) and their counties, as reference data. Framework-free."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class CollaborativeArea:
    code: str
    name: dict[str, str]
    counties: tuple[str, ...]

    def label(self, language: str) -> str:
        return self.name.get(language) or self.name["en"]


@cache
def collaborative_areas() -> dict[str, CollaborativeArea]:
    raw = yaml.safe_load((DATA_DIR / "collaborative_areas.yaml").read_text(encoding="utf-8"))
    areas = {a["code"]: CollaborativeArea(a["code"], dict(a["name"]), tuple(a["counties"])) for a in raw["areas"]}
    seen: dict[str, str] = {}
    for area in areas.values():
        for county in area.counties:
            if county in seen:
                raise ValueError(f"collaborative_areas.yaml: {county} is in both {seen[county]} and {area.code}")
            seen[county] = area.code
    return areas


@cache
def county_areas() -> dict[str, str]:
    """County code -> the code of its collaborative area."""
    return {county: area.code for area in collaborative_areas().values() for county in area.counties}


@cache
def areas_source() -> str:
    raw = yaml.safe_load((DATA_DIR / "collaborative_areas.yaml").read_text(encoding="utf-8"))
    return str(raw["source"]["citation"]).strip()


def area_of(county_code: str) -> CollaborativeArea | None:
    return next((a for a in collaborative_areas().values() if county_code in a.counties), None)
