"""What the codes care compares may look like. Every code is ASCII: a code written with full-width
or other non-ASCII digits and letters is refused, never taken for a different code.

* unit codes are slugs of at most 60 characters (the column of ``accounts.Unit.code``);
* county codes are slugs of at most 40 characters (``accounts.County.code``);
* local client-record identifiers are 1–100 printable ASCII characters (spaces only inside);
* the interchange's ``client_id`` (64), ``intervention`` and ``problem`` (60) are code words:
  letters, digits, ``_ . -``, starting with a letter or digit (so a spreadsheet never reads one as
  a formula such as ``=HYPERLINK(...)``).
"""

from __future__ import annotations

import re

SLUG = r"[A-Za-z0-9][A-Za-z0-9_-]*"
CODE_WORD = r"[A-Za-z0-9][A-Za-z0-9_.-]*"

UNIT_CODE_MAX = 60
COUNTY_CODE_MAX = 40
LOCAL_IDENTIFIER_MAX = 100
CLIENT_ID_MAX = 64
INTERVENTION_MAX = 60
PROBLEM_MAX = 60

_LOCAL_IDENTIFIER = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?")
_SLUG = re.compile(SLUG)
_CODE_WORD = re.compile(CODE_WORD)


def is_slug(value: str, max_length: int) -> bool:
    return len(value) <= max_length and _SLUG.fullmatch(value) is not None


def is_code_word(value: str, max_length: int) -> bool:
    return len(value) <= max_length and _CODE_WORD.fullmatch(value) is not None


def is_local_identifier(value: str) -> bool:
    """Printable ASCII, 1–100 characters, no space at either end (strip before asking)."""
    return len(value) <= LOCAL_IDENTIFIER_MAX and _LOCAL_IDENTIFIER.fullmatch(value) is not None
