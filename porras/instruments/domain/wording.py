"""Which wording of an instrument a person answered: a typed reference, written and read in one place.

Every stored answer set keeps the wording that was shown, because official and paraphrased wording
are not interchangeable evidence. There are three kinds, and one text form for each (the form is
what the ``wording`` column and the API hold; :meth:`WordingRef.parse` reads it back):

==================  ==========================================  ==========================================
kind                text form                                   meaning
==================  ==========================================  ==========================================
own                 ``porras:<instrument>:<version>:<lang>``    Porras's own wording of that version in
                                                                fi/sv/en (``<lang>`` empty: not recorded)
text pack           ``textpack:<id>``                           an imported text pack (official wording)
questionnaire       ``questionnaire:<canonical>|<version>``     the items of an external FHIR Questionnaire
legacy              ``legacy:<text>``                           a free-text note recorded before wording
                                                                was typed (kept, never written anew)
==================  ==========================================  ==========================================

``porras`` alone (what the measurement API accepted as "Porras's own") reads as the own wording with
instrument, version and language to be filled in by the writer (:meth:`WordingRef.completed`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

MAX_LENGTH = 600  # the width of the column that stores the text form
LANGUAGES = ("fi", "sv", "en")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$")


class WordingError(ValueError):
    """Text that is not a wording reference."""


class WordingKind(StrEnum):
    OWN = "porras"
    TEXT_PACK = "textpack"
    QUESTIONNAIRE = "questionnaire"
    LEGACY = "legacy"


@dataclass(frozen=True)
class WordingRef:
    """A reference to the wording shown. Build with :meth:`own`, :meth:`text_pack`,
    :meth:`questionnaire` or :meth:`parse`; ``str()`` gives the text form."""

    kind: WordingKind
    instrument: str = ""
    version: str = ""
    language: str = ""
    pack_id: int | None = None
    url: str = ""
    note: str = ""

    @classmethod
    def own(cls, instrument: str, version: str, language: str = "") -> WordingRef:
        if not _NAME.match(instrument):
            raise WordingError(f"{instrument!r} is not an instrument id")
        if version and not _VERSION.match(version):
            raise WordingError(f"{version!r} is not an instrument version")
        if language not in ("", *LANGUAGES):
            raise WordingError(f"language must be one of {', '.join(LANGUAGES)}")
        return cls(WordingKind.OWN, instrument=instrument, version=version, language=language)

    @classmethod
    def text_pack(cls, pack_id: int) -> WordingRef:
        if isinstance(pack_id, bool) or not isinstance(pack_id, int) or pack_id < 1:
            raise WordingError("a text pack id is a positive whole number")
        return cls(WordingKind.TEXT_PACK, pack_id=pack_id)

    @classmethod
    def questionnaire(cls, url: str, version: str | None = None) -> WordingRef:
        if not url or any(c.isspace() for c in url) or "|" in url:
            raise WordingError("a questionnaire is named by its canonical URL (no spaces, no '|')")
        ref = cls(WordingKind.QUESTIONNAIRE, url=url, version=version or "")
        if len(str(ref)) > MAX_LENGTH:
            raise WordingError(f"must be at most {MAX_LENGTH} characters")
        return ref

    @classmethod
    def parse(cls, text: str) -> WordingRef:
        """The reference written as ``text``; raises :class:`WordingError`."""
        if not isinstance(text, str) or not text:
            raise WordingError("is empty")
        if len(text) > MAX_LENGTH:
            raise WordingError(f"must be at most {MAX_LENGTH} characters")
        kind, sep, rest = text.partition(":")
        if kind == WordingKind.OWN:
            if not sep:
                return cls(WordingKind.OWN)
            parts = rest.split(":")
            if len(parts) != 3:
                raise WordingError("own wording is porras:<instrument>:<version>:<language>")
            return cls.own(*parts)
        if kind == WordingKind.TEXT_PACK and rest.isascii() and rest.isdigit():
            return cls.text_pack(int(rest))
        if kind == WordingKind.QUESTIONNAIRE and rest:
            url, _, version = rest.partition("|")
            return cls.questionnaire(url, version)
        if kind == WordingKind.LEGACY and rest:
            return cls(WordingKind.LEGACY, note=rest)
        raise WordingError(
            "must be porras:<instrument>:<version>:<language>, textpack:<id> or questionnaire:<url>|<version>"
        )

    def completed(self, instrument: str, version: str, language: str = "") -> WordingRef:
        """An own-wording reference with what it leaves open filled in; other kinds unchanged."""
        if self.kind != WordingKind.OWN:
            return self
        if self.instrument and self.instrument != instrument:
            raise WordingError(f"names instrument {self.instrument!r}, not {instrument!r}")
        return WordingRef.own(instrument, self.version or version, self.language or language)

    def __str__(self) -> str:
        if self.kind == WordingKind.OWN:
            if not self.instrument:
                return "porras"
            return f"porras:{self.instrument}:{self.version}:{self.language}"
        if self.kind == WordingKind.TEXT_PACK:
            return f"textpack:{self.pack_id}"
        if self.kind == WordingKind.QUESTIONNAIRE:
            return f"questionnaire:{self.url}|{self.version}"
        return f"legacy:{self.note}"
