"""Numbers as the user's language writes them, for every template: ``{% load porras_format %}``.

``{{ total|number }}`` (12,5 in Finnish and Swedish, 12.5 in English), ``{{ mean|number:1 }}`` (one
decimal), ``{{ total|score }}`` (at most one decimal), ``{{ rate|percent }}`` / ``{{ rate|percent:1 }}``
(a fraction as 45 % / 45,5 %). See :mod:`porras.lib.numbers`. Dates have their one format already (``|date:"SHORT_DATE_FORMAT"``).
"""

from __future__ import annotations

from typing import Any

from django import template

from porras.lib import numbers

register = template.Library()


@register.filter
def number(value: Any, decimals: Any = None) -> str:
    return numbers.number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def score(value: Any) -> str:
    """A questionnaire score: whole as it is, a prorated one with one decimal (11,1)."""
    return numbers.number(value, most=1)


@register.filter
def percent(value: Any, decimals: Any = 0) -> str:
    return numbers.percent(value, int(decimals or 0))
