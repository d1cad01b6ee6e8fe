"""Method cards: the one description of each treatment method (docs/product.md §6 J).

A card is keyed by care's intervention code; its name, step and procedure code come from care's
intervention list (``porras/care/data/interventions.yaml``), the rest (navigator code, target group,
age, contacts, training, sources) from ``competence/data/methods.yaml``. Framework-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from porras.care.domain.episodes import Intervention, interventions

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Training:
    required: bool
    course: dict[str, str] | None
    training_cases: int | None  # None: no source gives a number
    supervision_sessions: int | None
    source: str | None


@dataclass(frozen=True)
class MethodCard:
    code: str
    name: dict[str, str]
    step: int
    procedure_code: str | None
    navigator_code: str | None
    need_group: str | None
    target: dict[str, str]
    age_min: int | None
    age_max: int | None
    age_source: str | None
    contacts_min: int | None
    contacts_max: int | None
    contacts_source: str | None
    contacts_note: str
    training: Training
    sources: tuple[str, ...]

    def label(self, language: str) -> str:
        return self.name.get(language) or self.name["en"]

    def target_label(self, language: str) -> str:
        return self.target.get(language) or self.target["en"]

    def course_label(self, language: str) -> str:
        course = self.training.course or {}
        return course.get(language) or course.get("en", "")

    @property
    def requires_training(self) -> bool:
        return self.training.required


@dataclass(frozen=True)
class MethodCatalogue:
    cards: dict[str, MethodCard]
    sources: dict[str, str]
    not_methods: tuple[str, ...]

    def by_navigator_code(self, code: str) -> MethodCard | None:
        return next((c for c in self.cards.values() if c.navigator_code == code), None)


class MethodDataError(ValueError):
    """The method cards' data file is inconsistent (names the card and the field)."""


def _source(sources: dict[str, str], value: Any, where: str) -> str | None:
    if value is None:
        return None
    if value not in sources:
        raise MethodDataError(f"methods.yaml: {where}: unknown source {value!r}")
    return str(value)


def _int_or_none(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise MethodDataError(f"methods.yaml: {where}: must be a whole number or null")
    return value


def build(raw: dict[str, Any], known: dict[str, Intervention]) -> MethodCatalogue:
    sources = {key: str(value["citation"]).strip() for key, value in raw["sources"].items()}
    cards: dict[str, MethodCard] = {}
    for row in raw["methods"]:
        code = row["code"]
        if code not in known:
            raise MethodDataError(f"methods.yaml: {code}: not an intervention of care")
        base = known[code]
        age, contacts, training = row["age"], row["contacts"], row["training"]
        numbers = {"age": (age.get("min"), age.get("max")), "contacts": (contacts.get("min"), contacts.get("max"))}
        for field, pair in numbers.items():
            if any(v is not None for v in pair) and (age if field == "age" else contacts).get("source") is None:
                raise MethodDataError(f"methods.yaml: {code}: {field} has numbers but no source")
        if training.get("required") and not training.get("source"):
            raise MethodDataError(f"methods.yaml: {code}: training required without a source")
        card_sources = [s for s in (age.get("source"), contacts.get("source"), training.get("source")) if s]
        cards[code] = MethodCard(
            code=code,
            name=dict(base.name),
            step=base.step,
            procedure_code=base.procedure_code,
            navigator_code=row.get("navigator_code"),
            need_group=row.get("need_group"),
            target=dict(row["target"]),
            age_min=_int_or_none(age.get("min"), f"{code}.age.min"),
            age_max=_int_or_none(age.get("max"), f"{code}.age.max"),
            age_source=_source(sources, age.get("source"), f"{code}.age"),
            contacts_min=_int_or_none(contacts.get("min"), f"{code}.contacts.min"),
            contacts_max=_int_or_none(contacts.get("max"), f"{code}.contacts.max"),
            contacts_source=_source(sources, contacts.get("source"), f"{code}.contacts"),
            contacts_note=str(contacts.get("note") or ""),
            training=Training(
                required=bool(training.get("required")),
                course=dict(training["course"]) if training.get("course") else None,
                training_cases=_int_or_none(training.get("training_cases"), f"{code}.training.training_cases"),
                supervision_sessions=_int_or_none(training.get("supervision_sessions"),
                                                  f"{code}.training.supervision_sessions"),
                source=_source(sources, training.get("source"), f"{code}.training"),
            ),
            sources=tuple(dict.fromkeys(card_sources)),
        )
    missing = sorted(set(known) - set(cards))
    if missing:
        raise MethodDataError(f"methods.yaml: no card for {', '.join(missing)}")
    return MethodCatalogue(cards, sources, tuple(raw.get("not_methods") or ()))


@cache
def method_catalogue() -> MethodCatalogue:
    raw = yaml.safe_load((DATA_DIR / "methods.yaml").read_text(encoding="utf-8"))
    return build(raw, interventions())


def method_cards() -> dict[str, MethodCard]:
    return method_catalogue().cards


def method_card(code: str) -> MethodCard | None:
    return method_cards().get(code)
