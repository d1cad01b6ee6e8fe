"""Forms of the public search page and of curation; choices come from the taxonomy data."""

from __future__ import annotations

from typing import Any

import phonenumbers
from django import forms
from django.core.validators import RegexValidator, URLValidator
from django.utils.translation import gettext_lazy as _

from porras.accounts.models import County
from porras.catalogue.domain import hours, rules, taxonomy, text
from porras.catalogue.domain.hsds_schema import MAX_LINK
from porras.catalogue.domain.model import CITY_MAX_LENGTH, EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, URL_MAX_LENGTH
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


MAX_PHONES = 5
PHONE_MAX_LENGTH = 40


def _web_address(label: Any, max_length: int) -> forms.URLField:
    # http(s) only and no longer than where it is kept: the same bounds as an HSDS import (domain/hsds_schema.py).
    return forms.URLField(label=label, required=False, assume_scheme="https", max_length=max_length,
                          validators=[URLValidator(schemes=["http", "https"])])


def plausible_phone(number: str) -> bool:
    """A number a phone could dial: digits, spaces, hyphens, brackets and a leading +, of a possible
    length for its country (Finland when it has no country code; the phonenumbers library)."""
    if not number or len(number) > PHONE_MAX_LENGTH or any(ch not in "+0123456789 -()" for ch in number):
        return False
    try:
        return bool(phonenumbers.is_possible_number(phonenumbers.parse(number, "FI")))
    except phonenumbers.NumberParseException:
        return False


class PhonesField(forms.CharField):
    """Phone numbers, one a line; each must be plausible."""

    widget = forms.Textarea(attrs={"rows": 2, "autocomplete": "off"})

    def clean(self, value: Any) -> list[str]:  # type: ignore[override]
        raw = super().clean(value) or ""
        numbers = [line.strip() for line in str(raw).splitlines() if line.strip()]
        if len(numbers) > MAX_PHONES:
            raise forms.ValidationError(_("Give at most %(count)d phone numbers.") % {"count": MAX_PHONES})
        bad = [n for n in numbers if not plausible_phone(n)]
        if bad:
            raise forms.ValidationError(
                _("Not a phone number: %(numbers)s. Write it as 09 123 4567 or +358 9 123 4567.")
                % {"numbers": ", ".join(bad)}
            )
        return numbers


DAY_CHOICES = [("MO", _("Monday")), ("TU", _("Tuesday")), ("WE", _("Wednesday")), ("TH", _("Thursday")),
               ("FR", _("Friday")), ("SA", _("Saturday")), ("SU", _("Sunday"))]


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
    url = _web_address(_("Web page"), URL_MAX_LENGTH)
    booking_url = _web_address(_("Booking page"), MAX_LINK)
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=EMAIL_MAX_LENGTH)
    phones = PhonesField(label=_("Phone numbers"), required=False, max_length=MAX_PHONES * (PHONE_MAX_LENGTH + 2),
                         help_text=_("One number a line, for example 09 123 4567."))
    opening_days = forms.MultipleChoiceField(label=_("Open on"), required=False, choices=DAY_CHOICES,
                                             widget=forms.CheckboxSelectMultiple)
    opens_at = forms.TimeField(label=_("Opens at"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    closes_at = forms.TimeField(label=_("Closes at"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    hours_note = forms.CharField(label=_("About the opening hours"), required=False, max_length=300,
                                 help_text=_("For example: closed on public holidays."))
    location_name = forms.CharField(label=_("Name of the place"), required=False, max_length=NAME_MAX_LENGTH)
    street_address = forms.CharField(label=_("Street address"), required=False, max_length=NAME_MAX_LENGTH)
    postal_code = forms.CharField(label=_("Postal code"), required=False, max_length=5,
                                  validators=[RegexValidator(r"^[0-9]{5}$", _("A postal code is five digits."))])
    city = forms.CharField(label=_("Post office"), required=False, max_length=CITY_MAX_LENGTH)
    municipality = forms.CharField(label=_("Municipality"), required=False, max_length=CITY_MAX_LENGTH)
    district = forms.CharField(label=_("District"), required=False, max_length=CITY_MAX_LENGTH,
                               help_text=_("The part of town, for example Kalasatama. Search finds the service by it."))
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
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if (opens is None) != (closes is None) and "opens_at" not in self.errors and "closes_at" not in self.errors:
            self.add_error("closes_at" if closes is None else "opens_at",
                           _("Give both the opening and the closing time."))
        elif opens is not None and closes is not None and opens >= closes:
            self.add_error("closes_at", _("The closing time must be after the opening time."))
        if (opens is not None or closes is not None) and not data.get("opening_days"):
            self.add_error("opening_days", _("Choose the days the times are for."))
        if any(data.get(f) for f in ("street_address", "postal_code", "city")):
            for name in ("street_address", "postal_code", "city"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("An address needs the street address, the postal code and the post office."))
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
            email=d.get("email") or "",
            phones=list(d.get("phones") or []),
            booking_url=d.get("booking_url") or "",
            opening_days=list(d.get("opening_days") or []),
            opens_at=d["opens_at"].strftime("%H:%M") if d.get("opens_at") else "",
            closes_at=d["closes_at"].strftime("%H:%M") if d.get("closes_at") else "",
            hours_note=d.get("hours_note") or "",
            location_name=d.get("location_name") or "",
            street_address=d.get("street_address") or "",
            postal_code=d.get("postal_code") or "",
            city=d.get("city") or "",
            municipality=d.get("municipality") or "",
            district=d.get("district") or "",
        )


def _contact_initial(service: Any) -> dict[str, Any]:
    """The phones, first schedule and first location of the stored service, as the form shows them."""
    from porras.catalogue.services import to_domain

    item = to_domain(service)
    out: dict[str, Any] = {"phones": "\n".join(p.number for p in item.phones), "email": service.email}
    if item.schedules:
        first = item.schedules[0]
        out.update({
            "opening_days": [d for d in hours.DAYS if d in (first.byday or "").split(",")],
            "opens_at": hours.clock(first.opens_at), "closes_at": hours.clock(first.closes_at),
            "hours_note": first.description or "", "booking_url": first.schedule_link or "",
        })
    located = [at.location for at in item.service_at_locations if at.location is not None]
    if located:
        location = located[0]
        address = location.addresses[0] if location.addresses else None
        out.update({
            "location_name": location.name or "", "municipality": location.municipality or "",
            "district": location.district or "",
            "street_address": address.address_1 if address else "",
            "postal_code": address.postal_code if address else "", "city": address.city if address else "",
        })
    return out


def initial_from(service: Any) -> dict[str, Any]:
    def tri(value: bool | None) -> str:
        return "" if value is None else ("yes" if value else "no")

    return _contact_initial(service) | {
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
