"""Web pages: the anonymous resident self-assessment, and the professional navigator and code opening.

The self-assessment keeps nothing on the server until the resident asks to save it: its steps carry
their state in the form itself (step 1 answers as hidden fields, the final answers as one hidden JSON).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from porras.accounts import authz
from porras.accounts.models import County
from porras.accounts.roles import Perm
from porras.instruments import domain as instruments
from porras.lib import jsonsafe, reasons
from porras.lib.language import current_language
from porras.navigator import services
from porras.navigator.domain import NavigatorInputError
from porras.navigator.domain.ruleset import ruleset_for_person
from porras.navigator.forms import (
    AboutYouForm,
    GuardianForm,
    OpenCodeForm,
    ProfessionalForm,
    ResidentCodeForm,
    county_name,
)
from porras.navigator.limits import client_address

# Which questionnaires the self-assessment asks for each concern (a UI choice, not a clinical rule).
QUESTIONNAIRES_FOR_CONCERN = {
    "depression": ["phq9"],
    "anxiety": ["gad7"],
    "panic": ["gad7"],
    "alcohol": ["auditc"],
    "functioning": ["wsas"],
    "distress": ["core10"],
}
DEFAULT_QUESTIONNAIRES = ["phq9", "gad7"]


@dataclass(frozen=True)
class Question:
    name: str
    text: str
    options: list[tuple[int, str]]
    selected: int | None
    item: str = ""
    missing: bool = False  # asked again: unanswered (or not one of the options)


@dataclass(frozen=True)
class Questionnaire:
    id: str
    title: str
    instructions: str
    questions: list[Question]
    short: str = ""  # the abbreviation, e.g. PHQ-9


def questionnaires_for(concerns: list[str]) -> list[str]:
    chosen: list[str] = []
    for concern in concerns:
        for instrument in QUESTIONNAIRES_FOR_CONCERN.get(concern, []):
            if instrument not in chosen:
                chosen.append(instrument)
    return chosen or list(DEFAULT_QUESTIONNAIRES)


def _questionnaire(
    instrument_id: str, language: str, pick: Callable[[str, int], int | None] = lambda name, index: None
) -> Questionnaire | None:
    """The instrument's questions in ``language``; ``pick(field name, item index)`` gives the chosen option."""
    try:
        definition = instruments.load_instrument(instrument_id)
    except instruments.UnknownInstrument:
        return None
    questions = []
    for index, item in enumerate(definition.items):
        name = f"{instrument_id}-{item.id}"
        options = [(position, option.text[language]) for position, option in enumerate(item.options)]
        questions.append(Question(name, item.text[language], options, pick(name, index), item=item.id))
    instructions = definition.instructions[language] if definition.instructions else ""
    if definition.recall_period:
        instructions = f"{instructions} {definition.recall_period[language]}".strip()
    return Questionnaire(
        instrument_id, definition.name[language], instructions, questions, short=definition.abbreviation
    )


def _asking_again(exc: NavigatorInputError, questionnaires: list[Questionnaire]) -> dict[str, Any]:
    """The questions page again: each unanswered question marked and named in a summary, and the
    crisis box at once when the answers given show risk."""
    flagged = {
        (e.field.removeprefix("responses."), e.item) for e in exc.errors
        if e.item is not None and e.field.startswith("responses.")
    }
    marked: list[Questionnaire] = []
    unanswered: list[dict[str, str]] = []
    for q in questionnaires:
        questions = [replace(question, missing=(q.id, question.item) in flagged) for question in q.questions]
        marked.append(replace(q, questions=questions))
        unanswered += [
            {"anchor": question.name,
             "label": _("%(questionnaire)s, question %(number)s") % {"questionnaire": q.short, "number": number}}
            for number, question in enumerate(questions, start=1) if question.missing
        ]
    shown = {(q.id, question.item) for q in marked for question in q.questions if question.missing}
    context: dict[str, Any] = {
        "questionnaires": marked, "unanswered": unanswered,
        # Anything else refused (the form's own fields were altered): one plain request to check.
        "other_errors": any((e.field.removeprefix("responses."), e.item) not in shown for e in exc.errors),
    }
    risk = exc.risk or {}
    if risk.get("urgency", "non_urgent") != "non_urgent":
        context.update({"result": risk, "urgent": True, "emergency": risk["urgency"] == "emergency"})
    return context


def _posted(data: Any) -> Callable[[str, int], int | None]:
    def pick(name: str, index: int) -> int | None:
        raw = data.get(name)
        return int(raw) if raw is not None and str(raw).isdigit() else None

    return pick


def _saved(positions: list[int | None]) -> Callable[[str, int], int | None]:
    return lambda name, index: positions[index] if index < len(positions) else None


