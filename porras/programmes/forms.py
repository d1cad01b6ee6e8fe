"""Forms of the programme managers' pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from porras.programmes import models as m

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
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _dates(fields: list[str]) -> dict[str, forms.Widget]:
    return dict.fromkeys(fields, DATE_WIDGET)


class EntityForm(forms.ModelForm):  # type: ignore[type-arg]
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


class EntityCreateForm(EntityForm):
    class Meta(EntityForm.Meta):
        fields = ["code", *EntityForm.Meta.fields]


class ProjectForm(forms.ModelForm):  # type: ignore[type-arg]
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

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        project, entity = data.get("project"), data.get("entity")
        if project is not None and entity is not None and project.entity_id != entity.pk:
            self.add_error("project", _("The project belongs to another programme entity."))
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The grant period cannot end before it starts."))
        amount = data.get("amount_eur")
        if amount is not None and amount < 0:
            self.add_error("amount_eur", _("The amount cannot be negative."))
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

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on, kind = data.get("on"), data.get("kind")
        if on is None or not kind:
            return data
        taken = m.IndicatorValue.objects.filter(indicator=self.instance.indicator, on=on, kind=kind)
        if taken.exclude(pk=self.instance.pk).exists():
            self.add_error("on", _("This indicator already has a value of this kind on this date."))
        return data
