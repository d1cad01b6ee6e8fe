"""Method cards: the one description of each treatment method (docs/product.md §6 J, issue 18).

``porras/methods/data/methods.yaml`` holds every fact of a method: its name in fi/sv/en, step,
procedure code, the navigator's code for it, target group, age range, number of contacts, the training
a professional needs, and the sources. Care's intervention list, the navigator's rule sets and the
competence app read the cards from here; nothing else states these facts. The cards are checked when
they are read: a problem raises :class:`MethodDataError` naming the file, the card and the field.

Framework-free, and below every app that reads it: it imports nothing of Porras.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
METHODS_PATH = DATA_DIR / "methods.yaml"

LANGUAGES = ("fi", "sv", "en")
STEPS = range(0, 5)


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
    source: str  # the source of the name, step and procedure code
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
    contacts_about: bool = False  # the source gives the number as "about"

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
    contacts_labels: Mapping[str, Mapping[str, str]]
    path: str = ""

    def by_navigator_code(self, code: str) -> MethodCard | None:
        return next((c for c in self.cards.values() if c.navigator_code == code), None)

    def contacts_label(self, card: MethodCard, language: str) -> str | None:
        """The card's number of contacts in words ("1-5 tapaamista"), or None when it gives none."""
        low, high = card.contacts_min, card.contacts_max
        if low is None and high is None:
            return None
        if low is None or high is None or low == high:
            count = low if low is not None else high
            key = "about" if card.contacts_about else "one" if count == 1 else "exact"
            return self.contacts_labels[key][language].format(count=count)
        return self.contacts_labels["range"][language].format(min=low, max=high)

    def navigator_name(self, card: MethodCard, setting: Mapping[str, str] | None = None) -> dict[str, str]:
        """The name the navigator shows for a method in every language: the card's name, the rule set's
        own setting when it gives one ("in school or student health care"), and the card's number of
        contacts: "Ohjattu omahoito (1-5 tapaamista)"."""
        out: dict[str, str] = {}
        for language in LANGUAGES:
            text = card.label(language)
            if setting:
                text = f"{text} {setting[language]}"
            contacts = self.contacts_label(card, language)
            out[language] = f"{text} ({contacts})" if contacts else text
        return out


class MethodDataError(ValueError):
    """The method cards are inconsistent; the message names the file, the card and the field."""

    def __init__(self, path: str, where: str, reason: str) -> None:
        self.path, self.where, self.reason = path, where, reason
        super().__init__(f"{path}: {where}: {reason}")


