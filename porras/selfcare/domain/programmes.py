"""Self-care and guided internet-therapy programmes as data (``data/programmes/*.yaml``).

A programme is one file: id, version, status (``demo`` until a county's clinical governance has
reviewed it), step (0 open self-care, 1 guided), minimum age, expected weeks, target concerns, title
and summary in Finnish, Swedish and English, ordered modules (own text or a link to national content,
exercises, an embedded instrument at set modules), suitability and exclusion criteria each naming its
source, and the sources. The loader checks every file whole and refuses a broken one with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LANGUAGES = ("fi", "sv", "en")
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "programmes"
EXERCISE_KINDS = ("text", "choice", "scale")
STATUSES = ("demo", "reviewed", "retired")
# A county adds its own programme files in a folder of its own (README, "Programmes").
EXTRA_DIR_ENV = "PORRAS_SELFCARE_PROGRAMMES_DIR"
MODULES_MIN, MODULES_MAX = 1, 20
TEXT_MAX = 4000


class ProgrammeError(ValueError):
    """A programme file that is not whole: the file and the reason."""


class UnknownProgramme(LookupError):
    """No programme has this id."""


Text = Mapping[str, str]


@dataclass(frozen=True)
class Option:
    id: str
    label: Text


@dataclass(frozen=True)
class Exercise:
    id: str
    kind: str  # text | choice | scale (0-10)
    prompt: Text
    options: tuple[Option, ...] = ()

    def accepts(self, value: str) -> bool:
        """Is ``value`` a possible answer (free text within its limit, an option id, 0-10)?"""
        if self.kind == "text":
            return len(value) <= TEXT_MAX
        if self.kind == "choice":
            return value in {o.id for o in self.options}
        return value.isascii() and value.isdigit() and 0 <= int(value) <= 10


@dataclass(frozen=True)
class Link:
    url: str
    label: Text


@dataclass(frozen=True)
class Module:
    id: str
    number: int
    title: Text
    text: Text | None
    link: Link | None
    exercises: tuple[Exercise, ...]
    instrument: str | None

    def exercise(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)


@dataclass(frozen=True)
class Criterion:
    id: str
    kind: str  # exclusion | suitability
    label: Text
    source: str


@dataclass(frozen=True)
class Programme:
    id: str
    version: str
    status: str
    step: int
    min_age: int
    expected_weeks: int
    concerns: tuple[str, ...]
    title: Text
    summary: Text
    modules: tuple[Module, ...]
    criteria: tuple[Criterion, ...]
    sources: Mapping[str, Mapping[str, str]]

    @property
    def open(self) -> bool:
        """Step 0: anyone may work through it without signing in."""
        return self.step == 0

    @property
    def exclusions(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.kind == "exclusion")

    @property
    def instruments(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.instrument for m in self.modules if m.instrument))

    def module(self, module_id: str) -> Module:
        for module in self.modules:
            if module.id == module_id:
                return module
        raise KeyError(module_id)


def _text(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, dict) or any(not isinstance(raw.get(lang), str) or not raw[lang].strip() for lang in LANGUAGES):
        raise ProgrammeError(f"{where}: needs a text in each of {', '.join(LANGUAGES)}")
    return {lang: raw[lang].strip() for lang in LANGUAGES}


def _exercise(raw: Any, where: str) -> Exercise:
    if not isinstance(raw, dict) or raw.get("kind") not in EXERCISE_KINDS or not raw.get("id"):
        raise ProgrammeError(f"{where}: an exercise needs an id and a kind ({', '.join(EXERCISE_KINDS)})")
    options = tuple(Option(str(o["id"]), _text(o.get("label"), f"{where}.{o.get('id')}")) for o in raw.get("options") or ())
    if raw["kind"] == "choice" and len(options) < 2:
        raise ProgrammeError(f"{where}: a choice needs at least two options")
    return Exercise(str(raw["id"]), raw["kind"], _text(raw.get("prompt"), f"{where}.prompt"), options)


def _module(raw: Any, number: int, where: str, known_instruments: frozenset[str] | None) -> Module:
    if not isinstance(raw, dict) or not raw.get("id"):
        raise ProgrammeError(f"{where}: a module needs an id")
    text = _text(raw["text"], f"{where}.text") if raw.get("text") is not None else None
    link = None
    if raw.get("link") is not None:
        url = str(raw["link"].get("url", ""))
        if not url.startswith("https://"):
            raise ProgrammeError(f"{where}.link: an https address is required")
        link = Link(url, _text(raw["link"].get("label"), f"{where}.link.label"))
    if text is None and link is None:
        raise ProgrammeError(f"{where}: a module carries its own text or a link to national content")
    exercises = tuple(_exercise(e, f"{where}.exercises[{i}]") for i, e in enumerate(raw.get("exercises") or ()))
    if len({e.id for e in exercises}) != len(exercises):
        raise ProgrammeError(f"{where}: exercise ids repeat")
    instrument = raw.get("instrument")
    if instrument is not None and known_instruments is not None and instrument not in known_instruments:
        raise ProgrammeError(f"{where}: unknown instrument {instrument!r}")
    return Module(str(raw["id"]), number, _text(raw.get("title"), f"{where}.title"), text, link, exercises,
                  str(instrument) if instrument else None)


def parse(raw: Any, where: str = "programme", known_instruments: frozenset[str] | None = None) -> Programme:
    """A programme from its data, checked whole; :class:`ProgrammeError` names the first fault."""
    if not isinstance(raw, dict):
        raise ProgrammeError(f"{where}: expected a mapping")
    for key in ("id", "version", "status", "step", "min_age", "expected_weeks", "modules", "sources"):
        if key not in raw:
            raise ProgrammeError(f"{where}: {key} is required")
    if raw["status"] not in STATUSES:
        raise ProgrammeError(f"{where}: status must be one of {', '.join(STATUSES)}")
    if raw["step"] not in (0, 1):
        raise ProgrammeError(f"{where}: step must be 0 (open self-care) or 1 (guided)")
    sources = raw["sources"]
    if not isinstance(sources, dict) or not sources:
        raise ProgrammeError(f"{where}: sources are required")
    modules_raw = raw["modules"]
    if not isinstance(modules_raw, list) or not MODULES_MIN <= len(modules_raw) <= MODULES_MAX:
        raise ProgrammeError(f"{where}: between {MODULES_MIN} and {MODULES_MAX} modules")
    modules = tuple(_module(m, i + 1, f"{where}.modules[{i}]", known_instruments) for i, m in enumerate(modules_raw))
    if len({m.id for m in modules}) != len(modules):
        raise ProgrammeError(f"{where}: module ids repeat")
    criteria = []
    for i, c in enumerate(raw.get("criteria") or ()):
        if c.get("kind") not in ("exclusion", "suitability") or c.get("source") not in sources:
            raise ProgrammeError(f"{where}.criteria[{i}]: a kind (exclusion/suitability) and one of the sources")
        criteria.append(Criterion(str(c["id"]), c["kind"], _text(c.get("label"), f"{where}.criteria[{i}]"), c["source"]))
    for key in ("min_age", "expected_weeks"):
        if not isinstance(raw[key], int) or raw[key] < 0:
            raise ProgrammeError(f"{where}: {key} must be a whole number")
    for key in ("min_age_source", "expected_weeks_source"):
        if raw.get(key) not in sources:
            raise ProgrammeError(f"{where}: {key} must name one of the sources")
    return Programme(
        id=str(raw["id"]), version=str(raw["version"]), status=raw["status"], step=raw["step"],
        min_age=raw["min_age"], expected_weeks=raw["expected_weeks"],
        concerns=tuple(str(c) for c in raw.get("concerns") or ()),
        title=_text(raw.get("title"), f"{where}.title"), summary=_text(raw.get("summary"), f"{where}.summary"),
        modules=modules, criteria=tuple(criteria),
        sources={k: {kk: str(vv) for kk, vv in v.items()} for k, v in sources.items()},
    )


def _files() -> list[Path]:
    found = sorted(DATA_DIR.glob("*.yaml"))
    extra = os.environ.get(EXTRA_DIR_ENV, "")
    if extra:
        found += sorted(Path(extra).glob("*.yaml"))
    return found


@cache
def programmes() -> dict[str, Programme]:
    """Every programme by id (Porras's own, then a county's folder ``PORRAS_SELFCARE_PROGRAMMES_DIR``);
    a county's file with the id of one of Porras's replaces it."""
    found: dict[str, Programme] = {}
    for path in _files():
        with path.open(encoding="utf-8") as handle:
            programme = parse(yaml.safe_load(handle), path.name)
        found[programme.id] = programme
    return found


def load_programme(programme_id: str) -> Programme:
    try:
        return programmes()[programme_id]
    except KeyError:
        raise UnknownProgramme(programme_id) from None
