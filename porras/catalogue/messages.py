"""The reasons the catalogue's rules give for refusing a service, as the manager's page shows them.

The rules word them in English (``"name_sv: required (...)"``: the field, then the reason), as the API
and the HSDS import answer them; the pages show each as the field's label and a sentence in the
user's language, through :func:`porras.lib.reasons.sentence`.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

REASONS = (
    gettext_noop("required (services are described in Finnish and Swedish)"),
    gettext_noop("required"),
    gettext_noop("at least one is required"),
    gettext_noop("at least one step level (0–4) is required"),
)

REASON_PATTERNS = {
    "must not be below minimum_age": gettext_noop("The oldest age must not be below the youngest age."),
    "%(value)s is not one of %(choices)s": gettext_noop("Choose one of the options offered."),
    "unknown code %(code)s (allowed: %(allowed)s)": gettext_noop("Choose from the options offered."),
    "unknown code %(code)s": gettext_noop("Choose from the options offered."),
    "%(value)s is outside 0–%(most)s": gettext_noop("Give an age from 0 to %(most)s."),
    "unknown county code %(code)s": gettext_noop("There is no such county."),
}