class _Reader:
    """Checks one file's cards, naming the file in every error."""

    def __init__(self, path: str, sources: Mapping[str, str]) -> None:
        self.path = path
        self.sources = sources

    def fail(self, where: str, reason: str) -> MethodDataError:
        return MethodDataError(self.path, where, reason)

    def source(self, value: Any, where: str) -> str | None:
        if value is None:
            return None
        if value not in self.sources:
            raise self.fail(where, f"names source {value!r}, which is not listed under sources")
        return str(value)

    def whole(self, value: Any, where: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(where, "must be a whole number or null")
        return value

    def texts(self, value: Any, where: str) -> dict[str, str]:
        if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) or not value[lang].strip()
                                               for lang in LANGUAGES):
            raise self.fail(where, "must give a text in each of fi, sv and en")
        return {lang: str(value[lang]) for lang in LANGUAGES}

    def numbers(self, spec: Any, code: str, field: str) -> tuple[int | None, int | None, str | None]:
        """A min-max pair with its source: a number without a source, or min above max, is refused."""
        if not isinstance(spec, dict):
            raise self.fail(f"{code}.{field}", "must be a mapping of min, max and source")
        low = self.whole(spec.get("min"), f"{code}.{field}.min")
        high = self.whole(spec.get("max"), f"{code}.{field}.max")
        if (low is not None or high is not None) and not spec.get("source"):
            raise self.fail(f"{code}.{field}", "has a number but no source")
        if low is not None and high is not None and low > high:
            raise self.fail(f"{code}.{field}", "min is above max")
        return low, high, self.source(spec.get("source"), f"{code}.{field}.source")

    def card(self, row: Any, index: int) -> MethodCard:
        if not isinstance(row, dict) or not isinstance(row.get("code"), str):
            raise self.fail(f"methods[{index}]", "must be a mapping with a code")
        code = row["code"]
        for field in ("name", "step", "source", "target", "age", "contacts", "training"):
            if field not in row:
                raise self.fail(f"{code}.{field}", "is missing")
        step = row["step"]
        if isinstance(step, bool) or step not in STEPS:
            raise self.fail(f"{code}.step", "must be one of 0-4")
        source = self.source(row["source"], f"{code}.source")
        if source is None:
            raise self.fail(f"{code}.source", "is missing: the name, step and procedure code need a source")
        procedure = row.get("procedure_code")
        if procedure is not None and not isinstance(procedure, str):
            raise self.fail(f"{code}.procedure_code", "must be a code or null")
        age_min, age_max, age_source = self.numbers(row["age"], code, "age")
        contacts_min, contacts_max, contacts_source = self.numbers(row["contacts"], code, "contacts")
        training = row["training"]
        if not isinstance(training, dict):
            raise self.fail(f"{code}.training", "must be a mapping")
        required = bool(training.get("required"))
        if required and not training.get("source"):
            raise self.fail(f"{code}.training", "is required but names no source")
        if required and not training.get("course"):
            raise self.fail(f"{code}.training.course", "is missing: a required training names its course")
        cases = self.whole(training.get("training_cases"), f"{code}.training.training_cases")
        sessions = self.whole(training.get("supervision_sessions"), f"{code}.training.supervision_sessions")
        if (cases is not None or sessions is not None) and not training.get("source"):
            raise self.fail(f"{code}.training", "has a number but no source")
        training_source = self.source(training.get("source"), f"{code}.training.source")
        card_sources = [s for s in (age_source, contacts_source, training_source) if s]
        return MethodCard(
            code=code,
            name=self.texts(row["name"], f"{code}.name"),
            step=int(step),
            procedure_code=procedure,
            source=source,
            navigator_code=row.get("navigator_code"),
            need_group=row.get("need_group"),
            target=self.texts(row["target"], f"{code}.target"),
            age_min=age_min, age_max=age_max, age_source=age_source,
            contacts_min=contacts_min, contacts_max=contacts_max, contacts_source=contacts_source,
            contacts_note=str(row["contacts"].get("note") or ""),
            training=Training(
                required=required,
                course=self.texts(training["course"], f"{code}.training.course") if training.get("course") else None,
                training_cases=cases, supervision_sessions=sessions, source=training_source,
            ),
            sources=tuple(dict.fromkeys(card_sources)),
            contacts_about=bool(row["contacts"].get("about")),
        )


def build(raw: Any, path: str = str(METHODS_PATH)) -> MethodCatalogue:
    """The catalogue from the parsed YAML of ``path`` (named in every error)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("sources"), dict) or not isinstance(raw.get("methods"), list):
        raise MethodDataError(path, "(root)", "must have `sources` (a mapping) and `methods` (a list)")
    sources = {str(key): str(value["citation"]).strip() for key, value in raw["sources"].items()}
    reader = _Reader(path, sources)
    labels = raw.get("contacts_labels")
    if not isinstance(labels, dict):
        raise MethodDataError(path, "contacts_labels", "is missing")
    contacts_labels = {key: reader.texts(labels.get(key), f"contacts_labels.{key}") for key in ("range", "exact", "one", "about")}
    cards: dict[str, MethodCard] = {}
    navigator_codes: dict[str, str] = {}
    for index, row in enumerate(raw["methods"]):
        card = reader.card(row, index)
        if card.code in cards:
            raise MethodDataError(path, card.code, "has two cards")
        if card.navigator_code is not None:
            other = navigator_codes.setdefault(card.navigator_code, card.code)
            if other != card.code:
                raise MethodDataError(path, f"{card.code}.navigator_code",
                                      f"{card.navigator_code!r} is already the navigator code of {other}")
        cards[card.code] = card
    return MethodCatalogue(cards, sources, contacts_labels, path)


def load(path: str | Path) -> MethodCatalogue:
    """Read and check a method-cards file."""
    name = str(path)
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise MethodDataError(name, "(file)", f"cannot be read: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise MethodDataError(name, "(file)", f"is not valid YAML: {exc}") from exc
    return build(raw, name)


@cache
def method_catalogue() -> MethodCatalogue:
    """The shipped method cards."""
    return load(METHODS_PATH)


def method_cards() -> dict[str, MethodCard]:
    return method_catalogue().cards


def method_card(code: str) -> MethodCard | None:
    return method_cards().get(code)
