"""Report figures as people read them: group values by name in the UI language, rates as
percentages, medians in days, numbers in the user's locale (:mod:`porras.lib.numbers`).

The published report keeps its codes (``helsinki``, ``hki-kalasatama``, ``IDY03``, ``2025-03``), as
the downloads and the API do; only what a page shows is named here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import get_language_info, gettext, ngettext

from porras.accounts.domain.areas import collaborative_areas
from porras.accounts.models import County, Unit
from porras.care.choices import LANGUAGES, SEXES
from porras.care.domain.episodes import interventions
from porras.care.episode_sections import discover
from porras.lib import numbers
from porras.lib.language import current_language
from porras.outcomes.domain.engine import ACCESS_MEDIANS

MEDIANS = frozenset(m.name for m in ACCESS_MEDIANS)
WITHHELD = "–"


def month_label(value: str) -> str:
    """``"2025-03"`` -> ``3/2025``: the project's one month format (``YEAR_MONTH_FORMAT`` of
    ``porras/web/formats``), the same in every language."""
    year, month = int(value[:4]), int(value[5:7])
    return date_format(dt.date(year, month, 1), "YEAR_MONTH_FORMAT")


def quarter_label(value: str) -> str:
    """``"2025Q1"`` -> ``1. neljännes 2025`` / ``kvartal 1 2025`` / ``Q1 2025``."""
    return gettext("Q%(quarter)s %(year)s") % {"quarter": value[5:], "year": value[:4]}


class GroupNames:
    """Names of the group values of the reports in the current language (one lookup per page)."""

    def __init__(self) -> None:
        self.counties = {c.code: c.name for c in County.objects.all()}
        self.units = {u.code: u.name for u in Unit.objects.all()}
        language = current_language()
        self.interventions: dict[str, str] = {}
        for item in interventions().values():
            name = item.name.get(language) or item.name["en"]
            self.interventions[item.code] = name
            if item.procedure_code:  # the report names it by its procedure code
                self.interventions[item.procedure_code] = name
        self.areas = {code: area.label(language) for code, area in collaborative_areas().items()}
        self.sexes = {value: str(label) for value, label in SEXES}
        # names of group values kept by other apps (``<app>/report_names.py``: the programmes of digital care)
        self.programmes: dict[str, str] = {}
        for module in discover("report_names"):
            self.programmes.update(module.names("programme", language))
        self.languages = {value: str(label) for value, label in LANGUAGES}

    def _language(self, code: str) -> str:
        if code in self.languages:
            return self.languages[code]
        try:
            return str(get_language_info(code)["name_translated"])
        except KeyError:
            return code

    def value(self, key: str, value: Any) -> str:
        """One group value as a name (``–`` when it is missing)."""
        if (value is None or value == "") and key == "programme":
            return gettext("no programme")  # an episode without a programme assignment
        if value is None or value == "":
            return gettext("not recorded")
        text = str(value)
        if key == "county":
            return self.counties.get(text, text)
        if key == "collaborative_area":
            return self.areas.get(text, text)
        if key == "unit":
            return self.units.get(text, text)
        if key == "intervention":
            return self.interventions.get(text, text)
        if key == "sex":
            return self.sexes.get(text, text)
        if key == "programme":
            return self.programmes.get(text, text)
        if key == "language":
            return self._language(text)
        if key == "month":
            return month_label(text)
        if key == "quarter":
            return quarter_label(text)
        if key == "step":
            return gettext("Step %(step)s") % {"step": text}
        return text

    def group(self, group: dict[str, Any], keys: Sequence[str], everyone: str) -> str:
        """The label of a report row: its group values joined, or ``everyone`` without groups."""
        if not keys:
            return everyone
        return " · ".join(self.value(k, group[k]) for k in keys)


def days(value: float) -> str:
    """A median in days: ``14 päivää`` / ``14,5 dagar`` / ``1 day``."""
    text = numbers.number(value, most=1)
    return ngettext("%(days)s day", "%(days)s days", 1 if value == 1 else 2) % {"days": text}


def cell(column: str, value: Any) -> str:
    """A measure as a page shows it: counts grouped, rates as whole percentages, medians in days."""
    if value is None:
        return WITHHELD
    if value is True:
        return gettext("yes")
    if value is False:
        return gettext("no")
    if column.endswith("_rate"):
        return numbers.percent(value, 0)
    if column in MEDIANS:
        return days(float(value))
    return numbers.number(value)
