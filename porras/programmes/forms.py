"""Forms of the programme managers' pages.

Dates lie within the API's plausible bounds; the rules (a period ends on or after it starts, a
grant's project, amount and year) are ``porras.programmes.domain.rules``, the same the API's
services apply, and each rule broken shows on its field as a sentence in the user's language.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from porras.lib import reasons
from porras.lib.forms import DATE_WIDGET, EventDateField
from porras.programmes import models as m
from porras.programmes import services
from porras.programmes.domain import rules

INNOKYLA_FIELDS = [
    "short_description",
    "purpose_and_goals",
    "main_goal",
    "period_text",
    "start",
    "end",
    "actors",
    "place",
    "funder",
    "contact_person",
    "contact_organisation",
    "author",
    "created_on",
    "modified_on",
    "starting_point",
    "outputs_and_results",
    "source",
]


def _dates(fields: list[str]) -> dict[str, forms.Widget]:
    return dict.fromkeys(fields, DATE_WIDGET)


def _date_fields(fields: list[str]) -> dict[str, type[forms.Field]]:
    return dict.fromkeys(fields, EventDateField)


def _sentence(error: rules.RuleError) -> Any:
    """The sentence a form shows for a rule broken (the domain's English reason -> UI language)."""
    if error.field == "year":
        first, last = services.grant_years()
        return _("Enter a year between %(first)s and %(last)s.") % {"first": first, "last": last}
    return {
        ("end", rules.BEFORE_START): _("The end cannot be before the start."),
        ("period_end", rules.BEFORE_START): _("The grant period cannot end before it starts."),
        ("project", rules.NOT_IN_ENTITY): _("The project belongs to another programme entity."),
        ("amount_eur", rules.NEGATIVE): _("The amount cannot be negative."),
    }.get((error.field, error.reason)) or reasons.sentence(error.reason)


def _show(form: forms.BaseForm, errors: list[rules.RuleError]) -> None:
    for error in errors:
        form.add_error(error.field, _sentence(error))


class PeriodForm(forms.ModelForm):  # type: ignore[type-arg]
    """An entity or project: its Innokylä period ends on or after it starts."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _show(self, rules.period_errors(data.get("start"), data.get("end")))
        return data


class EntityForm(PeriodForm):
    class Meta:
        model = m.ProgrammeEntity
        fields = [
            "name_fi",
            "name_sv",
            "name_en",
            "abbreviation",
            "programme",
            "priority_area",
            "parent",
            "projects_stated",
            *INNOKYLA_FIELDS,
        ]
        widgets = _dates(["start", "end", "created_on", "modified_on"])
        field_classes = _date_fields(["start", "end", "created_on", "modified_on"])


class EntityCreateForm(EntityForm):
    class Meta(EntityForm.Meta):
        fields = ["code", *EntityForm.Meta.fields]


class ProjectForm(PeriodForm):
    class Meta:
        model = m.Project
        fields = [
            "code",
            "entity",
            "name",
            "funding_round",
            "county",
            "region_as_listed",
            "organisation_as_listed",
            *INNOKYLA_FIELDS,
        ]
        widgets = _dates(["start", "end", "created_on", "modified_on"])
        field_classes = _date_fields(["start", "end", "created_on", "modified_on"])

    def clean_funding_round(self) -> str:
        value: str = self.cleaned_data.get("funding_round", "")
        if value:
            year, _sep, month = value.partition("-")
            if not (year.isdigit() and len(year) == 4 and month.isdigit() and 1 <= int(month) <= 12):
                raise forms.ValidationError(_("Write the funding round as year and month, e.g. 2021-07."))
        return value


class GrantForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = m.Grant
        fields = [
            "code",
            "entity",
            "project",
            "amount_eur",
            "approximate",
            "year",
            "decision_ref",
            "decision_date",
            "period_start",
            "period_end",
            "recipient",
            "source",
        ]
        widgets = _dates(["decision_date", "period_start", "period_end"])
        field_classes = _date_fields(["decision_date", "period_start", "period_end"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        project, entity = data.get("project"), data.get("entity")
        errors = rules.grant_errors(
            entity=entity.code if entity is not None else None,
            project_entity=project.entity.code if project is not None else None,
            amount_eur=data.get("amount_eur"),
            year=data.get("year"),
            period_start=data.get("period_start"),
            period_end=data.get("period_end"),
            years=services.grant_years(),
        )
        _show(self, [e for e in errors if e.field not in self.errors])
        return data


class IndicatorForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = m.Indicator
        fields = [
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "unit",
            "higher_is_better",
            "entity",
            "project",
            "source",
        ]


class IndicatorValueForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = m.IndicatorValue
        fields = ["on", "value", "kind", "source"]
        widgets = _dates(["on"])
        field_classes = _date_fields(["on"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on, kind = data.get("on"), data.get("kind")
        if on is None or not kind:
            return data
        taken = m.IndicatorValue.objects.filter(indicator=self.instance.indicator, on=on, kind=kind)
        if taken.exclude(pk=self.instance.pk).exists():
            self.add_error("on", _("This indicator already has a value of this kind on this date."))
        return data
