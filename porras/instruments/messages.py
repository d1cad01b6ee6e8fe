"""The reasons the instruments' scoring gives for refusing answers, as a form shows them.

The scoring engine words its reasons in English with values (the API answers them as they are:
"missing answer (phq9 does not allow missing items); allowed option positions 0–3"); a page shows
them through :func:`porras.lib.reasons.sentence`, which finds them here.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

REASON_PATTERNS = {
    "missing answer (%(policy)s); allowed option positions %(positions)s": gettext_noop("Choose one answer."),
    "answer %(answer)s is out of range; allowed option positions %(positions)s": gettext_noop(
        "The answer is not one of the options."),
    "answer %(answer)s is not an integer; allowed option positions %(positions)s": gettext_noop(
        "The answer is not one of the options."),
    "surplus answer at position %(position)s: %(instrument)s has %(count)s items": gettext_noop(
        "There are more answers than questions."),
    "answers must be a list of option positions": gettext_noop("Answer the questions by choosing an option."),
}
