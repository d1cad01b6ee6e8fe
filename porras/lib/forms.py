"""Form fields every app's forms share (Django forms; no app imported).

Their messages are translated in the web shell's catalogue (``porras/web/locale``), which the
translation test checks for the strings of ``porras/lib``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from porras.lib.schema import EARLIEST_EVENT, YEARS_AHEAD, plausible_date

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EventDateField(forms.DateField):
    """A date of a care event, within the same plausible bounds as the API's ``EventDate``."""

    widget = DATE_WIDGET

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        try:
            plausible_date(value)
        except ValueError:
            latest = dt.date(dt.date.today().year + YEARS_AHEAD, 12, 31)
            raise ValidationError(
                _("Enter a date between %(earliest)s and %(latest)s."),
                code="implausible",
                params={"earliest": date_format(EARLIEST_EVENT, "SHORT_DATE_FORMAT"),
                        "latest": date_format(latest, "SHORT_DATE_FORMAT")},
            ) from None
