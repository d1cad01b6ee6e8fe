"""Pages of method competence: method cards (public), training records, trained capacity against need."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from porras.accounts import authz
from porras.accounts.domain.areas import areas_source, collaborative_areas
from porras.accounts.roles import Perm
from porras.competence import scorecard as scorecards
from porras.competence import services
from porras.competence.domain.capacity import whole
from porras.competence.domain.centres import load_centres
from porras.competence.domain.importing import ImportFormatError, read_rows
from porras.competence.domain.methods import method_catalogue
from porras.competence.forms import TrainingImportForm, TrainingRecordForm
from porras.competence.models import TrainingRecord
from porras.competence.outcomes import outcomes_by_training
from porras.lib import reasons
from porras.lib.errors import Conflict, InputError
from porras.lib.language import current_language
from porras.lib.numbers import number, percent
from porras.lib.pdf import document_pdf, pdf_response
from porras.outcomes.labels import label as column_label


def method_list(request: HttpRequest) -> HttpResponse:
    language = current_language()
    cards = [(c, c.label(language), c.target_label(language)) for c in services.list_methods()]
    return render(request, "competence/methods.html", {"cards": cards})


def method_detail(request: HttpRequest, code: str) -> HttpResponse:
    card = services.get_method(code)
    language = current_language()
    citations = method_catalogue().sources
    return render(request, "competence/method.html", {
        "card": card, "name": card.label(language), "target": card.target_label(language),
        "course": card.course_label(language),
        "sources": [(key, citations[key]) for key in card.sources],
    })


@login_required
def training_list(request: HttpRequest) -> HttpResponse:
    records = services.list_records(request.user)
    language = current_language()
    cards = {c.code: c for c in services.list_methods()}
    rows = [(r, cards[r.method].label(language) if r.method in cards else r.method) for r in records]
    return render(request, "competence/training_list.html", {"rows": rows})


def _form_page(request: HttpRequest, record: TrainingRecord | None) -> HttpResponse:
    professionals = services.professionals_for(request.user)
    units = services.units_for(request.user)
    initial: dict[str, Any] = {"professional": request.user.pk}
    if record is not None:
        initial = {
            "professional": record.professional_id, "unit": record.unit_id, "method": record.method,
            "course": record.course, "provider": record.provider, "started_on": record.started_on,
            "completed_on": record.completed_on, "certified_on": record.certified_on,
            "supervision_sessions": record.supervision_sessions, "version": record.version,
            "training_cases": ", ".join(str(e.pk) for e in record.training_cases.order_by("pk")),
        }
    elif units.count() == 1:
        initial["unit"] = units.get().pk
    form = TrainingRecordForm(request.POST or None, initial=initial, professionals=professionals, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_record(request.user, form.values(), pk=record.pk if record else None,
                                         version=form.cleaned_data.get("version"))
        except InputError as exc:
            form.show_errors(exc)
        except Conflict:
            form.add_error(None, _("This professional already has a training record for this method, or the "
                                   "record was changed meanwhile. Reload the list and edit that record."))
        else:
            messages.success(request, _("Training record saved."))
            return redirect("competence:training_edit", saved.pk)
    title = _("Edit training record") if record else _("New training record")
    return render(request, "competence/training_form.html", {"form": form, "title": title, "record": record})


@login_required
def training_new(request: HttpRequest) -> HttpResponse:
    if not services.may_keep_records(request.user):
        raise PermissionDenied(Perm.CLIENT_WRITE.value)
    return _form_page(request, None)


FIELD_LABELS = {
    "professional": _lazy("Professional"), "unit": _lazy("Unit"), "method": _lazy("Method"),
    "course": _lazy("Course"), "provider": _lazy("Training provider"), "started_on": _lazy("Training started"),
    "completed_on": _lazy("Training completed"), "certified_on": _lazy("Certified"),
    "supervision_sessions": _lazy("Supervision sessions"),
}


@login_required
def training_import(request: HttpRequest) -> HttpResponse:
    if not services.may_keep_records(request.user):
        raise PermissionDenied(Perm.CLIENT_WRITE.value)
    form = TrainingImportForm(request.POST or None, request.FILES or None)
    problems: list[tuple[Any, str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.import_records(request.user, read_rows(form.csv_text()))
        except ValidationError as exc:
            form.add_error("file", exc)
        except (ImportFormatError, InputError) as exc:
            problems = [(e.get("item"), str(FIELD_LABELS.get(str(e.get("field")), e.get("field") or "")),
                         reasons.sentence(str(e.get("reason") or ""))) for e in exc.errors]
            form.add_error(None, _("Nothing was imported: correct the rows below and import the file again."))
        else:
            messages.success(request, _("%(count)s training records imported.") % {"count": len(saved)})
            return redirect("competence:training")
    return render(request, "competence/training_import.html", {"form": form, "problems": problems})


@login_required
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = services.get_record(request.user, pk)
    return _form_page(request, record)


@login_required
def capacity(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.AGGREGATE_READ)
    counties, national = services.capacity_areas(request.user)
    language = current_language()
    choices: list[tuple[str, str]] = [(c.code, c.name) for c in counties]
    if national:
        choices = [("national", _("Whole country"))] + [
            (a.code, a.label(language)) for a in collaborative_areas().values()] + choices
    wanted = request.GET.get("area") or (choices[0][0] if choices else "")
    found = services.area_capacity(request.user, wanted)
    groups = [{
        "name": g.group.label(language),
        "estimate": g.estimate,
        "people_in_need": whole(g.estimate.people_in_need),
        "contacts_needed": whole(g.estimate.contacts_needed),
        "capacity_contacts": whole(g.estimate.capacity_contacts),
        "gap_contacts": whole(g.estimate.gap_contacts),
        "coverage": float(g.estimate.coverage) if g.estimate.coverage is not None else None,
        "prevalence": float(g.group.prevalence.value),
        "uptake": float(g.group.uptake.value),
        "contacts_per_course": float(g.group.contacts_per_course.value),
        "referrals": g.referrals,
        "methods": [(m.card, m.card.label(language), m.trained) for m in g.methods],
        "group": g.group,
    } for g in found.groups]
    assumptions = found.assumptions
    return render(request, "competence/capacity.html", {
        "choices": choices, "area": found, "wanted": wanted, "groups": groups,
        "area_label": dict(choices).get(wanted, wanted),
        "collaborative_area": found.collaborative_area.label(language) if found.collaborative_area else "",
        "per_year": whole(assumptions.contacts_per_professional_year.value),
        "sources": sorted(assumptions.sources.items()),
        "areas_source": areas_source(),
        # a county's or an area's rows of the table of the reader's whole scope by county or by area
        # (protected with the area as the county's margin); the whole country's is that table's total
        "by_training": [(o, o.card.label(language)) for o in outcomes_by_training(
            request.user, found.county_codes, group_by=TRAINING_GROUPS.get(found.kind))],
        "centre": found.centre,
        "centre_name": found.centre.label(language) if found.centre else "",
        "centre_duties": [d.get(language) or d["en"] for d in load_centres().duties],
        "centre_per_resident": load_centres().funding_eur_per_resident_year,
        "centres_source": load_centres().source,
    })


# The grouping of the outcomes-by-training table each kind of selection is read from.
TRAINING_GROUPS = {"county": "county", "collaborative_area": "collaborative_area"}


def _shown(value: Any, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "rate":
        return percent(value)
    return number(value, 0 if kind == "count" else None)


def _scorecard_context(request: HttpRequest, code: str) -> dict[str, Any]:
    card = scorecards.county_scorecard(request.user, code)
    language = current_language()
    lines = [(column_label(line.column), _shown(line.county, line.kind), _shown(line.nation, line.kind))
             for line in card.access]
    outcome_lines = [(column_label(line.column), _shown(line.county, line.kind), _shown(line.nation, line.kind))
                     for line in card.outcomes]
    capacity = [(c.group.label(language), c.county, c.nation,
                 _shown(float(c.county.coverage) if c.county.coverage is not None else None, "rate"),
                 _shown(float(c.nation.coverage) if c.nation.coverage is not None else None, "rate"))
                for c in card.capacity]
    trend_heads = [column_label(column) for _, column in scorecards.TREND_COLUMNS]
    kinds = ["count", "rate", "rate"]
    trends = [(row["year"], [(_shown(row[f"{k}.{c}"][0], kind), _shown(row[f"{k}.{c}"][1], kind))
                             for (k, c), kind in zip(scorecards.TREND_COLUMNS, kinds, strict=True)])
              for row in card.trends]
    return {
        "card": card, "access": lines, "outcomes": outcome_lines, "capacity": capacity,
        "trend_heads": trend_heads, "trends": trends, "language": language,
        "collaborative_area": card.collaborative_area.label(language) if card.collaborative_area else "",
    }


@login_required
def scorecard_list(request: HttpRequest) -> HttpResponse:
    rows, policy = scorecards.county_comparison(request.user)
    language = current_language()
    shown = [(r, r.collaborative_area.label(language) if r.collaborative_area else "", _shown(r.referrals, "count"),
              _shown(r.care_guarantee_rate, "rate"), _shown(r.recovery_rate, "rate"), _shown(r.coverage, "rate"))
             for r in rows]
    areas = [(a, a.area.label(language), _shown(a.referrals, "count"), _shown(a.care_guarantee_rate, "rate"),
              _shown(a.recovery_rate, "rate"), _shown(a.coverage, "rate"))
             for a in scorecards.area_comparison(request.user)]
    return render(request, "competence/scorecards.html", {"rows": shown, "areas": areas, "policy": policy})


@login_required
def scorecard(request: HttpRequest, code: str) -> HttpResponse:
    context = _scorecard_context(request, code)
    context["body"] = render_to_string("competence/print/_scorecard.html", context, request=request)
    return render(request, "competence/scorecard.html", context)


@login_required
def scorecard_pdf(request: HttpRequest, code: str) -> HttpResponse:
    context = _scorecard_context(request, code)
    body = render_to_string("competence/print/_scorecard.html", context, request=request)
    title = _("Scorecard: %(county)s") % {"county": context["card"].county.name}
    pdf = document_pdf(mark_safe(body), title=title, language=context["language"])  # noqa: S308 - escaped template output
    return pdf_response(pdf, f"scorecard-{context['card'].county.code}-{context['language']}.pdf")
