"""Forms of the selfcare pages: the professional's (assign, questionnaire, feedback, reply) as Django
forms; a module's exercises and its embedded measure read from the POST by the module's own data."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from porras.instruments.domain import Instrument, list_instruments, load_instrument
from porras.instruments.services import item_texts
from porras.lib import reasons
from porras.lib.errors import InputError
from porras.selfcare.domain.programmes import Module, Programme
from porras.selfcare.services import MESSAGE_MAX


def show_errors(form: forms.BaseForm, exc: InputError) -> None:
    """An InputError's reasons on the form's fields (translated); one on no field of the form goes on top."""
    for error in exc.errors:
        field = str(error.get("field", error.get("item", "")))
        sentence = reasons.sentence(str(error.get("reason", "")))
        form.add_error(field if field in form.fields else None, sentence)


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20, strip=True,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                         "spellcheck": "false", "inputmode": "text"}))


class AssignForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"))
    exclusions = forms.MultipleChoiceField(label=_("Exclusion criteria found"), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    override_reason = forms.CharField(label=_("Reason to assign although a criterion is not met"), required=False,
                                      max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, programmes: list[Programme], language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [(p.id, p.title[language]) for p in programmes]  # type: ignore[attr-defined]
        exclusions: dict[str, str] = {}
        for p in programmes:
            for c in p.exclusions:
                exclusions.setdefault(c.id, c.label[language])
        self.fields["exclusions"].choices = list(exclusions.items())  # type: ignore[attr-defined]


class QuestionnaireForm(forms.Form):
    instrument = forms.ChoiceField(label=_("Questionnaire"))

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = [  # type: ignore[attr-defined]
            (i.id, f"{i.abbreviation} – {i.name[language]}") for i in list_instruments()]


class FeedbackForm(forms.Form):
    module = forms.CharField(widget=forms.HiddenInput, max_length=60)
    feedback = forms.CharField(label=_("Feedback"), max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 4}))


class ReplyForm(MessageForm):
    assignment = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def exercise_answers(module: Module, data: QueryDict) -> dict[str, str]:
    """The module's exercise answers as posted (``exercise-<id>``); the services check them."""
    return {e.id: data.get(f"exercise-{e.id}", "") for e in module.exercises}


def measure_answers(instrument: Instrument, data: QueryDict) -> list[int | None]:
    answers: list[int | None] = []
    for item in instrument.items:
        raw = data.get(f"item-{item.id}", "")
        answers.append(int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 4 else None)
    return answers


def measure_rows(instrument_id: str, language: str, chosen: list[int | None] | None = None,
                 errors: dict[str, str] | None = None) -> dict[str, Any]:
    """What the measure's form shows: each item in Porras's own wording with its options."""
    instrument = load_instrument(instrument_id)
    texts = item_texts(instrument, language)
    rows = []
    for index, item in enumerate(instrument.items):
        rows.append({
            "item": item, "text": texts[item.id],
            "options": [{"position": p, "text": o.text[language]} for p, o in enumerate(item.options)],
            "chosen": chosen[index] if chosen and index < len(chosen) else None,
            "error": (errors or {}).get(item.id),
        })
    return {"instrument": instrument, "name": instrument.name[language],
            "instructions": instrument.instructions[language] if instrument.instructions else "", "items": rows}


def item_errors(exc: InputError) -> dict[str, str]:
    """A refused answer set's errors by item, as sentences."""
    found: dict[str, str] = {}
    for error in exc.errors:
        item = error.get("item")
        if item is None:
            continue
        found[str(item)] = str(_("Choose one answer.")) if "missing" in str(error.get("reason")) else \
            str(_("The answer is not one of the options."))
    return found
