"""Template filters for money and dates of the programme pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def eur(value: Any) -> str:
    """Whole euros with no-break spaces between thousands: 3300000 -> '3 300 000 €'."""
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(Decimal(1))
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0€"


@register.filter
def lang_name(obj: Any, language: str) -> str:
    return str(getattr(obj, f"name_{language}", "") or "")
