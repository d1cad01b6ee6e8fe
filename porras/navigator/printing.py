"""The resident's self-assessment result as a PDF (:mod:`porras.lib.pdf`), anonymous like the
self-assessment itself: no login and nothing stored.

Two ways in: from the result page, which posts the answers it carries (the navigator runs again on
them, as when saving; PDFs are limited per address, ``PORRAS_NAVIGATOR_PDFS_PER_HOUR``, counted as a
keyed hash like the saves), and from a saved code (:func:`services.open_own_assessment`: failed
look-ups limited per address, every look-up audited as anonymous). The PDF is in the language the resident
answered in; whenever the answers showed risk it opens with the crisis guidance (112 and the crisis
lines), and it always ends with 112 and the crisis lines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from porras.instruments import domain as instruments
from porras.lib import jsonsafe
from porras.lib.language import UI_LANGUAGES, current_language
from porras.lib.pdf import document_pdf, pdf_response
from porras.navigator import limits, services
from porras.navigator.crisis import crisis_contacts_for
from porras.navigator.domain import NavigatorInputError, ruleset_for_county
from porras.navigator.domain.ruleset import ruleset_for_person
from porras.navigator.limits import client_address
from porras.navigator.scorer import score_answers

RESULT_FILENAME = {"fi": "itsearvio.pdf", "sv": "sjalvskattning.pdf", "en": "self-assessment.pdf"}
PROFESSIONAL_FILENAME = {"fi": "itsearvio-raportti.pdf", "sv": "sjalvskattning-rapport.pdf", "en": "self-assessment-report.pdf"}


@dataclass(frozen=True)
class ScoreLine:
    """One questionnaire of the answers: its name, total of the range, and the total in words."""

    name: str
    total: str
    maximum: str
    band: str


def _num(value: Any) -> str:
    return f"{float(value):g}" if value is not None else "—"


def answered_scores(answers: dict[str, Any], language: str) -> list[ScoreLine]:
    """The totals of the questionnaires answered (or scores given), with their severity band in words
    from the instrument's data file where it defines bands."""
    lines: list[ScoreLine] = []
    given: list[tuple[str, Any, Any]] = []
    for instrument_id, positions in (answers.get("responses") or {}).items():
        scored = score_answers(instrument_id, positions)
        given.append((instrument_id, scored.total, scored.severity))
    for instrument_id, score in (answers.get("scores") or {}).items():
        given.append((instrument_id, score.get("total"), score.get("severity")))
    for instrument_id, total, severity in given:
        try:
            definition = instruments.load_instrument(instrument_id)
        except instruments.UnknownInstrument:
            continue
        band = ""
        if severity:
            try:
                band = definition.band(severity).label[language]
            except KeyError:
                band = ""
        lines.append(ScoreLine(definition.name.get(language) or definition.abbreviation, _num(total),
                               _num(definition.score_range[1]), band))
    return lines


def _service_lines(found: list[dict[str, Any]], language: str) -> list[dict[str, Any]]:
    def text(value: Any) -> str:
        return str(value.get(language) or value.get("fi") or "") if isinstance(value, dict) else str(value or "")

    return [{"name": text(s.get("name")), "phones": s.get("phones") or [], "url": s.get("url") or "",
             "fictional": bool(s.get("fictional"))} for s in found]


def result_document(answers: dict[str, Any], result: dict[str, Any], *, made_at: dt.datetime,
                    valid_until: dt.datetime | None = None) -> tuple[str, str, str]:
    """(body HTML, language, title) of the result document."""
    asked = str(answers.get("language") or "")
    language = asked if asked in UI_LANGUAGES else current_language()
    county = answers.get("county") or None
    rules = ruleset_for_county(county)
    with translation.override(language):
        body = render_to_string("navigator/print/_result.html", {
            "language": language,
            "result": result,
            "urgent": result["urgency"] != "non_urgent",
            "emergency": result["urgency"] == "emergency",
            "step_withheld": result.get("step") is None,
            "step_name": "" if result.get("step") is None else rules.step_name(result["step"], language),
            "guarantee": next((t["because"] for t in result.get("trace", []) if t["rule"] == "therapy_guarantee"), ""),
            "scores": answered_scores(answers, language),
            "services": _service_lines(result.get("services") or [], language),
            "county_chosen": bool(county),
            "contacts": crisis_contacts_for(language, county),
            "made_at": made_at,
            "valid_until": valid_until,
        })
        title = _("Your self-assessment result")
    return mark_safe(body), language, str(title)  # noqa: S308 - a template's escaped output


