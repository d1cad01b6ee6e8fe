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
from porras.integrated.domain import social_care as social_rules
from porras.integrated.domain import somatic
from porras.lib import reasons
from porras.lib.errors import InputError
from porras.lib.forms import EventDateField


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


class SocialCareForm(forms.Form):
    category = forms.ChoiceField(label=_("Kind of social welfare"))
    service = forms.ChoiceField(label=_("Service in the catalogue"), required=False)
    professional = forms.CharField(label=_("Professional or team"), max_length=social_rules.TEXT_MAX,
                                   help_text=_("Name and title, or the team; never the client's name."))
    contact = forms.CharField(label=_("Contact"), max_length=social_rules.TEXT_MAX, required=False,
                              help_text=_("Phone or e-mail."))
    start_date = EventDateField(label=_("In the team since"))

    def __init__(self, *args: Any, categories: Any = (), services: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = list(categories)  # type: ignore[attr-defined]
        self.fields["service"].choices = [("", "—"), *[(str(s.uuid), s.name) for s in services]]  # type: ignore[attr-defined]


class SocialCareEndForm(forms.Form):
    end_date = EventDateField(label=_("Left the team on"))


YES_NO = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]


class SomaticCheckForm(forms.Form):
    """One field per item of the check (numbers in the item's unit; yes/no); empty = not measured."""

    date = EventDateField(label=_("Date of the check"))

    def __init__(self, *args: Any, language: str = "fi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in somatic.load_check().items:
            label = f"{item.label(language)} ({item.unit})" if item.unit else item.label(language)
            if item.kind == "yes_no":
                self.fields[item.code] = forms.ChoiceField(label=label, choices=YES_NO, required=False)
            else:
                self.fields[item.code] = forms.DecimalField(label=label, required=False, max_digits=7,
                                                            decimal_places=2, localize=True)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for item in somatic.load_check().items:
            value = self.cleaned_data.get(item.code)
            if item.kind == "yes_no":
                out[item.code] = {"yes": True, "no": False}.get(value or "")
            else:
                out[item.code] = None if value is None else float(value)
        return out
