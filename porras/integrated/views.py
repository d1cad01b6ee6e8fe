"""Pages of integrated care: the consultation queue, asking a question about an episode, and one
consultation with its answer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from porras.accounts import authz
from porras.accounts.roles import Perm
from porras.catalogue.domain import taxonomy
from porras.integrated import forms, services
from porras.integrated import reports as integrated_reports
from porras.integrated.domain import somatic
from porras.integrated.domain.report import parse_group_by
from porras.integrated.domain.social_care import social_care_categories
from porras.integrated.models import Consultation
from porras.lib import numbers, reasons
from porras.lib.downloads import tabular_download
from porras.lib.errors import Conflict, InputError
from porras.lib.language import current_language
from porras.outcomes.labels import GROUP_LABELS
from porras.outcomes.names import GroupNames


@login_required
def consultations(request: HttpRequest) -> HttpResponse:
    """The specialist units' queue, and the requests the user's own units have asked."""
    found = services.queue(request)
    asked = services.asked_from_my_units(request)
    return render(request, "integrated/consultations.html", {"queue": found, "asked": asked})


@login_required
def ask(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = services.authorise_ask(request, episode_id)
    units = list(services.specialist_units(episode))
    form = forms.AskForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            consultation = services.ask(request, episode_id, d["specialist_unit"], d["question"], d["urgency"],
                                        d["preferred_form"])
        except InputError as exc:
            forms.show_errors(form, exc)
        else:
            messages.success(request, _("Your question was sent to the specialist unit."))
            return redirect("integrated:consultation", consultation.pk)
    return render(request, "integrated/ask.html", {"form": form, "episode": episode, "units": units},
                  status=422 if form.errors else 200)


def _facts(consultation: Consultation) -> dict[str, object]:
    episode = consultation.episode
    return {
        "client": episode.client,
        "concerns": episode.concern_labels(),
        "intervention": episode.intervention_label(current_language()) if episode.intervention else "",
        "measurements": services.latest_scores(consultation),
    }


@login_required
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    found = services.get(request, pk)
    form = forms.AnswerForm(request.POST or None)
    if request.method == "POST":
        services.authorise_answer(request, pk)
        if form.is_valid():
            try:
                services.answer(request, pk, form.cleaned_data["answer"], form.cleaned_data["outcome"])
            except InputError as exc:
                forms.show_errors(form, exc)
            else:
                messages.success(request, _("Your answer was saved on the episode."))
                return redirect("integrated:consultation", pk)
    return render(request, "integrated/consultation.html", {
        "c": found, "form": form, "may_answer": services.may_answer(request, found),
        "may_withdraw": services.may_withdraw(request, found), **_facts(found),
    }, status=422 if form.errors else 200)


# The groupings a manager picks from (any of county, collaborative_area, unit, month, quarter, year
# through the API).
GROUPINGS: list[tuple[str, Any]] = [
    ("county", gettext_lazy("County")),
    ("county,quarter", gettext_lazy("County and quarter")),
    ("collaborative_area", gettext_lazy("Collaborative area")),
    ("collaborative_area,quarter", gettext_lazy("Collaborative area and quarter")),
    ("unit", gettext_lazy("Unit")),
    ("unit,quarter", gettext_lazy("Unit and quarter")),
    ("year", gettext_lazy("Year")),
]


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    """Consultations per 1,000 episodes, median answer time and where care went on, by county, unit
    and period (aggregates only, under the disclosure rule)."""
    authz.require(request.user, Perm.AGGREGATE_READ)
    grouping = request.GET.get("group_by", "county")
    if grouping not in dict(GROUPINGS):
        grouping = "county"
    report = integrated_reports.run_for_user(request.user, parse_group_by(grouping))
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx"):
        return tabular_download(report.groups, list(report.columns), fmt, "porras-consultations", sheet="consultations")
    keys = list(report.group_by)
    group_names = GroupNames()  # the group values by name in the page's language (codes stay in downloads)
    rows = [([group_names.value(k, g[k]) for k in keys], g) for g in report.groups]
    somatic_keys = [k for k in keys if k in integrated_reports.SOMATIC_KEYS] or ["county"]
    checks = integrated_reports.somatic_report(request.user, somatic_keys)
    return render(request, "integrated/reports.html", {
        "report": report, "rows": rows, "groupings": GROUPINGS, "grouping": grouping,
        "key_labels": [str(GROUP_LABELS[k]) for k in keys],
        "somatic_rows": [([group_names.value(k, g[k]) for k in somatic_keys], g) for g in checks],
        "somatic_labels": [str(GROUP_LABELS[k]) for k in somatic_keys],
        "interval": somatic.load_check().interval_days,
    })



def _categories() -> list[tuple[str, str]]:
    language = current_language()
    return [(code, taxonomy.term("categories", code).label(language))
            for code in social_care_categories().codes]


@login_required
def team_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = services.authorise_team_change(request, episode_id)
    form = forms.SocialCareForm(request.POST or None, categories=_categories(),
                                services=services.social_services(episode),
                                initial={"start_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.add_social_care(request, episode_id, d["category"], d["professional"], d["contact"],
                                     d["start_date"], None, d["service"] or None)
        except InputError as exc:
            forms.show_errors(form, exc)
        else:
            messages.success(request, _("Added to the episode's team."))
            return redirect(reverse("care:episode", args=[episode_id]) + "#social-care")
    return render(request, "integrated/team_form.html", {
        "form": form, "episode": episode, "title": _("Add social welfare to the team"), "submit": _("Add"),
    }, status=422 if form.errors else 200)


@login_required
def team_end(request: HttpRequest, pk: int) -> HttpResponse:
    member = services.social_care_member(request, pk)
    form = forms.SocialCareEndForm(request.POST or None, initial={"end_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_social_care(request, pk, form.cleaned_data["end_date"])
        except InputError as exc:
            forms.show_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("care:episode", args=[member.episode_id]) + "#social-care")
    return render(request, "integrated/team_form.html", {
        "form": form, "episode": member.episode, "member": member,
        "title": _("%(who)s left the team") % {"who": member.professional}, "submit": _("Save"),
    }, status=422 if form.errors else 200)


@login_required
def somatic_new(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = services.authorise_somatic_check(request, episode_id)
    form = forms.SomaticCheckForm(request.POST or None, language=current_language(),
                                  initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            check = services.record_somatic_check(request, episode_id, form.cleaned_data["date"], form.values())
        except InputError as exc:
            forms.show_errors(form, exc)
        else:
            if check.flagged:
                messages.warning(request, _("Saved. Values out of their reference range are flagged for follow-up."))
            else:
                messages.success(request, _("Saved."))
            return redirect(reverse("care:episode", args=[episode_id]) + "#somatic")
    return render(request, "integrated/team_form.html", {
        "form": form, "episode": episode, "title": _("Somatic health check"), "submit": _("Save"),
        "sources": _sources(),
    }, status=422 if form.errors else 200)


def _sources() -> list[tuple[str, str]]:
    spec = somatic.load_check()
    language = current_language()
    return [(item.label(language), spec.sources[item.source]) for item in spec.items if item.source]


def item_rows(check: Any, language: str) -> list[tuple[str, str, bool]]:
    """(item label, value with unit, flagged) of a check, in the data's order."""
    rows = []
    for item in somatic.load_check().items:
        if item.code not in check.values:
            continue
        value = check.values[item.code]
        shown = (_("Yes") if value else _("No")) if item.kind == "yes_no" else f"{numbers.number(value)} {item.unit}"
        rows.append((item.label(language), shown.strip(), item.code in check.flagged))
    return rows


