"""Numbers as the user's language writes them: ``12,5`` and ``12 345`` in Finnish and Swedish,
``12.5`` and ``12,345`` in English; percentages ``45 %`` (fi, sv) and ``45%`` (en).

Separators come from Django's locale formats (``DECIMAL_SEPARATOR``, ``THOUSAND_SEPARATOR``; the
project's own format modules in ``porras/web/formats`` set only dates), so that a page, a chart's
labels and its data table agree. Templates use the filters of ``{% load porras_format %}``
(``|number``, ``|number:1``, ``|percent:1``); Python code that writes text for a page (a message, a
chart label) calls :func:`number` and :func:`percent`. CSV, XLSX, JSON and FHIR stay machine-readable
(a decimal point, no grouping): never format those with this module.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.formats import number_format

from porras.lib.language import current_language

NBSP = "\u00a0"
MAX_DECIMALS = 3  # a value shown "as it is" is rounded to at most this many decimals
_PERCENT = {"fi": "{}" + NBSP + "%", "sv": "{}" + NBSP + "%", "en": "{}%"}


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _rounded(value: Decimal, places: int) -> Decimal:
    """Rounded half up (12.25 → 12.3 at one decimal), as people round; never "-0"."""
    result = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return result.copy_abs() if result.is_zero() else result


def _places(value: Decimal, most: int) -> int:
    """The decimals a value needs, at most ``most`` (12.50 → 1, 12.0 → 0)."""
    exponent = _rounded(value, most).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def number(value: Any, decimals: int | None = None, *, most: int = MAX_DECIMALS) -> str:
    """``value`` in the current language; ``decimals`` fixed, or as many as it needs but at most
    ``most`` (a prorated score 11.111… with ``most=1`` is 11,1; 12.0 is 12). Grouped by thousands
    from 10 000 up (``1000``, ``12 345``); anything not a number comes back as text."""
    parsed = _decimal(value)
    if parsed is None:
        return "" if value is None else str(value)
    places = _places(parsed, most) if decimals is None else decimals
    rounded = _rounded(parsed, places)
    return number_format(rounded, places, use_l10n=True, force_grouping=abs(rounded) >= 10000)


def percent(value: Any, decimals: int = 0) -> str:
    """A fraction (0.455) as a percentage in the current language: ``45,5 %`` / ``45.5%``."""
    parsed = _decimal(value)
    if parsed is None:
        return "" if value is None else str(value)
    return _PERCENT[current_language()].format(number(parsed * 100, decimals))
