"""The yearly somatic health check: its items, units and reference limits as data
(``porras/integrated/data/somatic_check.yaml``, each limit with its source), which episodes are due,
and which recorded values are out of range (flagged for follow-up). Plain Python."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "somatic_check.yaml"

NOT_A_NUMBER = "must be a number"
NOT_YES_OR_NO = "must be yes or no"
OUT_OF_BOUNDS = "is outside what can be measured"
UNKNOWN_ITEM = "is not an item of the somatic health check"
NOTHING_RECORDED = "record at least one value"
UNKNOWN_RISK_GROUP = "is not a somatic-risk diagnosis group of the data"
EPISODE_ENDED = "has ended"
ALREADY_RECORDED = "is already recorded on this episode"
NOTHING_FLAGGED = "has no flagged values to acknowledge"
ALREADY_ACKNOWLEDGED = "has already been acknowledged"
NOTE_MAX = 500
NOTE_TOO_LONG = "is too long: at most 500 characters"
# Plausibility bounds of each number (not clinical limits: they only refuse typing errors).
PLAUSIBLE: dict[str, tuple[float, float]] = {
    "weight": (20, 400), "bmi": (10, 100), "waist": (30, 250), "systolic": (50, 300), "diastolic": (20, 200),
    "glucose": (0.5, 60), "ldl": (0.1, 20), "triglycerides": (0.1, 50), "alcohol": (0, 500), "activity": (0, 5000),
}


@dataclass(frozen=True)
class Item:
    code: str
    unit: str
    kind: str  # "number" or "yes_no"
    labels: Mapping[str, str]
    below: float | None = None  # in range when value < below
    at_least: float | None = None  # in range when value >= at_least
    at_most: float | None = None  # in range when value <= at_most (the source says "above")
    below_by_sex: Mapping[str, float] = field(default_factory=dict)
    flag_yes: bool = False
    source: str = ""

    def label(self, language: str = "fi") -> str:
        return self.labels.get(language) or self.labels["fi"]

    def limit_for(self, sex: str) -> float | None:
        return self.below_by_sex.get(sex, self.below)

    def out_of_range(self, value: Any, sex: str) -> bool:
        """Is a recorded value outside the item's reference range? (No range: never.)"""
        if value is None:
            return False
        if self.kind == "yes_no":
            return bool(self.flag_yes and value is True)
        limit = self.limit_for(sex)
        if limit is not None and float(value) >= limit:
            return True
        if self.at_most is not None and float(value) > self.at_most:
            return True
        return self.at_least is not None and float(value) < self.at_least


@dataclass(frozen=True)
class RiskGroup:
    """A somatic-risk diagnosis group: recorded on an episode, it makes the yearly check due."""

    code: str
    icd10: str
    labels: Mapping[str, str]
    source: str

    def label(self, language: str = "fi") -> str:
        return self.labels.get(language) or self.labels["fi"]


@dataclass(frozen=True)
class CheckSpec:
    version: str
    interval_days: int
    long_episode_days: int
    risk_groups: tuple[RiskGroup, ...]
    items: tuple[Item, ...]
    sources: Mapping[str, str]
    checked: Mapping[str, str] = field(default_factory=dict)

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items if i.code == code), None)

    def risk_group(self, code: str) -> RiskGroup | None:
        return next((g for g in self.risk_groups if g.code == code), None)


@cache
def load_check() -> CheckSpec:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    items = tuple(Item(code=i["code"], unit=i.get("unit", ""), kind=i["kind"],
                       labels={k: i[k] for k in ("fi", "sv", "en")}, below=i.get("below"),
                       at_least=i.get("at_least"), at_most=i.get("at_most"), below_by_sex=dict(i.get("below_by_sex") or {}),
                       flag_yes=bool(i.get("flag_yes")), source=i.get("source", ""))
                  for i in raw["items"])
    sources = {k: " ".join(str(v).split()) for k, v in raw["sources"].items()}
    groups = tuple(RiskGroup(g["code"], str(g["icd10"]), {k: g[k] for k in ("fi", "sv", "en")}, g["source"])
                   for g in raw["risk_groups"])
    for code, source in [(i.code, i.source) for i in items] + [(g.code, g.source) for g in groups]:
        if source and source not in sources:
            raise ValueError(f"somatic_check.yaml: {code} names an unknown source {source!r}")
    eligible = raw["eligible"]
    return CheckSpec(str(raw["version"]), int(raw["interval_days"]), int(eligible["long_episode_days"]),
                     groups, items, sources, {k: str(v) for k, v in (raw.get("checked") or {}).items()})


def is_eligible(referral: dt.date, risk_groups: Iterable[str], today: dt.date, spec: CheckSpec | None = None) -> bool:
    """An open episode carries the yearly check when it has lasted the long-episode time or has a
    somatic-risk diagnosis group recorded (the SQL of :mod:`porras.integrated.domain.somatic_report`
    says the same for whole registers)."""
    s = spec or load_check()
    return (today - referral).days >= s.long_episode_days or any(s.risk_group(g) for g in risk_groups)


def is_due(last_check: dt.date | None, today: dt.date, spec: CheckSpec | None = None) -> bool:
    """Due when there has been no check, or the last one is the interval or more ago."""
    s = spec or load_check()
    return last_check is None or (today - last_check).days >= s.interval_days


def value_errors(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field, reason) of each value that is not what its item takes."""
    spec = load_check()
    errors: list[tuple[str, str]] = []
    for code, value in values.items():
        item = spec.item(code)
        if item is None:
            errors.append((code, UNKNOWN_ITEM))
        elif value is None:
            continue
        elif item.kind == "yes_no":
            if not isinstance(value, bool):
                errors.append((code, NOT_YES_OR_NO))
        elif isinstance(value, bool) or not isinstance(value, int | float):
            errors.append((code, NOT_A_NUMBER))
        else:
            low, high = PLAUSIBLE[code]
            if not low <= float(value) <= high:
                errors.append((code, OUT_OF_BOUNDS))
    if not errors and all(v is None for v in values.values()):
        errors.append(("values", NOTHING_RECORDED))
    return errors


def flagged(values: Mapping[str, Any], sex: str) -> list[str]:
    """The items whose recorded value is out of its reference range, in the data's order."""
    spec = load_check()
    return [i.code for i in spec.items if i.out_of_range(values.get(i.code), sex)]
