"""Forms of the professional UI. Validation of the rules stays in the services; these check shape."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from porras.accounts.models import County, Unit
from porras.care import choices
from porras.care.domain import codes
from porras.care.domain import episodes as rules
from porras.care.domain.clients import IdentifierSystem, Language, SearchBy
from porras.lib.forms import EventDateField
from porras.lib.language import current_language


def _today() -> dt.date:
    return timezone.localdate()


def intervention_choices() -> list[tuple[str, str]]:
    language = current_language()
    return [("", "—")] + [(i.code, f"{i.label(language)} · {i.step}") for i in rules.interventions().values()]


REASON = forms.Textarea(attrs={"rows": 3, "maxlength": "2000"})


def reason_field(label: Any = None, help_text: Any = "") -> forms.CharField:
    return forms.CharField(label=label or _("Reason"), max_length=2000, widget=REASON, help_text=help_text)


class NotShownAgain(forms.TextInput):
    """A text input that never renders a value back into the page (an identity code searched for)."""

    def format_value(self, value: Any) -> str | None:
        return None


class FindClientForm(forms.Form):
    """Find a client of one's units: the value is posted, never put in a URL, and not shown again."""

    system = forms.ChoiceField(label=_("Find by"), choices=choices.SEARCH_BY, initial=SearchBy.HETU,
                               widget=forms.RadioSelect)
    value = forms.CharField(
        label=_("Identity code, local identifier or episode number"), max_length=codes.LOCAL_IDENTIFIER_MAX,
        help_text=_("An identity code is looked up by its keyed hash in your units' registers and not kept."),
        widget=NotShownAgain(attrs={"autocomplete": "off", "spellcheck": "false"}))


class ReferralForm(forms.Form):
    identifier_system = forms.ChoiceField(label=_("Identifier"), choices=choices.IDENTIFIER_SYSTEMS,
                                          initial=IdentifierSystem.HETU, widget=forms.RadioSelect)
    identifier_value = forms.CharField(
        label=_("Identity code or record identifier"), max_length=100,
        help_text=_("The identity code is checked and stored only as a keyed hash, never as such."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    local_identifier = forms.CharField(
        label=_("Local identifier (label)"), max_length=codes.LOCAL_IDENTIFIER_MAX, required=False,
        help_text=_("With an identity code: your organisation's own client number, kept as the label colleagues "
                    "recognise. Never a name or an identity code."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False, min_value=1880,
                                    help_text=_("Read from the identity code when one is given."))
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=[("", "—"), *choices.SEXES],
                            help_text=_("Read from the identity code when one is given."))
    county = forms.ModelChoiceField(label=_("Home county"), queryset=County.objects.all(), to_field_name="code")
    language = forms.ChoiceField(label=_("Language"), choices=choices.LANGUAGES, initial=Language.FI)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), to_field_name="code")
    referral_date = EventDateField(label=_("Referral date"), initial=_today)
    referral_source = forms.ChoiceField(label=_("Referred by"), choices=choices.REFERRAL_SOURCES)
    concerns = forms.MultipleChoiceField(label=_("Main concerns"), choices=choices.CONCERNS, required=False,
                                         widget=forms.CheckboxSelectMultiple,
                                         help_text=_("The first one ticked is the main problem."))
    second_episode_reason = forms.CharField(
        label=_("Reason to open a second episode beside the open one"), max_length=2000, required=False,
        widget=REASON)

    # shown only when the client turns out to have an open episode in the unit
    CONFIRMATION = "second_episode_reason"

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]
            if units.count() == 1:
                self.fields["unit"].initial = units.first()

    def fields_before_confirmation(self) -> list[Any]:
        return [f for f in self if f.name != self.CONFIRMATION]