def _service_cards(services_found: list[dict[str, Any]], language: str) -> list[dict[str, Any]]:
    """The catalogue's service dictionaries with their texts in ``language``."""

    def text(value: Any) -> str:
        return str(value.get(language) or value.get("fi") or "") if isinstance(value, dict) else str(value or "")

    return [
        {"id": s.get("id"), "name": text(s.get("name")), "description": text(s.get("description")),
         "url": s.get("url"),
         "phones": s.get("phones") or [], "locations": s.get("locations") or [],
         "fictional": bool(s.get("fictional"))}
        for s in services_found
    ]


def score_in_words(score: dict[str, Any], language: str) -> str:
    """One questionnaire's result in words, the band named by the instrument's own data:
    "PHQ-9: 10/27 points, moderate"."""
    try:
        definition = instruments.load_instrument(score["instrument"])
    except instruments.UnknownInstrument:
        return str(score["instrument"])
    band = ""
    if score.get("severity"):
        try:
            label = definition.band(score["severity"]).label[language]
        except KeyError:
            label = str(score["severity"])
        band = label[:1].lower() + label[1:]
    words = {"questionnaire": definition.abbreviation, "total": score.get("total"),
             "max": definition.score_range[1], "band": band}
    if score.get("total") is None:
        return _("%(questionnaire)s: %(band)s") % words
    if not band:
        return _("%(questionnaire)s: %(total)s/%(max)s points") % words
    return _("%(questionnaire)s: %(total)s/%(max)s points, %(band)s") % words


