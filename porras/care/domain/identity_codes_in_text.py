"""Finding Finnish personal identity codes in free text, in any form people and systems write them.

With or without the century sign, the check character in upper or lower case, digits in any script
(full-width ``１３１０５２``, Arabic-Indic...). A candidate counts only if its date is a calendar date
and its check character is right (:mod:`porras.care.domain.identity_code`), so ordinary numbers are
left alone; a ten-digit number with a plausible date passes by chance about once in 31 and is then
treated as a code too: privacy first. Used wherever text from outside could carry a code into storage
(FHIR resources, the client_id of an imported data set).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from porras.care.domain.identity_code import CENTURY_SIGNS, check_character

REMOVED = "[identity code removed]"

_CANDIDATE = re.compile(
    r"(?<![0-9A-Za-z])([0-9]{2})([0-9]{2})([0-9]{2})([-+A-FU-Ya-fu-y]?)([0-9]{3})([0-9A-Ya-y])(?![0-9A-Za-z])"
)


def _ascii_digits(text: str) -> str:
    """``text`` with compatibility forms folded (full-width letters) and every decimal digit in ASCII."""
    folded = unicodedata.normalize("NFKC", text)
    if folded.isascii():
        return folded
    return "".join(str(unicodedata.decimal(c)) if not c.isascii() and c.isdecimal() else c for c in folded)


def _is_code(day: str, month: str, year2: str, sign: str, individual: str, check: str) -> bool:
    if int(individual) < 2 or check.upper() != check_character(day + month + year2 + individual):
        return False
    centuries = [CENTURY_SIGNS[sign.upper()]] if sign else sorted(set(CENTURY_SIGNS.values()))
    for century in centuries:
        try:
            dt.date(century + int(year2), int(month), int(day))
        except ValueError:
            continue
        return True
    return False


def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _CANDIDATE.finditer(text) if _is_code(*m.groups())]


def contains_identity_code(text: str) -> bool:
    return bool(_spans(_ascii_digits(text)))


def redact_text(text: str) -> str:
    """``text`` with every identity code replaced by :data:`REMOVED` (unchanged if it holds none)."""
    folded = _ascii_digits(text)
    spans = _spans(folded)
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for start, end in spans:
        out += [folded[last:start], REMOVED]
        last = end
    out.append(folded[last:])
    return "".join(out)