class AssessmentReferralForm(ReferralForm):
    """A referral from a saved self-assessment: its code travels in the posted form (never in a URL);
    the referral source is the navigator."""

    code = forms.CharField(widget=forms.HiddenInput, max_length=40)
    stage = forms.CharField(widget=forms.HiddenInput, initial="submit", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["referral_source"]


class AssessmentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    assessment_date = EventDateField(label=_("Assessment date"), initial=_today)
    step = forms.TypedChoiceField(label=_("Step of care"), choices=choices.STEP_CHOICES, coerce=int)
    intervention = forms.ChoiceField(label=_("Intervention"), choices=(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["intervention"].choices = intervention_choices()  # type: ignore[attr-defined]


class AppointmentForm(forms.Form):
    date = EventDateField(label=_("Date"), initial=_today)
    kind = forms.ChoiceField(label=_("Kind"), choices=choices.APPOINTMENT_KINDS, widget=forms.RadioSelect,
                             initial=rules.AppointmentKind.TREATMENT.value)
    status = forms.ChoiceField(label=_("Status"), choices=choices.APPOINTMENT_STATUSES, widget=forms.RadioSelect,
                               initial=rules.AppointmentStatus.ATTENDED.value)


class StepForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    step = forms.TypedChoiceField(label=_("New step of care"), choices=choices.STEP_CHOICES, coerce=int)
    intervention = forms.ChoiceField(label=_("Intervention"), choices=(), required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Why care is stepped up or down."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["intervention"].choices = intervention_choices()  # type: ignore[attr-defined]


class TransferForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    to_unit = forms.ModelChoiceField(label=_("To unit"), queryset=Unit.objects.none(), to_field_name="code",
                                     help_text=_("Units of the same wellbeing services county. To another county, "
                                                 "make a referral there instead."))
    date = EventDateField(label=_("Date"), initial=_today)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = units  # type: ignore[attr-defined]


class EndForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    end_date = EventDateField(label=_("End date"), initial=_today)
    end_reason = forms.ChoiceField(label=_("Reason for ending"), choices=choices.END_REASONS, widget=forms.RadioSelect)


class ChildrenForm(forms.Form):
    """The children of the client: least data - yes / no / not known and dates, never a child's identity."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    minor_children = forms.ChoiceField(label=_("Does the client have children under 18?"),
                                       choices=choices.MINOR_CHILDREN, widget=forms.RadioSelect)
    children_discussed_date = EventDateField(
        label=_("The children's situation was discussed with the parent on"), required=False,
        help_text=_("For example in a Let's Talk about Children discussion. Leave empty if not yet discussed."))
    children_discussion_method = forms.ChoiceField(
        label=_("How it was discussed"), required=False, widget=forms.RadioSelect,
        choices=choices.CHILDREN_DISCUSSIONS)
    family_referral_date = EventDateField(label=_("Referred to family services on"), required=False)
    family_service: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Family service"), required=False, queryset=None,
        help_text=_("The family centres of the county's service catalogue."))

    def __init__(self, *args: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["family_service"]
        field.queryset = services  # type: ignore[attr-defined]
        field.label_from_instance = lambda service: service.name  # type: ignore[attr-defined]


class SafetyPlanForm(forms.Form):
    warning_signs = forms.CharField(label=_("Warning signs"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    own_coping = forms.CharField(label=_("What I can do myself"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    people_and_places = forms.CharField(label=_("People and places that help"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 3}))
    professionals_and_crisis_lines = forms.CharField(
        label=_("Professionals and crisis lines"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        initial="112; Kriisipuhelin / Kristelefon 09 2525 0111, på svenska 09 2525 0112")
    safe_surroundings = forms.CharField(label=_("Making the surroundings safe"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 3}))


class FollowUpForm(forms.Form):
    reason = forms.ChoiceField(label=_("Contact because of"), choices=choices.FOLLOWUP_REASONS, widget=forms.RadioSelect)
    contact_date = EventDateField(label=_("Date of the contact"), initial=_today)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))


class MeasurementForm(forms.Form):
    """One radio group per item of the instrument, plus the date and an optional appointment."""

    date = EventDateField(label=_("Date"), initial=_today)
    appointment = forms.TypedChoiceField(label=_("Appointment"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, instrument: Any, appointments: list[Any], language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.fields["appointment"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (a.pk, f"{date_format(a.date, 'SHORT_DATE_FORMAT')} · {a.get_kind_display()}") for a in appointments
        ]
        for item in instrument.items:
            self.fields[f"item_{item.id}"] = forms.TypedChoiceField(
                label=f"{item.position}. {item.text.get(language) or item.text.get('en', '')}",
                choices=[(i, o.text.get(language) or o.text.get("en", "")) for i, o in enumerate(item.options)],
                coerce=int, required=False, empty_value=None, widget=forms.RadioSelect,
            )

    def item_fields(self) -> list[Any]:
        return [self[f"item_{item.id}"] for item in self.instrument.items]

    def answers(self) -> list[int | None]:
        return [self.cleaned_data.get(f"item_{item.id}") for item in self.instrument.items]


class VoidForm(forms.Form):
    reason = reason_field(help_text=_("Why the record was entered in error. Kept in the history with your name and "
                                      "the time."))


class EpisodeVoidForm(VoidForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AppointmentCorrectForm(forms.Form):
    date = EventDateField(label=_("Date"))
    kind = forms.ChoiceField(label=_("Kind"), choices=choices.APPOINTMENT_KINDS, widget=forms.RadioSelect)
    status = forms.ChoiceField(label=_("Status"), choices=choices.APPOINTMENT_STATUSES, widget=forms.RadioSelect)
    reason = reason_field()


class ReferralCorrectForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    referral_date = EventDateField(label=_("Referral date"))
    referral_source = forms.ChoiceField(label=_("Referred by"), choices=choices.REFERRAL_SOURCES)
    concerns = forms.MultipleChoiceField(label=_("Main concerns"), choices=choices.CONCERNS, required=False,
                                         widget=forms.CheckboxSelectMultiple,
                                         help_text=_("The first one ticked is the main problem."))
    reason = reason_field()


class MeasurementCorrectForm(MeasurementForm):
    """The measurement's date and answers as recorded, to correct, with the reason."""

    reason = reason_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["appointment"]