def _concern_offers(result: dict[str, Any], language: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Per concern: its scores in words and the names of what is offered for it; and the scores that
    belong to no concern shown."""
    words = {s["instrument"]: score_in_words(s, language) for s in result.get("scores", [])}
    names = {i["code"]: i["name"] for i in result.get("interventions", [])}
    shown: set[str] = set()
    offers = []
    for concern in result.get("concerns", []):
        shown.update(concern["instruments"])
        offers.append({
            "name": concern["name"],
            "scores": [words[i] for i in concern["instruments"] if i in words],
            "offers": [names.get(code, code) for code in concern["interventions"]],
        })
    return offers, [text for instrument, text in words.items() if instrument not in shown]


def _result_context(
    result: dict[str, Any], county: str | None, language: str, age: int | None = None
) -> dict[str, Any]:
    rules, _chooser = ruleset_for_person(county, age)
    guarantee = [t["because"] for t in result["trace"] if t["rule"] == "therapy_guarantee"]
    concern_offers, other_scores = _concern_offers(result, language)
    return {
        "result": result,
        "concern_offers": concern_offers,
        "other_scores": other_scores,
        "services": _service_cards(result["services"], language),
        "county_chosen": bool(county),
        # No step with a plan to end one's life: the emergency guidance alone.
        "step_name": "" if result["step"] is None else rules.step_name(result["step"], language),
        "step_withheld": result["step"] is None,
        "urgent": result["urgency"] != "non_urgent",
        "emergency": result["urgency"] == "emergency",
        "guarantee": guarantee[0] if guarantee else "",
    }


@require_http_methods(["GET", "POST"])
def self_assessment(request: HttpRequest) -> HttpResponse:
    """Step 1 (about you) and step 2 (questionnaires), then the result. Public, no login."""
    language = current_language()
    stage = request.POST.get("stage") if request.method == "POST" else None
    if stage is None:
        return render(request, "navigator/start.html", {"form": AboutYouForm()})
    form = AboutYouForm(request.POST)
    if not form.is_valid():
        return render(request, "navigator/start.html", {"form": form}, status=422 if stage == "about" else 400)
    concerns = list(form.cleaned_data["concerns"])
    wanted = questionnaires_for(concerns)
    pick = _posted(request.POST)  # nothing is picked yet on the first visit to the questions
    questionnaires = [q for q in (_questionnaire(i, language, pick) for i in wanted) if q is not None]
    context = {"form": form, "questionnaires": questionnaires, "plan": request.POST.get("plan_to_end_life")}
    if stage == "about":
        return render(request, "navigator/questions.html", context)

    answers: dict[str, Any] = {
        "age": form.cleaned_data["age"], "language": language, "concerns": concerns,
        # Every questionnaire asked, answered or not: an unanswered one is asked again, never skipped.
        "responses": {q.id: [question.selected for question in q.questions] for q in questionnaires},
        "risk": {"plan_to_end_life": request.POST.get("plan_to_end_life") == "yes"},
        "preferences": {"delivery": form.cleaned_data["delivery"] or "no_preference",
                        "format": form.cleaned_data["format"] or "no_preference"},
    }
    if form.cleaned_data["sex"]:
        answers["sex"] = form.cleaned_data["sex"]
    if form.cleaned_data["county"]:
        answers["county"] = form.cleaned_data["county"]
    try:
        result = services.recommend(answers)
    except NavigatorInputError as exc:
        context.update(_asking_again(exc, questionnaires))
        return render(request, "navigator/questions.html", context, status=422)
    context.update(_result_context(result, answers.get("county"), language, answers["age"]))
    context["payload"] = json.dumps(answers, ensure_ascii=False)
    return render(request, "navigator/result.html", context)


@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Save the answers under a random code valid for 30 days (only when the resident asks)."""
    try:
        answers = jsonsafe.loads(request.POST.get("payload", ""))
        saved = services.save_assessment(answers, address=client_address(request))
    except services.TooManySaves:
        return _result_again(request, answers, _(
            "Too many answers have been saved from this connection in the last hour. Your result is still "
            "on this page; try saving again later."
        ))
    except (ValueError, NavigatorInputError):
        return _not_saved(request)
    return render(request, "navigator/saved.html", {"saved": saved})


def _not_saved(request: HttpRequest) -> HttpResponse:
    """A whole page (the site's frame and its crisis numbers), not a bare line of text."""
    message = _("The answers could not be saved. Please start again.")
    return render(request, "navigator/not_saved.html", {"message": message}, status=400)


def _result_again(request: HttpRequest, answers: dict[str, Any], save_error: str) -> HttpResponse:
    """The result page once more (its crisis box included) when saving was refused (429)."""
    try:
        result = services.recommend(answers)
    except NavigatorInputError:
        return _not_saved(request)
    context = _result_context(result, answers.get("county"), current_language(), answers.get("age"))
    context.update({"payload": json.dumps(answers, ensure_ascii=False), "save_error": save_error})
    return render(request, "navigator/result.html", context, status=429)


def _resident_code_refused(
    request: HttpRequest, form: ResidentCodeForm, exc: Exception
) -> HttpResponse:
    if isinstance(exc, services.TooManyLookups):
        form.add_error("code", _("Too many codes that did not match. Try again in 15 minutes."))
        status = 429
    else:
        form.add_error("code", _("No saved answers have this code, or they have already been deleted."))
        status = 404
    return render(request, "navigator/mine_open.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def mine(request: HttpRequest) -> HttpResponse:
    """The resident reopens their own saved answers with the code (no login; the code only in the body)."""
    form = ResidentCodeForm(request.POST or None)
    if request.method == "GET" or not form.is_valid():
        return render(request, "navigator/mine_open.html", {"form": form}, status=200 if request.method == "GET" else 422)
    code = form.cleaned_data["code"]
    try:
        found = services.reopen_own_assessment(request, code, address=client_address(request))
    except (services.TooManyLookups, services.AssessmentNotFound) as exc:
        return _resident_code_refused(request, form, exc)
    language = current_language()
    answers, result = services.residents_own(found)  # a young person's own, without the guardian's
    context = _result_context(result, found.county or None, language, answers.get("age"))
    context.update({"found": found, "code": code})
    return render(request, "navigator/mine.html", context)


@never_cache
@require_POST
def delete_mine(request: HttpRequest) -> HttpResponse:
    """The resident deletes their saved answers with the code, at once."""
    form = ResidentCodeForm(request.POST)
    if not form.is_valid():
        return render(request, "navigator/mine_open.html", {"form": form}, status=422)
    try:
        services.delete_own_assessment(request, form.cleaned_data["code"], address=client_address(request))
    except (services.TooManyLookups, services.AssessmentNotFound) as exc:
        return _resident_code_refused(request, form, exc)
    return render(request, "navigator/deleted.html")


def _may_open(request: HttpRequest) -> None:
    authz.require(request.user, Perm.ASSESSMENT_OPEN)


@login_required
@require_http_methods(["GET", "POST"])
def open_code(request: HttpRequest) -> HttpResponse:
    """A professional opens a resident's saved self-assessment with the code (audited)."""
    _may_open(request)
    form = OpenCodeForm(request.POST or None)
    if request.method == "GET" or not form.is_valid():
        return render(request, "navigator/open.html", {"form": form})
    try:
        found = services.open_assessment(request, form.cleaned_data["code"])
    except services.TooManyLookups:
        form.add_error("code", _("Too many codes that did not match. Try again in 15 minutes."))
        return render(request, "navigator/open.html", {"form": form}, status=429)
    except services.AssessmentNotFound:
        form.add_error("code", _("No saved self-assessment has this code, or it has expired."))
        return render(request, "navigator/open.html", {"form": form}, status=404)
    language = current_language()
    context = _result_context(found.result, found.county or None, language, found.answers.get("age"))
    context.update({
        "found": found, "show_trace": True,
        "respondents": _respondents(found, language),
        "questionnaires": _answered(found.answers, language),
        "concern_names": _concern_names(found.answers.get("concerns", []), found.county or None, language,
                                        found.answers.get("age")),
        "county_name": _county_name(found.county, language),
        # the care app's "start a referral" takes the code in its posted form (never in a URL)
        "code": form.cleaned_data["code"], "may_refer": authz.may(request.user, Perm.CLIENT_WRITE),
    })
    return render(request, "navigator/opened.html", context)


def _respondents(found: Any, language: str) -> dict[str, Any] | None:
    """A young person's self-assessment: both respondents' answers side by side (None for an adult's)."""
    if not found.guardian_code_hash and "guardian" not in found.answers:
        return None
    county = found.county or None
    result = found.result
    respondents = result.get("respondents") or {}
    names = {"person": _("The young person"), "guardian": _("The guardian")}

    def side(who: str) -> dict[str, Any] | None:
        given = respondents.get(who)
        if given is None:
            return None
        return {
            "concerns": _concern_names(given.get("concerns", []), county, language, found.answers.get("age")),
            "scores": [score_in_words(s, language) for s in given.get("scores", [])],
            "risk": given.get("risk"),
        }

    return {
        "person": side("person"), "guardian": side("guardian"),
        "answered_at": found.guardian_answered_at,
        "driven_by": [names[who] for who in result.get("driven_by", []) if who in names],
    }


def _county_name(code: str, language: str) -> str:
    county = County.objects.filter(code=code).first() if code else None
    return code if county is None else county_name(county, language)


def _concern_names(concerns: list[str], county: str | None, language: str, age: int | None = None) -> list[str]:
    known = ruleset_for_person(county, age)[0].concerns
    return [known[c][language] if c in known else c for c in concerns]


def _answered(answers: dict[str, Any], language: str) -> list[Questionnaire]:
    """The saved answers as questions with the chosen option, in the professional's language."""
    out = []
    for instrument_id, positions in answers.get("responses", {}).items():
        questionnaire = _questionnaire(instrument_id, language, _saved(positions))
        out.append(questionnaire or Questionnaire(instrument_id, instrument_id, "", []))
    return out


def _refusal(form: ProfessionalForm, error: dict[str, Any]) -> str:
    """One refusal of the rules as a sentence in the UI language, led by the label of the form's
    field it concerns (never the input's field path; porras.navigator.messages lists the reasons)."""
    name = str(error.get("field") or "").split(".")[-1].split("[")[0]
    field = form.fields.get(name)
    text = reasons.sentence(str(error.get("reason") or ""))
    return f"{field.label}: {text}" if field is not None and field.label else text


@login_required
@require_http_methods(["GET", "POST"])
def professional(request: HttpRequest) -> HttpResponse:
    """The navigator for professionals: scores at hand in, recommendation with the rule trace out."""
    _may_open(request)
    language = current_language()
    form = ProfessionalForm(request.POST or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.navigator_input(language)
        try:
            result = services.recommend(data)
        except NavigatorInputError as exc:
            context["errors"] = [_refusal(form, error) for error in exc.as_list()]
            return render(request, "navigator/professional.html", context, status=422)
        context.update(_result_context(result, data.get("county"), language, data.get("age")))
        context["show_trace"] = True
    return render(request, "navigator/professional.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def guardian(request: HttpRequest) -> HttpResponse:
    """A guardian answers on their own device with the guardian code (no login; the code only in the
    body). The guardian sees none of the young person's answers; the crisis box when their own
    answers show risk."""
    form = GuardianForm(request.POST or None)
    if request.method == "GET" or not form.is_valid():
        return render(request, "navigator/guardian.html", {"form": form},
                      status=200 if request.method == "GET" else 422)
    try:
        _found, own = services.add_guardian_answers(
            form.guardian_input(), form.cleaned_data["code"], address=client_address(request)
        )
    except services.TooManyLookups:
        form.add_error("code", _("Too many codes that did not match. Try again in 15 minutes."))
        return render(request, "navigator/guardian.html", {"form": form}, status=429)
    except services.AssessmentNotFound:
        form.add_error("code", _("No saved answers have this guardian code, or they have already been deleted."))
        return render(request, "navigator/guardian.html", {"form": form}, status=404)
    except services.GuardianAlreadyAnswered:
        form.add_error("code", _("A guardian has already answered with this code."))
        return render(request, "navigator/guardian.html", {"form": form}, status=409)
    except NavigatorInputError:
        return _not_saved(request)
    context = {"result": own, "urgent": own["urgency"] != "non_urgent", "emergency": own["urgency"] == "emergency"}
    return render(request, "navigator/guardian_done.html", context, status=201)
