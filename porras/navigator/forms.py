"""Forms of the resident self-assessment and the professional navigator."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from porras.accounts.models import County
from porras.lib.language import current_language
from porras.navigator.domain import load_default_ruleset
from porras.navigator.domain.inputs import MAX_AGE
from porras.navigator.domain.ruleset import load_named_ruleset

SEX_CHOICES = [
    ("", _("I prefer not to say")),
    ("female", _("Woman")),
    ("male", _("Man")),
    ("other", _("Other")),
]


def county_name(county: County, language: str) -> str:
    return str(getattr(county, {"sv": "name_sv", "en": "name_en"}.get(language, "name_fi")) or county.name_fi)


def county_choices() -> list[tuple[str, Any]]:
    language = current_language()
    counties = [(c.code, county_name(c, language)) for c in County.objects.all()]
    return [("", _("Not chosen")), *sorted(counties, key=lambda pair: pair[1])]


def concern_choices() -> list[tuple[str, str]]:
    language = current_language()
    return [(key, texts[language]) for key, texts in load_default_ruleset().concerns.items()]


DELIVERY_CHOICES = [
    ("no_preference", _("No preference")), ("digital", _("Digital")), ("face_to_face", _("Face to face")),
]
FORMAT_CHOICES = [("no_preference", _("No preference")), ("individual", _("Individual")), ("group", _("Group"))]


class AboutYouForm(forms.Form):
    """Step 1 of the self-assessment: nothing identifying, only what the rules need."""

    age = forms.IntegerField(
        label=_("Your age in years"), min_value=0, max_value=MAX_AGE,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    sex = forms.ChoiceField(
        label=_("Sex"), choices=SEX_CHOICES, required=False,
        help_text=_("Only used to read the alcohol questionnaire against the right limit."),
    )
    county = forms.ChoiceField(
        label=_("Your wellbeing services county"), choices=(), required=False,
        help_text=_("We show the services of this county."),
    )
    concerns = forms.MultipleChoiceField(
        label=_("What would you like help with?"), choices=(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more. The questionnaires are chosen from these."),
    )

    delivery = forms.ChoiceField(
        label=_("How would you like to get help?"), choices=DELIVERY_CHOICES, required=False,
        widget=forms.RadioSelect,
    )
    format = forms.ChoiceField(
        label=_("Alone or in a group?"), choices=FORMAT_CHOICES, required=False, widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["county"]).choices = county_choices()
        cast(forms.ChoiceField, self.fields["concerns"]).choices = concern_choices()


YES_NO = [("no", _("No")), ("yes", _("Yes"))]


def youth_concern_choices() -> list[tuple[str, str]]:
    language = current_language()
    return [(key, texts[language]) for key, texts in load_named_ruleset("youth").concerns.items()]


class GuardianForm(forms.Form):
    """A guardian's own answers about the young person, with the guardian code (no login)."""

    code = forms.CharField(
        label=_("Guardian code"), max_length=20,
        help_text=_("The young person got it when they saved their answers. 12 characters, for example ABCD-EFGH-JKMN."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    concerns = forms.MultipleChoiceField(
        label=_("What worries you about the young person's wellbeing?"), choices=(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Choose one or more."),
    )
    self_harm = forms.ChoiceField(
        label=_("Has the young person spoken of harming themselves or of not wanting to live?"),
        choices=YES_NO, widget=forms.RadioSelect,
    )
    plan_to_end_life = forms.ChoiceField(
        label=_("Do you know of a plan the young person has to end their life?"),
        choices=YES_NO, widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["concerns"]).choices = youth_concern_choices()

    def guardian_input(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"concerns": list(data["concerns"]),
                "risk": {"self_harm": data["self_harm"] == "yes", "plan_to_end_life": data["plan_to_end_life"] == "yes"}}


class OpenCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code given by the resident"), max_length=20,
        help_text=_("12 characters, for example ABCD-EFGH-JKMN."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class ResidentCodeForm(forms.Form):
    """The resident's own code, to reopen or delete their saved answers (sent in the POST body only)."""

    code = forms.CharField(
        label=_("Your code"), max_length=20,
        help_text=_("12 characters, for example ABCD-EFGH-JKMN."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


PHQ9_BANDS = [
    ("", _("Not measured")), ("minimal", _("Minimal")), ("mild", _("Mild")), ("moderate", _("Moderate")),
    ("moderately_severe", _("Moderately severe")), ("severe", _("Severe")),
]
GAD7_BANDS = [
    ("", _("Not measured")), ("minimal", _("Minimal")), ("mild", _("Mild")), ("moderate", _("Moderate")),
    ("severe", _("Severe")),
]
AUDIT_ZONES = [
    ("", _("Not measured")), ("low_risk", _("Low risk")), ("increasing_risk", _("Increasing risk")),
    ("higher_risk", _("Higher risk")), ("possible_dependence", _("Possible dependence")),
]
ITEM_CHOICES = [("", _("Not asked")), ("0", "0"), ("1", "1"), ("2", "2"), ("3", "3")]
STEP_CHOICES = [("", _("None"))] + [(str(s), str(s)) for s in range(5)]
PROFESSIONAL_LABELS = {
    "age": _("Age in years"),
    "county": _("Wellbeing services county"),
    "concerns": _("Concerns"),
    "delivery": _("Preferred delivery"),
    "format": _("Preferred format"),
}


class ProfessionalForm(AboutYouForm):
    """The navigator with scores already at hand (the ``scores`` input form)."""

    phq9 = forms.ChoiceField(label=_("PHQ-9 severity"), choices=PHQ9_BANDS, required=False)
    phq9_item9 = forms.ChoiceField(label=_("PHQ-9 item 9 (thoughts of self-harm)"), choices=ITEM_CHOICES,
                                   required=False)
    gad7 = forms.ChoiceField(label=_("GAD-7 severity"), choices=GAD7_BANDS, required=False)
    core10_risk = forms.ChoiceField(label=_("CORE-10 risk item"), choices=ITEM_CHOICES, required=False)
    auditc = forms.IntegerField(label=_("AUDIT-C total"), min_value=0, max_value=12, required=False)
    audit = forms.ChoiceField(label=_("AUDIT zone"), choices=AUDIT_ZONES, required=False)
    plan_to_end_life = forms.BooleanField(label=_("Has a plan to end their life"), required=False)
    previous_step = forms.ChoiceField(label=_("Step of earlier care"), choices=STEP_CHOICES, required=False)
    reliable_improvement = forms.BooleanField(label=_("Earlier care brought reliable improvement"),
                                              required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The same fields as the resident's, addressed to the professional.
        for name, label in PROFESSIONAL_LABELS.items():
            self.fields[name].label = label
            self.fields[name].help_text = ""

    def navigator_input(self, language: str) -> dict[str, Any]:
        data = self.cleaned_data
        scores: dict[str, Any] = {}
        if data["phq9"] or data["phq9_item9"]:
            phq9: dict[str, Any] = {}
            if data["phq9"]:
                phq9["severity"] = data["phq9"]
            phq9["risk_items"] = {"9": int(data["phq9_item9"]) if data["phq9_item9"] else None}
            scores["phq9"] = phq9
        if data["gad7"]:
            scores["gad7"] = {"severity": data["gad7"]}
        if data["core10_risk"]:
            scores["core10"] = {"risk_items": {"6": int(data["core10_risk"])}}
        if data["auditc"] is not None:
            scores["auditc"] = {"total": data["auditc"]}
        if data["audit"]:
            scores["audit"] = {"severity": data["audit"]}
        out: dict[str, Any] = {
            "age": data["age"], "language": language, "concerns": list(data["concerns"]), "scores": scores,
            "risk": {"plan_to_end_life": bool(data["plan_to_end_life"])},
            "preferences": {"delivery": data["delivery"] or "no_preference",
                            "format": data["format"] or "no_preference"},
        }
        if data["sex"]:
            out["sex"] = data["sex"]
        if data["county"]:
            out["county"] = data["county"]
        if data["previous_step"]:
            out["history"] = [{"step": int(data["previous_step"]),
                               "reliable_improvement": bool(data["reliable_improvement"])}]
        return out
