"""Trained capacity against estimated need (docs/product.md §6 J). Framework-free arithmetic.

For a need group (the methods that serve the same people, e.g. adults with common mental
disorders) and an area (a county or a collaborative area):

- people in need a year  = population in the group's ages x prevalence x uptake
- contacts needed a year = people in need x contacts per course
- trained capacity       = trained professionals x contacts per professional a year
- gap (contacts)         = contacts needed - trained capacity, never below 0
- people to train        = gap / contacts per professional a year, rounded up

All arithmetic is exact (fractions of the decimal figures in the data files); only the figures shown
are rounded (people and contacts to whole numbers, coverage to a whole percentage).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class CapacityDataError(ValueError):
    """A data file for the capacity estimate is inconsistent (names the file and the field)."""


def exact(value: Any) -> Fraction:
    """A data file's number as an exact fraction (0.08 is 2/25, not 0.08000000000000000166)."""
    if isinstance(value, bool):
        raise CapacityDataError(f"not a number: {value!r}")
    return Fraction(str(value))


# ------------------------------------------------------------------------------ population

@dataclass(frozen=True)
class AgeBand:
    low: int
    high: int | None  # inclusive; None: and older

    @classmethod
    def parse(cls, text: str) -> AgeBand:
        low, _, high = str(text).partition("-")
        return cls(int(low), int(high) if high else None)

    def within(self, low: int | None, high: int | None) -> bool | None:
        """True when the band lies inside [low, high], False when outside, None when it straddles."""
        lo = 0 if low is None else low
        band_high = math.inf if self.high is None else self.high
        hi = math.inf if high is None else high
        if self.low >= lo and band_high <= hi:
            return True
        if band_high < lo or self.low > hi:
            return False
        return None


@dataclass(frozen=True)
class Population:
    """Population of each area by age band, with the source and the year of the figures."""

    year: int
    source: str
    illustrative: bool
    bands: tuple[AgeBand, ...]
    counts: dict[str, tuple[int, ...]]  # area code -> count per band

    def aged(self, area: str, low: int | None, high: int | None) -> int:
        if area not in self.counts:
            raise CapacityDataError(f"population: no figures for {area!r}")
        total = 0
        for band, count in zip(self.bands, self.counts[area], strict=True):
            inside = band.within(low, high)
            if inside is None:
                raise CapacityDataError(
                    f"population: the age band {band.low}-{band.high or ''} straddles the ages {low}-{high or ''}"
                )
            if inside:
                total += count
        return total

    def combined(self, code: str, areas: Iterable[str]) -> Population:
        """The same figures with one more area: the sum of ``areas`` (a collaborative area, the nation)."""
        rows = [self.counts[a] for a in areas if a in self.counts]
        summed = tuple(sum(col) for col in zip(*rows, strict=True)) if rows else tuple(0 for _ in self.bands)
        return Population(self.year, self.source, self.illustrative, self.bands, {**self.counts, code: summed})


def build_population(raw: Mapping[str, Any]) -> Population:
    if not raw.get("source") or not raw.get("year"):
        raise CapacityDataError("population: the file must name its source and year")
    bands = tuple(AgeBand.parse(b) for b in raw["bands"])
    counts: dict[str, tuple[int, ...]] = {}
    for area, row in raw["counts"].items():
        if len(row) != len(bands) or any(isinstance(v, bool) or not isinstance(v, int) or v < 0 for v in row):
            raise CapacityDataError(f"population: {area}: one whole number per age band")
        counts[str(area)] = tuple(row)
    return Population(int(raw["year"]), str(raw["source"]).strip(), bool(raw.get("illustrative")), bands, counts)


@cache
def load_population() -> Population:
    return build_population(yaml.safe_load((DATA_DIR / "population.yaml").read_text(encoding="utf-8")))


# ------------------------------------------------------------------------------ assumptions

@dataclass(frozen=True)
class Figure:
    value: Fraction
    source: str
    note: str = ""


@dataclass(frozen=True)
class NeedGroup:
    code: str
    name: dict[str, str]
    age_min: int | None
    age_max: int | None
    prevalence: Figure
    uptake: Figure
    contacts_per_course: Figure

    def label(self, language: str) -> str:
        return self.name.get(language) or self.name["en"]


@dataclass(frozen=True)
class Assumptions:
    groups: dict[str, NeedGroup]
    contacts_per_professional_year: Figure
    sources: dict[str, str]


def _figure(raw: Mapping[str, Any], sources: Mapping[str, str], where: str) -> Figure:
    if raw.get("source") not in sources:
        raise CapacityDataError(f"need.yaml: {where}: unknown or missing source {raw.get('source')!r}")
    value = exact(raw["value"])
    if value <= 0:
        raise CapacityDataError(f"need.yaml: {where}: must be above 0")
    return Figure(value, str(raw["source"]), str(raw.get("note") or ""))


def build_assumptions(raw: Mapping[str, Any]) -> Assumptions:
    sources = {k: str(v["citation"]).strip() for k, v in raw["sources"].items()}
    groups = {}
    for code, g in raw["groups"].items():
        groups[code] = NeedGroup(
            code, dict(g["name"]), g["age"].get("min"), g["age"].get("max"),
            _figure(g["prevalence"], sources, f"{code}.prevalence"),
            _figure(g["uptake"], sources, f"{code}.uptake"),
            _figure(g["contacts_per_course"], sources, f"{code}.contacts_per_course"),
        )
        for name in ("prevalence", "uptake"):
            if getattr(groups[code], name).value > 1:
                raise CapacityDataError(f"need.yaml: {code}.{name}: a share, at most 1")
    per_year = _figure(raw["capacity"]["contacts_per_professional_year"], sources,
                       "capacity.contacts_per_professional_year")
    return Assumptions(groups, per_year, sources)


@cache
def load_assumptions() -> Assumptions:
    return build_assumptions(yaml.safe_load((DATA_DIR / "need.yaml").read_text(encoding="utf-8")))


# ------------------------------------------------------------------------------ the estimate

@dataclass(frozen=True)
class Estimate:
    population: int
    people_in_need: Fraction
    contacts_needed: Fraction
    trained: int
    capacity_contacts: Fraction
    gap_contacts: Fraction
    to_train: int
    coverage: Fraction | None  # capacity / need; None when there is no need


def estimate(population: int, group: NeedGroup, trained: int, contacts_per_professional_year: Fraction) -> Estimate:
    if population < 0 or trained < 0:
        raise CapacityDataError("population and trained professionals are counts, never below 0")
    if contacts_per_professional_year <= 0:
        raise CapacityDataError("contacts per professional a year must be above 0")
    people = population * group.prevalence.value * group.uptake.value
    needed = people * group.contacts_per_course.value
    capacity = trained * contacts_per_professional_year
    gap = max(Fraction(0), needed - capacity)
    to_train = math.ceil(gap / contacts_per_professional_year)
    coverage = capacity / needed if needed else None
    return Estimate(population, people, needed, trained, capacity, gap, to_train, coverage)


def whole(value: Fraction) -> int:
    """Half up, for display."""
    return math.floor(value + Fraction(1, 2))
