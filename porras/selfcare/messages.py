"""The reasons the selfcare services give for refusing input, marked for translation (shown on the
pages through :func:`porras.lib.reasons.sentence`; the API answers them as they are)."""

from __future__ import annotations

from django.utils.translation import gettext_noop

REASONS = (
    gettext_noop("is not a programme of Porras"),
    gettext_noop("is not an instrument of Porras"),
    gettext_noop("is required: the client does not meet the programme's criteria"),
    gettext_noop("is required"),
    gettext_noop("is too long"),
    gettext_noop("is not one of the options"),
    gettext_noop("must be a whole number from 0 to 10"),
    gettext_noop("is not an exercise of this module"),
    gettext_noop("has not been completed by the client yet"),
    gettext_noop("is not the questionnaire this code was given for"),
    gettext_noop("is not a measure of this programme"),
    gettext_noop("does not carry this measure"),
)

REASON_PATTERNS = {
    "is longer than %(limit)s characters": gettext_noop("Write at most %(limit)s characters."),
    "%(criterion)s is not an exclusion criterion of this programme":
        gettext_noop("Choose only the exclusion criteria of this programme."),
}
