"""Forms of the public search page and of curation; choices come from the taxonomy data."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from porras.accounts.models import County
from porras.catalogue.domain import rules, taxonomy, text
from porras.catalogue.domain.model import URL_MAX_LENGTH
from porras.catalogue.services import ServiceInput
from porras.lib.language import current_language


def term_choices(vocabulary: str) -> list[tuple[str, str]]:
    return [(term.code, term.label(current_language())) for term in taxonomy.terms(vocabulary)]


def county_choices() -> list[tuple[str, str]]:
    return [(c.code, c.label(current_language())) for c in taxonomy.counties()]


class SearchForm(forms.Form):
    """The public search; every field optional."""

    q = forms.CharField(
        label=_("Search words"),
        required=False,
        max_length=text.MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    county = forms.ChoiceField(label=_("Wellbeing services county"), required=False)
    category = forms.ChoiceField(label=_("Kind of service"), required=False)
    age = forms.IntegerField(label=_("Age"), required=False, min_value=0, max_value=rules.MAX_AGE)
    language = forms.ChoiceField(label=_("Language of service"), required=False)
    channel = forms.ChoiceField(label=_("How the service is used"), required=False)
    step = forms.ChoiceField(label=_("Step of care"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["county"].choices = anything + county_choices()  # type: ignore[attr-defined]
        self.fields["category"].choices = anything + term_choices("categories")  # type: ignore[attr-defined]
        other = [(rules.OTHER_LANGUAGE, _("Other language"))]
        self.fields["language"].choices = anything + term_choices("languages") + other  # type: ignore[attr-defined]
        self.fields["channel"].choices = anything + term_choices("channels")  # type: ignore[attr-defined]
        self.fields["step"].choices = anything + term_choices("steps")  # type: ignore[attr-defined]


def _tri_state(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=False,
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
        choices=[("", _("Not stated")), ("yes", _("Yes")), ("no", _("No"))],
    )


class ServiceForm(forms.Form):
    """Curation of one service (Finnish and Swedish texts required, English optional)."""

    county = forms.ChoiceField(label=_("Wellbeing services county"))
    name_fi = forms.CharField(label=_("Name in Finnish"), max_length=300)
    name_sv = forms.CharField(label=_("Name in Swedish"), max_length=300)
    name_en = forms.CharField(label=_("Name in English"), max_length=300, required=False)
    description_fi = forms.CharField(
        label=_("Description in Finnish"), widget=forms.Textarea(attrs={"rows": 4})
    )
    description_sv = forms.CharField(
        label=_("Description in Swedish"), widget=forms.Textarea(attrs={"rows": 4})
    )
    description_en = forms.CharField(
        label=_("Description in English"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    categories = forms.MultipleChoiceField(label=_("Kinds of service"), widget=forms.CheckboxSelectMultiple)
    steps = forms.TypedMultipleChoiceField(
        label=_("Steps of care"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    channels = forms.MultipleChoiceField(
        label=_("How the service is used"), widget=forms.CheckboxSelectMultiple
    )
    age_groups = forms.MultipleChoiceField(
        label=_("Age groups"), required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(label=_("Languages"), widget=forms.CheckboxSelectMultiple)
    minimum_age = forms.IntegerField(
        label=_("Youngest age served"), required=False, min_value=0, max_value=rules.MAX_AGE
    )
    maximum_age = forms.IntegerField(
        label=_("Oldest age served"), required=False, min_value=0, max_value=rules.MAX_AGE
    )
    referral_needed = _tri_state(_("Referral needed"))
    low_threshold = _tri_state(_("Low threshold"))
    free_of_charge = _tri_state(_("Free of charge"))
    # http(s) only and no longer than the column: the same bounds as an HSDS import (domain/hsds_schema.py).
    url = forms.URLField(
        label=_("Web page"),
        required=False,
        assume_scheme="https",
        max_length=URL_MAX_LENGTH,
        validators=[URLValidator(schemes=["http", "https"])],
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, counties: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [(c.code, c.name) for c in (counties or County.objects.all())]  # type: ignore[attr-defined]
        for name, vocabulary in (
            ("categories", "categories"),
            ("steps", "steps"),
            ("channels", "channels"),
            ("age_groups", "age_groups"),
            ("languages", "languages"),
        ):
            self.fields[name].choices = term_choices(vocabulary)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", _("The oldest age must not be below the youngest age."))
        return data

    def to_input(self) -> ServiceInput:
        d = self.cleaned_data
        return ServiceInput(
            county=d["county"],
            name_fi=d["name_fi"],
            name_sv=d["name_sv"],
            name_en=d.get("name_en") or "",
            description_fi=d["description_fi"],
            description_sv=d["description_sv"],
            description_en=d.get("description_en") or "",
            categories=list(d["categories"]),
            channels=list(d["channels"]),
            age_groups=list(d.get("age_groups") or []),
            languages=list(d["languages"]),
            steps=[int(s) for s in d["steps"]],
            minimum_age=d.get("minimum_age"),
            maximum_age=d.get("maximum_age"),
            referral_needed=d.get("referral_needed"),
            low_threshold=d.get("low_threshold"),
            free_of_charge=d.get("free_of_charge"),
            url=d.get("url") or "",
        )


def initial_from(service: Any) -> dict[str, Any]:
    def tri(value: bool | None) -> str:
        return "" if value is None else ("yes" if value else "no")

    return {
        "county": service.county.code,
        "name_fi": service.name_fi,
        "name_sv": service.name_sv,
        "name_en": service.name_en,
        "description_fi": service.description_fi,
        "description_sv": service.description_sv,
        "description_en": service.description_en,
        "categories": service.codes("category"),
        "steps": [str(s) for s in service.steps],
        "channels": service.codes("channel"),
        "age_groups": service.codes("age_group"),
        "languages": service.codes("language"),
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "referral_needed": tri(service.referral_needed),
        "low_threshold": tri(service.low_threshold),
        "free_of_charge": tri(service.free_of_charge),
        "url": service.url,
        "version": service.version,
    }
