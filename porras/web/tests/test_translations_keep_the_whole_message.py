"""No translation in any app's catalogue drops part of what the English says.

A translation that stops half-way (as "Jos ajattelet elämäsi päättämistä tai olet välittömässä
vaarassa" did, without ", soita 112.") shows in one of four ways, checked over every ``django.po``
of every app, in every language with a filled ``msgstr``:

- a placeholder (``%(name)s``, ``%s``, ``{name}``) of the English is missing or added: exact;
- a number of the English (112, 15, 09 2525 0111) is missing or added: exact;
- the English ends a sentence (``.``, ``!``, ``?``, ``:``) and the translation does not;
- the translation of a longer message is less than half as long as the English. Finnish and
  Swedish run from about 0.6 to 1.5 times the English length in these catalogues (the shortest
  whole ones: "Sidan du sökte finns inte." for "The page you were looking for does not exist.",
  0.58); below half, something is missing.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(PACKAGE.glob("*/locale/*/LC_MESSAGES/django.po"))

PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdifr]|%[sdifr]|\{[A-Za-z_]\w*\}")
NUMBER = re.compile(r"\d+")
SENTENCE_END = (".", "!", "?", ":", "…")
# Messages shorter than this are labels ("Record the assessment": "Kirjaa arvio"), where the
# length of a whole translation varies too much to tell anything.
MIN_LENGTH_CHECKED = 40
MIN_LENGTH_RATIO = 0.5


def _pairs(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(English, translation) pairs of an entry: one, or one per plural form."""
    if entry.msgid_plural:
        return [
            (entry.msgid if index == 0 else entry.msgid_plural, text)
            for index, text in sorted(entry.msgstr_plural.items()) if text
        ]
    return [(entry.msgid, entry.msgstr)] if entry.msgstr else []


def problems_of(english: str, translation: str) -> list[str]:
    """What a translation drops or adds against its English message (empty when whole)."""
    found = []
    if Counter(PLACEHOLDER.findall(english)) != Counter(PLACEHOLDER.findall(translation)):
        found.append("placeholders differ")
    if Counter(NUMBER.findall(PLACEHOLDER.sub("", english))) != Counter(
        NUMBER.findall(PLACEHOLDER.sub("", translation))
    ):
        found.append("numbers differ")
    if english.rstrip().endswith(SENTENCE_END) and not translation.rstrip().endswith(SENTENCE_END):
        found.append("the sentence is not finished")
    if len(english) >= MIN_LENGTH_CHECKED and len(translation) < MIN_LENGTH_RATIO * len(english):
        found.append(f"{len(translation)} characters for {len(english)}")
    return found


def test_every_apps_catalogues_are_checked():
    apps = {path.relative_to(PACKAGE).parts[0] for path in CATALOGUES}
    assert {"web", "navigator", "accounts", "care", "instruments"} <= apps
    assert {path.parts[-3] for path in CATALOGUES} == {"fi", "sv", "en"}


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: "/".join(p.relative_to(PACKAGE).parts[:3:2]))
def test_no_translation_drops_part_of_the_message(catalogue: Path):
    bad = [
        f"{english!r} -> {translation!r}: {', '.join(found)}"
        for entry in polib.pofile(str(catalogue)) if not entry.obsolete
        for english, translation in _pairs(entry)
        if (found := problems_of(english, translation))
    ]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(("english", "translation"), [
    ("If you are thinking of ending your life or are in immediate danger, call 112.",
     "Jos ajattelet elämäsi päättämistä tai olet välittömässä vaarassa"),
    ("Step %(step)s: %(name)s", "Porras %(step)s"),
    ("Try again in 15 minutes.", "Yritä myöhemmin uudelleen."),
    ("Your roles show aggregated, small-cell-suppressed figures only.", "Roolisi näyttävät vain lukuja"),
])
def test_the_check_finds_a_message_cut_short(english: str, translation: str):
    assert problems_of(english, translation)


@pytest.mark.parametrize(("english", "translation"), [
    ("If you are thinking of ending your life or are in immediate danger, call 112.",
     "Jos ajattelet elämäsi päättämistä tai olet välittömässä vaarassa, soita 112."),
    ("Part 2 of 2: questionnaires", "Osa 2/2: kyselyt"),
    ("The page you were looking for does not exist.", "Sidan du sökte finns inte."),
])
def test_the_check_accepts_a_whole_translation(english: str, translation: str):
    assert problems_of(english, translation) == []
