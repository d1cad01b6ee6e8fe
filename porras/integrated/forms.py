"""Forms of the consultation pages: the question (asking side) and the answer (specialist unit).

The forms check the shape of the input; the rules are the services' (``porras.integrated.domain``),
and :func:`show_errors` puts each refusal on its field as a sentence in the user's language.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from porras.integrated import choices
from porras.integrated.domain import consultation as rules
from porras.lib import reasons
from porras.lib.errors import InputError


def show_errors(form: forms.BaseForm, exc: InputError) -> None:
    for error in exc.errors:
        field = str(error.get("field") or "")
        form.add_error(field if field in form.fields else None, reasons.sentence(str(error.get("reason") or "")))


class AskForm(forms.Form):
    specialist_unit = forms.ChoiceField(label=_("Specialist unit"))
    urgency = forms.ChoiceField(label=_("Urgency"), choices=choices.URGENCIES, widget=forms.RadioSelect)
    preferred_form = forms.ChoiceField(label=_("Preferred form of help"), choices=choices.PREFERRED_FORMS,
                                       widget=forms.RadioSelect)
    question = forms.CharField(
        label=_("Question"), max_length=rules.QUESTION_MAX, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you ask and what you already know; no names or identity codes."))

    def __init__(self, *args: Any, units: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["specialist_unit"].choices = [(u.code, u.name) for u in units]  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Where care goes on"), choices=choices.OUTCOMES, widget=forms.RadioSelect)
    answer = forms.CharField(label=_("Answer"), max_length=rules.ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 6}))
