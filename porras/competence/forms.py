"""The training record form. Shapes only; the rules are the services' (``domain/rules.py``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from porras.accounts.models import Unit, User
from porras.competence.domain.methods import method_cards
from porras.competence.domain.rules import MAX_SUPERVISION_SESSIONS, parse_episode_ids
from porras.lib import reasons
from porras.lib.errors import InputError
from porras.lib.forms import EventDateField
from porras.lib.language import current_language

MAX_IMPORT_BYTES = 1_000_000

class ProfessionalChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: User) -> str:
        full = obj.get_full_name()
        return f"{full} ({obj.username})" if full else obj.username


class UnitChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class TrainingRecordForm(forms.Form):
    professional = ProfessionalChoice(queryset=User.objects.none(), label=_("Professional"))
    unit = UnitChoice(queryset=Unit.objects.none(), label=_("Unit"),
                      help_text=_("The unit where the professional delivers the method."))
    method = forms.ChoiceField(label=_("Method"))
    course = forms.CharField(label=_("Course"), max_length=200, required=False)
    provider = forms.CharField(label=_("Training provider"), max_length=200, required=False)
    started_on = EventDateField(label=_("Training started"), required=False)
    completed_on = EventDateField(label=_("Training completed"), required=False)
    certified_on = EventDateField(label=_("Certified"), required=False)
    supervision_sessions = forms.IntegerField(label=_("Supervision sessions"), min_value=0,
                                              max_value=MAX_SUPERVISION_SESSIONS, initial=0)
    training_cases = forms.CharField(
        label=_("Training cases"), required=False, max_length=2000,
        help_text=_("Episode numbers of the unit, separated by commas (the number on the episode page)."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, professionals: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = current_language()
        professional = self.fields["professional"]
        unit = self.fields["unit"]
        method = self.fields["method"]
        assert isinstance(professional, forms.ModelChoiceField) and isinstance(unit, forms.ModelChoiceField)
        assert isinstance(method, forms.ChoiceField)
        professional.queryset = professionals
        unit.queryset = units
        cards = sorted(method_cards().values(), key=lambda c: (not c.requires_training, c.step, c.code))
        method.choices = [("", "—")] + [(c.code, c.label(language)) for c in cards]

    def clean_training_cases(self) -> list[int]:
        try:
            return parse_episode_ids(self.cleaned_data.get("training_cases") or "")
        except ValueError:
            raise ValidationError(_("Write episode numbers separated by commas, e.g. 12, 15."),
                                  code="invalid") from None

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["professional"] = data["professional"].username
        data["unit"] = data["unit"].code
        return data

    def show_errors(self, exc: InputError) -> None:
        for error in exc.errors:
            field = str(error.get("field") or "")
            sentence = reasons.sentence(str(error.get("reason") or ""))
            self.add_error(field if field in self.fields else None, sentence)


class TrainingImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file from the training provider"), required=False,
                           help_text=_("Columns: professional, unit, method, course, provider, started_on, "
                                       "completed_on, certified_on, supervision_sessions. Dates as YYYY-MM-DD."))
    text = forms.CharField(label=_("Or paste the rows of the file here"), required=False,
                           max_length=MAX_IMPORT_BYTES, widget=forms.Textarea(attrs={"rows": 6}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            raise ValidationError(_("Choose a file or paste its rows."), code="required")
        return data

    def csv_text(self) -> str:
        upload = self.cleaned_data.get("file")
        if not upload:
            return str(self.cleaned_data["text"])
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is too large (at most 1 MB)."), code="too_large")
        try:
            return str(upload.read().decode("utf-8"))
        except UnicodeDecodeError:
            raise ValidationError(_("Save the file as UTF-8 text (CSV)."), code="encoding") from None
