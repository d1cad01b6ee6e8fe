"""The Finnish personal identity code (henkilötunnus): validation and a keyed pseudonym.

Format ``DDMMYYCZZZQ``: date of birth, century sign ``C``, individual number ``ZZZ`` and check
character ``Q``. Sources: Digi- ja väestötietovirasto (DVV), "Henkilötunnus" (dvv.fi); the
Population Information Act (laki väestötietojärjestelmästä ja Digi- ja väestötietoviraston
varmennepalveluista 661/2009, 12 §) as amended from 1 January 2023, which added the century signs
Y, X, W, V, U (1900s) and B, C, D, E, F (2000s) beside ``-`` and ``A``.

* century sign: ``+`` 1800s; ``-``, ``Y``, ``X``, ``W``, ``V``, ``U`` 1900s; ``A``–``F`` 2000s;
* individual number: 002–899 for permanent codes, 900–999 for temporary ones (000 and 001 are
  not issued);
* check character: the nine digits ``DDMMYYZZZ`` as one number, remainder modulo 31, used as an
  index into ``0123456789ABCDEFHJKLMNPRSTUVWXY``.

The code itself is never stored or logged: :func:`pseudonym` turns it into an HMAC-SHA256 under a
secret key, so that the same code always finds the same client. Error messages never repeat the
code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURY_SIGNS: dict[str, int] = {
    "+": 1800,
    "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
    "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000,
}
# ASCII digits only: Python's \d would also take full-width and other scripts' digits.
_SHAPE = re.compile(r"^([0-9]{2})([0-9]{2})([0-9]{2})(.)([0-9]{3})(.)$")


class IdentityCodeError(ValueError):
    """An invalid identity code. ``part`` names what is wrong: format, date, century_sign,
    individual_number or checksum. The message never contains the code itself."""

    def __init__(self, part: str, reason: str) -> None:
        self.part = part
        self.reason = reason
        super().__init__(f"{part}: {reason}")


@dataclass(frozen=True)
class IdentityCode:
    """A validated identity code: what Porras may keep of it (birth year, sex), never the code."""

    normalised: str
    birth_date: dt.date
    sex: str  # "male" (odd individual number) or "female" (even)
    temporary: bool

    @property
    def birth_year(self) -> int:
        return self.birth_date.year

    def __repr__(self) -> str:  # never print the code
        return "IdentityCode(<hidden>)"

    __str__ = __repr__


def check_character(nine_digits: str) -> str:
    """The check character of ``DDMMYYZZZ``."""
    return CHECK_CHARACTERS[int(nine_digits) % 31]


def parse_identity_code(value: str) -> IdentityCode:
    """Validate ``value``; raise :class:`IdentityCodeError` naming the part that is wrong."""
    if not isinstance(value, str):
        raise IdentityCodeError("format", "must be text of 11 characters DDMMYYCZZZQ")
    text = value.strip()
    if not text.isascii():
        raise IdentityCodeError(
            "format", "must be written in ASCII: the digits 0–9 and the letters A–Y (no full-width or other digits)"
        )
    text = text.upper()
    if len(text) != 11:
        raise IdentityCodeError("format", f"must be 11 characters DDMMYYCZZZQ, got {len(text)}")
    match = _SHAPE.match(text)
    if match is None:
        raise IdentityCodeError(
            "format", "must be six digits of the date of birth, a century sign, three digits and a check character"
        )
    day, month, year2, sign, individual, check = match.groups()
    if sign not in CENTURY_SIGNS:
        raise IdentityCodeError(
            "century_sign", f"{sign!r} is not a century sign; use + (1800s), - or Y X W V U (1900s), A–F (2000s)"
        )
    year = CENTURY_SIGNS[sign] + int(year2)
    try:
        birth = dt.date(year, int(month), int(day))
    except ValueError:
        raise IdentityCodeError("date", f"day {day}, month {month} of {year} is not a calendar date") from None
    number = int(individual)
    if number < 2:
        raise IdentityCodeError("individual_number", "must be 002–999 (000 and 001 are not issued)")
    expected = check_character(day + month + year2 + individual)
    if check != expected:
        raise IdentityCodeError("checksum", "the check character does not match the date and individual number")
    return IdentityCode(
        normalised=text,
        birth_date=birth,
        sex="male" if number % 2 else "female",
        temporary=number >= 900,
    )


def pseudonym(key: str | bytes, system: str, value: str) -> str:
    """HMAC-SHA256 (hex) of ``system:value`` under ``key``.

    Only case (identity codes) and surrounding spaces are normalised: codes that differ only in a
    century sign of the same century are different codes issued to different people.
    """
    secret = key.encode("utf-8") if isinstance(key, str) else key
    if not secret:
        raise ValueError("pseudonym key: must not be empty")
    normalised = value.strip().upper() if system == "hetu" else value.strip()
    message = f"{system}:{normalised}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
