"""The reasons the navigator's rules give for refusing input, as the professional's page shows them.

The engine words them in English (the API answers them as they are); the page shows each through
:func:`porras.lib.reasons.sentence`, led by its field's label. Reasons that other apps word alike
("must be one of …") are translated through their catalogues.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

REASONS = (
    gettext_noop("is required"),
    gettext_noop("is given twice"),
)

REASON_PATTERNS = {
    "must be a whole number of years from 0 to %(most)s": gettext_noop("Give an age from 0 to %(most)s years."),
    "must be one of %(choices)s (or left out)": gettext_noop("Choose one of the options offered."),
    "is not a known county code (see GET /api/v1/counties)": gettext_noop("There is no such county."),
    "is not a known concern (known: %(known)s)": gettext_noop("Choose the concerns from the list."),
    "is also given in responses; give an instrument in one form only": gettext_noop(
        "Give each questionnaire only once: as answers or as a score."),
}