def _pdf(answers: dict[str, Any], result: dict[str, Any], made_at: dt.datetime,
         valid_until: dt.datetime | None = None) -> HttpResponse:
    body, language, title = result_document(answers, result, made_at=made_at, valid_until=valid_until)
    return pdf_response(document_pdf(body, title=title, language=language), RESULT_FILENAME[language])


def _refused(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "navigator/print/refused.html", {"message": message}, status=status)


@require_POST
def result_pdf(request: HttpRequest) -> HttpResponse:
    """The result page's answers (its hidden ``payload``) as a PDF; nothing about the resident is kept."""
    try:
        answers = jsonsafe.loads(request.POST.get("payload", ""))
        if not isinstance(answers, dict):
            raise ValueError("payload: not an object")
        result = services.recommend(answers)
    except (ValueError, NavigatorInputError):
        return _refused(request, _("The answers could not be read. Please start the self-assessment again."), 400)
    key = limits.address_key("pdf", client_address(request))
    if not limits.take(key, settings.PORRAS_NAVIGATOR_PDFS_PER_HOUR, dt.timedelta(hours=1)).allowed:
        return _refused(request, _("Too many PDFs have been made from this connection in the last hour. Your "
                                   "result is still on the previous page; try again later."), 429)
    return _pdf(answers, result, timezone.now())


class OwnCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Your code"), max_length=20,
        help_text=gettext_lazy("12 characters, for example ABCD-EFGH-JKMN."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


@require_http_methods(["GET", "POST"])
def saved_pdf(request: HttpRequest) -> HttpResponse:
    """A resident's saved self-assessment as a PDF, by its code."""
    form = OwnCodeForm(request.POST or None)
    if request.method == "GET" or not form.is_valid():
        return render(request, "navigator/print/saved.html", {"form": form}, status=200 if request.method == "GET" else 422)
    try:
        found = services.open_own_assessment(form.cleaned_data["code"], address=client_address(request))
    except services.TooManyLookups:
        form.add_error("code", _("Too many codes that did not match. Try again in 15 minutes."))
        return render(request, "navigator/print/saved.html", {"form": form}, status=429)
    except services.AssessmentNotFound:
        form.add_error("code", _("No saved self-assessment has this code, or it has expired."))
        return render(request, "navigator/print/saved.html", {"form": form}, status=404)
    answers, result = services.residents_own(found)  # a young person's own, without the guardian's
    return _pdf(answers, result, found.created_at, found.expires_at)


@require_POST
@login_required
def opened_pdf(request: HttpRequest) -> HttpResponse:
    """The professional's report of a saved self-assessment as a PDF, by its code (in the POST body):
    both respondents side by side, the scores, the recommendation and the rule trace. Opened, limited
    and audited as the professional's look-up is."""
    from porras.navigator.views import _may_open, _respondents, score_in_words

    _may_open(request)
    try:
        found = services.open_assessment(request, request.POST.get("code", "")[:20])
    except services.TooManyLookups:
        return _refused(request, _("Too many codes that did not match. Try again in 15 minutes."), 429)
    except services.AssessmentNotFound:
        return _refused(request, _("No saved self-assessment has this code, or it has expired."), 404)
    language = current_language()
    result = found.result
    rules, _chooser = ruleset_for_person(found.county or None, found.answers.get("age"))
    body = render_to_string("navigator/print/professional.html", {
        "language": language, "found": found, "result": result,
        "respondents": _respondents(found, language),
        "score_words": [score_in_words(s, language) for s in result.get("scores", [])],
        "urgent": result["urgency"] != "non_urgent", "emergency": result["urgency"] == "emergency",
        "step_withheld": result.get("step") is None,
        "step_name": "" if result.get("step") is None else rules.step_name(result["step"], language),
    })
    title = str(_("Self-assessment report for the professional"))
    document = document_pdf(mark_safe(body), title=title, language=language)  # noqa: S308 - escaped template output
    return pdf_response(document, PROFESSIONAL_FILENAME.get(language, "report.pdf"))