@login_required
def somatic_due(request: HttpRequest) -> HttpResponse:
    rows = services.somatic_worklist(request)
    language = current_language()
    spec = somatic.load_check()
    labels = {item.code: item.label(language) for item in spec.items}
    shown = [{"row": r, "flagged": [labels.get(code, code) for code in r.flagged]} for r in rows]
    return render(request, "integrated/somatic_due.html", {"rows": shown, "interval": spec.interval_days})


def _back_with(request: HttpRequest, exc: Exception, to: str) -> HttpResponse:
    """The reason of a refused write (translated), shown on the page it came from."""
    found = [str(e.get("reason", "")) for e in exc.errors] if isinstance(exc, InputError) else [
        str(exc).partition(": ")[2] or str(exc)]
    for reason in found:
        messages.error(request, reasons.sentence(reason))
    return redirect(to)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    services.authorise_withdraw(request, pk)
    try:
        services.withdraw(request, pk)
    except Conflict as exc:
        return _back_with(request, exc, reverse("integrated:consultation", args=[pk]))
    messages.success(request, _("The question was withdrawn."))
    return redirect("integrated:consultation", pk)


@login_required
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    check = services.somatic_check(request, pk)
    back = reverse("care:episode", args=[check.episode_id]) + "#somatic"
    try:
        services.acknowledge_somatic_check(request, pk, request.POST.get("note", ""))
    except (InputError, Conflict) as exc:
        return _back_with(request, exc, back)
    messages.success(request, _("Saved."))
    return redirect(back)


@login_required
@require_POST
def risk_group_add(request: HttpRequest, episode_id: int) -> HttpResponse:
    back = reverse("care:episode", args=[episode_id]) + "#somatic"
    try:
        services.add_risk_group(request, episode_id, request.POST.get("risk_group", ""))
    except (InputError, Conflict) as exc:
        return _back_with(request, exc, back)
    messages.success(request, _("Saved."))
    return redirect(back)


@login_required
@require_POST
def risk_group_remove(request: HttpRequest, pk: int) -> HttpResponse:
    group = services.risk_group(request, pk)
    services.remove_risk_group(request, pk)
    messages.success(request, _("Saved."))
    return redirect(reverse("care:episode", args=[group.episode_id]) + "#somatic")
