"""The reasons competence's rules give for refusing input, marked for translation (see porras.lib.reasons)."""

from __future__ import annotations

from django.utils.translation import gettext_noop

REASONS = (
    gettext_noop("must not be in the future"),
    gettext_noop("must not be before the start of the training"),
    gettext_noop("needs the completion date of the training"),
    gettext_noop("must not be before the completion of the training"),
    gettext_noop("not an episode of this unit"),
    gettext_noop("is not a user you may record training for"),
    gettext_noop("is not a unit code"),
    gettext_noop("the professional does not deliver care in this unit"),
    gettext_noop("is not a method card"),
    # importing a training provider's file
    gettext_noop("is not a column of the format"),
    gettext_noop("is a required column"),
    gettext_noop("has more cells than the header"),
    gettext_noop("is not a date (YYYY-MM-DD)"),
    gettext_noop("is not a whole number"),
    gettext_noop("appears twice for this professional"),
)

REASON_PATTERNS = {
    "must be 0-%(most)s": gettext_noop("Enter a whole number from 0 to %(most)s."),
    "at most %(most)s rows": gettext_noop("A file may have at most %(most)s rows."),
    "at most %(most)s characters": gettext_noop("At most %(most)s characters."),
}
