"""Forms of the IPS pages. Fidelity review items are rendered with the project's own anchors.

The forms check the shape of the input (types, lengths, plausible dates); the rules (the order of a
path's dates, a job's hours, a review's date) are the services' (``porras.ips.domain.rules``), and
:func:`show_errors` puts each rule broken on its field as a sentence in the user's language.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from porras.ips import models as m
from porras.ips.domain import load_fidelity_scale
from porras.ips.domain import rules as r
from porras.lib import reasons
from porras.lib.errors import InputError
from porras.lib.forms import DATE_WIDGET as DATE
from porras.lib.forms import EventDateField
from porras.lib.language import current_language


def _sentence(field: str, reason: str) -> str:
    """The sentence a form shows for a rule the services refused (English reason -> UI language)."""
    if field.startswith("items."):
        scale = load_fidelity_scale()
        return str(_("Rate this item from %(low)s to %(high)s.") % {"low": scale.item_min, "high": scale.item_max})
    by_field = {
        ("exit_date", r.BEFORE_AGREEMENT): _("Support cannot end before the agreement."),
        ("contact_date", r.BEFORE_AGREEMENT): _("An employer contact cannot be before the agreement."),
        ("end_date", r.BEFORE_START): _("A job cannot end before it starts."),
        ("review_date", r.IN_THE_FUTURE): _("A review date cannot be in the future."),
        ("hourly_pay", r.NEGATIVE): _("Hourly pay cannot be negative."),
        ("unit", "is not an IPS service"): _("Choose an IPS service."),
    }
    by_reason = {
        r.BEFORE_AGREEMENT: _("This date cannot be before the agreement."),
        r.HOURS_OUTSIDE_A_WEEK: _("Hours per week are between 0 and %(most)s (the hours in a week).")
        % {"most": r.MAX_HOURS_PER_WEEK},
    }
    return str(by_field.get((field, reason)) or by_reason.get(reason) or reasons.sentence(reason))


def show_errors(form: forms.BaseForm, exc: InputError) -> None:
    """Put each error of a service's ``InputError`` on its field (items as ``item_N``), translated."""
    for error in exc.errors:
        field = str(error.get("field") or "")
        name = field.replace(".", "_") if field.startswith("items.") else field
        form.add_error(name if name in form.fields else None, _sentence(field, str(error.get("reason") or "")))


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
        field_classes = {f: EventDateField for f in fields if f.endswith("_date")}

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
        """The order of the path's dates, on their fields: before the model's constraint, which would
        name itself ("ips_path_exit_after_agreement") and not the field."""
        data = super().clean() or {}
        for error in r.path_errors(data.get("agreement_date"), data):
            if error.field in self.fields and error.field not in self.errors:
                self.add_error(error.field, _sentence(error.field, error.reason))
        return data


class ContactForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = m.EmployerContact
        fields = ["contact_date", "employer"]
        widgets = {"contact_date": DATE}
        field_classes = {"contact_date": EventDateField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The client page also holds the job form, which has an employer too: ids must differ.
        kwargs.setdefault("auto_id", "contact_%s")
        super().__init__(*args, **kwargs)


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
        field_classes = {"start_date": EventDateField, "end_date": EventDateField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "job_%s")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        """A job's rules on their fields, before the model's constraint (which names itself)."""
        data = super().clean() or {}
        rules = r.employment_errors(data.get("start_date"), data.get("end_date"), data.get("hours_per_week"),
                                    data.get("hourly_pay"))
        for error in rules:
            if error.field in self.fields and error.field not in self.errors:
                self.add_error(error.field, _sentence(error.field, error.reason))
        return data


class FidelityReviewForm(forms.Form):
    """Review date, reviewers and one 1-5 rating per item, each option labelled with its anchor."""

    review_date = EventDateField(label=_("Review date"))
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

    def grouped(self) -> list[tuple[str, list[Any]]]:
        return [(title, [self[name] for name in names]) for title, names in self.sections]
