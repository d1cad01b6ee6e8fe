"""No identity code is stored or returned: finding Finnish personal identity codes in FHIR JSON.

A QuestionnaireResponse's ``subject.identifier`` may carry a client's identity code; Porras uses it
only to find the episode's client and replaces the subject with a pseudonymous reference
(``Patient/<client id>``, Porras's own id of the pseudonymous client). An identity code anywhere else
(a ``display``, a free-text answer, an extension, a reference such as ``Patient/131052-308T``) is
replaced by :data:`REMOVED` before anything is stored, and the OperationOutcome says where.

Found are codes in any of the forms a person or a system writes them: with or without the century
sign, the check character in upper or lower case, digits in any script (full-width ``１３１０５２``,
Arabic-Indic...). A candidate counts only if its date is a calendar date and its check character is
right, so ordinary numbers are left alone (a ten-digit number passes by chance once in about 31 cases
with a plausible date; such a number in free text is removed too: privacy first).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

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


def redact(value: Any, path: str = "") -> list[str]:
    """Replace, in place, every identity code in the strings (and keys) of a JSON object or array;
    the paths where one was found, sorted. Iterative: safe on any depth."""
    if not isinstance(value, dict | list):
        raise TypeError("redact works in place on a dict or list; use redact_text for a string")
    found: list[str] = []
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            for key in [k for k in node if isinstance(k, str) and contains_identity_code(k)]:
                node[redact_text(key)] = node.pop(key)
                found.append(f"{where}.{redact_text(key)}")
            entries: list[tuple[Any, str]] = [(k, f"{where}.{k}" if where else str(k)) for k in node]
        else:
            entries = [(i, f"{where}[{i}]") for i in range(len(node))]
        for key, here in entries:
            child = node[key]
            if isinstance(child, str):
                cleaned = redact_text(child)
                if cleaned != child:
                    node[key] = cleaned
                    found.append(here)
            elif isinstance(child, dict | list):
                stack.append((child, here))
    return sorted(found)
