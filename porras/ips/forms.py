"""Forms of the IPS pages. Fidelity review items are rendered with the project's own anchors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from porras.ips import models as m
from porras.ips.domain import FidelityItemError, load_fidelity_scale, score_fidelity
from porras.lib.language import current_language

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PathForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = m.ClientPath
        fields = [
            "client_code",
            "episode_code",
            "agreement_date",
            "vocational_profile_date",
            "job_search_start_date",
            "employer_agreement_date",
            "support_in_work_start_date",
            "exit_date",
        ]
        widgets = {f: DATE for f in fields if f.endswith("_date")}

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"] = forms.ModelChoiceField(queryset=units, label=_("IPS service"))
            self.order_fields(["unit", *self.Meta.fields])
        else:
            self.fields["client_code"].disabled = True
            self.fields["agreement_date"].disabled = True
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agreement, exit_date = data.get("agreement_date"), data.get("exit_date")
        if agreement and exit_date and exit_date < agreement:
            self.add_error("exit_date", _("Support cannot end before the agreement."))
        return data


class ContactForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = m.EmployerContact
        fields = ["contact_date", "employer"]
        widgets = {"contact_date": DATE}


class EmploymentForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = m.Employment
        fields = [
            "employer",
            "job_title",
            "start_date",
            "end_date",
            "hours_per_week",
            "hourly_pay",
            "open_to_anyone",
            "pays_going_wage",
        ]
        widgets = {"start_date": DATE, "end_date": DATE}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("A job cannot end before it starts."))
        return data


class FidelityReviewForm(forms.Form):
    """Review date, reviewers and one 1-5 rating per item, each option labelled with its anchor."""

    review_date = forms.DateField(label=_("Review date"), widget=DATE)
    reviewers = forms.CharField(label=_("Reviewers"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scale = load_fidelity_scale()
        lang = current_language()
        self.sections: list[tuple[str, list[str]]] = []
        for key, label in scale.sections:
            names = []
            for item in (i for i in scale.items if i.section == key):
                name = f"item_{item.number}"
                self.fields[name] = forms.TypedChoiceField(
                    label=f"{item.number}. {item.label[lang]}",
                    choices=[
                        (level, f"{level} – {text[lang]}") for level, text in sorted(item.anchors.items())
                    ],
                    coerce=int,
                    widget=forms.RadioSelect,
                    help_text=item.name,
                )
                names.append(name)
            self.sections.append((label[lang], names))

    def item_values(self) -> list[int]:
        return [self.cleaned_data[f"item_{n}"] for n in range(1, len(load_fidelity_scale().items) + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            try:
                score_fidelity(self.item_values())
            except FidelityItemError as exc:
                self.add_error(f"item_{exc.item}", str(exc))
        return data

    def grouped(self) -> list[tuple[str, list[Any]]]:
        return [(title, [self[name] for name in names]) for title, names in self.sections]
