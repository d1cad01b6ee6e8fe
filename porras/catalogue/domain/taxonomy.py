"""The catalogue's controlled vocabularies (categories, channels, age groups, languages, steps).

They are data (``porras/catalogue/data/taxonomy.yaml``); this module loads and checks them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
TAXONOMY_FILE = DATA_DIR / "taxonomy.yaml"
COUNTIES_FILE = Path(__file__).resolve().parents[2] / "accounts" / "data" / "counties.csv"

UI_LANGUAGES = ("fi", "sv", "en")
VOCABULARIES = ("categories", "channels", "age_groups", "languages", "steps")


class UnknownTermError(ValueError):
    """A code that is not in the named vocabulary."""

    def __init__(self, vocabulary: str, code: object) -> None:
        self.vocabulary = vocabulary
        self.code = code
        allowed = ", ".join(term.code for term in terms(vocabulary)) if vocabulary in VOCABULARIES else ""
        super().__init__(
            f"{vocabulary}: unknown code {code!r}" + (f" (allowed: {allowed})" if allowed else "")
        )


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary, with labels in Finnish, Swedish and English."""

    vocabulary: str
    code: str
    labels: dict[str, str]
    min_age: int | None = None
    max_age: int | None = None

    def label(self, language: str = "fi") -> str:
        return self.labels.get(language) or self.labels["fi"]


@dataclass(frozen=True)
class County:
    """A wellbeing services county (or the City of Helsinki) with its fixed Porras code."""

    code: str
    labels: dict[str, str]

    def label(self, language: str = "fi") -> str:
        return self.labels.get(language) or self.labels["fi"]


@cache
def _load() -> dict[str, Any]:
    with TAXONOMY_FILE.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    if not isinstance(raw, dict):
        raise ValueError(f"{TAXONOMY_FILE}: expected a mapping at the top level")
    return raw


def version() -> str:
    return str(_load()["version"])


def source(vocabulary: str) -> str:
    if vocabulary not in VOCABULARIES:
        raise UnknownTermError("vocabulary", vocabulary)
    return str(_load()[vocabulary]["source"])


@cache
def terms(vocabulary: str) -> tuple[Term, ...]:
    """All terms of ``vocabulary`` in their defined order."""
    if vocabulary not in VOCABULARIES:
        raise ValueError(
            f"vocabulary: unknown vocabulary {vocabulary!r} (allowed: {', '.join(VOCABULARIES)})"
        )
    result = []
    for index, entry in enumerate(_load()[vocabulary]["terms"]):
        missing = [lang for lang in ("code", *UI_LANGUAGES) if not entry.get(lang)]
        if missing:
            raise ValueError(f"{TAXONOMY_FILE}: {vocabulary}[{index}] lacks {', '.join(missing)}")
        result.append(
            Term(
                vocabulary=vocabulary,
                code=str(entry["code"]),
                labels={lang: str(entry[lang]) for lang in UI_LANGUAGES},
                min_age=entry.get("min_age"),
                max_age=entry.get("max_age"),
            )
        )
    return tuple(result)


def codes(vocabulary: str) -> tuple[str, ...]:
    return tuple(term.code for term in terms(vocabulary))


def term(vocabulary: str, code: object) -> Term:
    for candidate in terms(vocabulary):
        if candidate.code == str(code):
            return candidate
    raise UnknownTermError(vocabulary, code)


def check(vocabulary: str, code: object) -> str:
    """Return ``code`` as a string if it belongs to ``vocabulary``; raise UnknownTermError otherwise."""
    return term(vocabulary, code).code


def step_levels() -> tuple[int, ...]:
    return tuple(int(code) for code in codes("steps"))


def check_step(value: object) -> int:
    if isinstance(value, bool):
        raise UnknownTermError("steps", value)
    try:
        level = int(str(value))
    except ValueError:
        raise UnknownTermError("steps", value) from None
    if level not in step_levels():
        raise UnknownTermError("steps", value)
    return level


@cache
def counties() -> tuple[County, ...]:
    """Porras's fixed county reference data (owned by the accounts app)."""
    with COUNTIES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(
        County(code=row["code"], labels={"fi": row["name_fi"], "sv": row["name_sv"], "en": row["name_en"]})
        for row in rows
    )


def county(code: object) -> County:
    for candidate in counties():
        if candidate.code == code:
            return candidate
    allowed = ", ".join(c.code for c in counties())
    raise ValueError(f"county: unknown county code {code!r} (allowed: {allowed})")


def age_group_codes_for(age: int) -> tuple[str, ...]:
    """The age groups whose bounds include ``age`` (groups without bounds, e.g. families, excluded)."""
    result = []
    for entry in terms("age_groups"):
        if entry.min_age is None and entry.max_age is None:
            continue
        low = entry.min_age if entry.min_age is not None else 0
        if age >= low and (entry.max_age is None or age <= entry.max_age):
            result.append(entry.code)
    return tuple(result)


@dataclass(frozen=True)
class SynonymGroup:
    """Words a search treats alike, per language, with where they come from."""

    words: dict[str, frozenset[str]]
    source: str


@cache
def synonym_groups() -> tuple[SynonymGroup, ...]:
    """The ``synonyms`` of the taxonomy: single lower-case words per language, each group sourced."""
    groups = []
    for index, entry in enumerate(_load().get("synonyms") or []):
        where = f"{TAXONOMY_FILE}: synonyms[{index}]"
        if not entry.get("source"):
            raise ValueError(f"{where} names no source")
        words: dict[str, frozenset[str]] = {}
        for language in UI_LANGUAGES:
            listed = [str(word) for word in entry.get(language) or []]
            bad = [word for word in listed if not word.isalpha() or word != word.lower()]
            if bad:
                raise ValueError(f"{where}.{language}: single lower-case words only, got {bad}")
            if listed:
                words[language] = frozenset(listed)
        if not any(len(group) > 1 for group in words.values()):
            raise ValueError(f"{where}: a group needs two words or more in one language")
        groups.append(SynonymGroup(words, str(entry["source"])))
    return tuple(groups)


def synonyms(word: str, language: str) -> frozenset[str]:
    """``word`` and every word of ``language`` that a synonym group puts beside it."""
    found = {word}
    for group in synonym_groups():
        if word in group.words.get(language, ()):
            found |= group.words[language]
    return frozenset(found)


@cache
def place_names() -> tuple[tuple[str, ...], ...]:
    """Official names of one place in Finnish and Swedish (``place_names`` of the taxonomy)."""
    section = _load().get("place_names") or {}
    if section and not section.get("source"):
        raise ValueError(f"{TAXONOMY_FILE}: place_names names no source")
    return tuple(tuple(str(name) for name in names) for names in section.get("names") or [])


def place_aliases(name: str) -> tuple[str, ...]:
    """``name`` and its official names in the other language, when the taxonomy lists them."""
    key = name.strip().casefold()
    for names in place_names():
        if key in (n.casefold() for n in names):
            return names
    return (name.strip(),) if name.strip() else ()
