"""A domain's reason for refusing input, as a sentence in the user's language.

Services and the domain give their reasons in English, and the API answers them as they are
(``{"field": "status", "reason": "must be one of booked, attended"}``). A page shows them through
:func:`sentence`, which looks a reason up in two catalogues that each app keeps in its
``messages.py``:

* ``REASONS``: fixed reasons, each marked with ``gettext_noop`` so that the app's translation
  catalogue holds it; the reason is translated as it is ("must not be in the future");
* ``REASON_PATTERNS``: reasons the domain builds with values, written with placeholders
  (``"must be one of %(choices)s"``), each mapped to the sentence a person reads instead (a msgid
  marked with ``gettext_noop``, which may use the placeholders: ``"Choose %(choices)s"``).

A reason in neither catalogue is shown as it is, and the test that walks every form in Finnish and
Swedish (``tests/test_every_error_shown_is_a_sentence_in_the_ui_language.py``) finds it. Field paths
("identifier.value") never belong in a reason: the form puts the sentence on its field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from django.utils.text import capfirst
from django.utils.translation import gettext

from porras.lib.discovery import app_modules

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _pattern(template: str) -> re.Pattern[str]:
    """``"must be one of %(choices)s"`` → a regular expression with a named group per placeholder."""
    parts, last = [], 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[last:match.start()]))
        parts.append(f"(?P<{match.group(1)}>.+?)")
        last = match.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.S)


@cache
def patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Every app's ``REASON_PATTERNS`` (``porras.<app>.messages``), as (pattern, sentence) pairs."""
    found: list[tuple[re.Pattern[str], str]] = []
    for module in app_modules("messages"):
        table: Mapping[str, str] = getattr(module, "REASON_PATTERNS", {})
        found.extend((_pattern(template), message) for template, message in table.items())
    return tuple(found)


def translated(reason: str) -> str:
    """The reason in the current language, as it is written (no capital added)."""
    text = str(reason)
    own = gettext(text)
    if own != text:
        return own
    for pattern, message in patterns():
        match = pattern.fullmatch(text)
        if match:
            values = match.groupdict()
            return gettext(message) % values if values else gettext(message)
    return text


def sentence(reason: str) -> str:
    """The reason in the current language, starting with a capital letter."""
    return str(capfirst(translated(reason)))
