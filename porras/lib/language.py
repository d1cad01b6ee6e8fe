"""The UI language of the current request as a two-letter code: fi, sv or en (Finnish by default)."""

from __future__ import annotations

from django.utils.translation import get_language

UI_LANGUAGES = ("fi", "sv", "en")


def current_language() -> str:
    language = (get_language() or "fi")[:2]
    return language if language in UI_LANGUAGES else "fi"
