"""IPS pages: the specialist's caseload and client paths, fidelity reviews with history, reports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from porras.accounts import authz
from porras.accounts.roles import Perm
from porras.ips import forms, services
from porras.ips.charts import fidelity_history_svg
from porras.ips.domain import Period, load_fidelity_scale
from porras.lib.downloads import tabular_download
from porras.lib.errors import InputError
from porras.outcomes.names import GroupNames

T = TypeVar("T")


def _attempt(form: django_forms.BaseForm, action: Callable[[], T]) -> T | None:
    """Run a write; a rule it breaks shows on the form's field (translated), and nothing is saved."""
    try:
        return action()
    except InputError as exc:
        forms.show_errors(form, exc)
    return None


def _band_labels() -> dict[str, str]:
    return {
        "exemplary": _("Exemplary fidelity"),
        "good": _("Good fidelity"),
        "fair": _("Fair fidelity"),
        "not_ips": _("Not IPS"),
    }


def _phase(code: str) -> str:
    return str(
        {
            "agreement": _("Agreement"),
            "vocational_profile": _("Vocational profile"),
            "job_search": _("Job search"),
            "employer_agreement": _("Employer agreement"),
            "support_in_work": _("Support in work"),
            "ended": _("Ended"),
        }[code]
    )


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.IPS_CASELOAD)
    units = services.ips_units(request.user, Perm.IPS_CASELOAD)
    form = forms.PathForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k not in ("unit", "version")}
        try:
            path = _attempt(form, lambda: services.create_path(request.user, form.cleaned_data["unit"], values))
        except services.DuplicatePath:
            form.add_error(None, _("The client already has a path in this service with the same agreement date."))
            path = None
        if path is not None:
            messages.success(request, _("Client added to your caseload."))
            return redirect("ips:client", pk=path.pk)
    rows = [
        (p, _phase(p.phase), services.first_contact_days(p)) for p in services.list_caseload(request.user)
    ]
    return render(
        request, "ips/caseload.html", {"rows": rows, "form": form}, status=422 if form.errors else 200
    )


@login_required
def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    path = services.get_path(request.user, pk)
    path_form = forms.PathForm(instance=path, initial={"version": path.version})
    contact_form = forms.ContactForm()
    job_form = forms.EmploymentForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "path":
            path_form = forms.PathForm(request.POST, instance=path)
            if path_form.is_valid():
                values = {
                    k: v
                    for k, v in path_form.cleaned_data.items()
                    if k not in ("version", "client_code", "agreement_date")
                }
                version = path_form.cleaned_data.get("version") or 0
                try:
                    saved = _attempt(path_form, lambda: services.update_path(request.user, pk, values, version))
                except services.StaleEdit:
                    messages.error(
                        request,
                        _("Someone else changed this path meanwhile. Check the dates and save again."),
                    )
                    return redirect("ips:client", pk=pk)
                if saved is not None:
                    messages.success(request, _("Saved."))
                    return redirect("ips:client", pk=pk)
        elif action == "contact":
            contact_form = forms.ContactForm(request.POST)
            if contact_form.is_valid():
                data = contact_form.cleaned_data
                contact = _attempt(
                    contact_form,
                    lambda: services.add_employer_contact(request.user, pk, data["contact_date"], data["employer"]),
                )
                if contact is not None:
                    messages.success(request, _("Employer contact recorded."))
                    return redirect("ips:client", pk=pk)
        elif action == "employment":
            job_form = forms.EmploymentForm(request.POST)
            if job_form.is_valid():
                job = _attempt(job_form, lambda: services.add_employment(request.user, pk, job_form.cleaned_data))
                if job is not None:
                    messages.success(request, _("Job recorded."))
                    return redirect("ips:client", pk=pk)
        status = 422
    path = services.get_path(request.user, pk) if request.method == "POST" else path
    return render(
        request,
        "ips/client.html",
        {
            "path": path,
            "phase": _phase(path.phase),
            "days_to_contact": services.first_contact_days(path),
            "path_form": path_form,
            "contact_form": contact_form,
            "job_form": job_form,
        },
        status=status,
    )


@login_required
def service_list(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.IPS_FIDELITY)
    rows = []
    labels = _band_labels()
    for unit in services.ips_units(request.user, Perm.IPS_FIDELITY):
        points = services.history_points(unit)
        latest = points[-1] if points else None
        rows.append((unit, latest, labels.get(latest.band, "") if latest else ""))
    return render(request, "ips/services.html", {"rows": rows})


@login_required
def fidelity_history(request: HttpRequest, code: str) -> HttpResponse:
    unit = services.fidelity_unit(request.user, code)
    points = services.history_points(unit)
    labels = _band_labels()
    chart = fidelity_history_svg(
        points,
        title=_("Fidelity over time: %(service)s") % {"service": unit.name},
        description=_("Total score of each fidelity review (25–125) by review date, over the four bands."),
        band_labels=labels,
        day_label=lambda day: date_format(day, "SHORT_DATE_FORMAT"),
    )
    return render(
        request,
        "ips/fidelity.html",
        {"unit": unit, "rows": [(p, labels[p.band]) for p in reversed(points)], "chart": mark_safe(chart)},  # noqa: S308
    )


@login_required
def fidelity_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = services.fidelity_unit(request.user, code)
    form = forms.FidelityReviewForm(request.POST or None, initial={"review_date": date.today()})
    review = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        review = _attempt(
            form,
            lambda: services.record_fidelity_review(
                request.user, unit, data["review_date"], form.item_values(), data["reviewers"]
            ),
        )
    if review is not None:
        messages.success(
            request,
            _("Review saved: total %(total)s, %(band)s.")
            % {"total": review.total, "band": _band_labels()[review.band]},
        )
        return redirect("ips:fidelity", code=unit.code)
    return render(
        request,
        "ips/fidelity_form.html",
        {"unit": unit, "form": form, "scale": load_fidelity_scale()},
        status=422 if form.errors else 200,
    )


def _default_periods(today: date) -> str:
    quarter = (today.month - 1) // 3 + 1
    previous = [(today.year, q) for q in range(1, quarter + 1)]
    return ",".join(f"{y}Q{q}" for y, q in previous)


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    if not (authz.may(request.user, Perm.AGGREGATE_READ) or authz.may(request.user, Perm.IPS_FIDELITY)):
        authz.require(request.user, Perm.AGGREGATE_READ)
    text = request.GET.get("periods") or _default_periods(date.today())
    error = ""
    try:
        periods = [Period.parse(p) for p in text.split(",") if p.strip()]
    except ValueError:
        periods, error = [], _("Write periods as 2024, 2024Q1 or 2024-03, separated by commas.")
    group_by = request.GET.get("group_by", "service")
    if group_by not in dict(GROUPINGS):
        group_by = "service"
    report = services.employment_report(request.user, periods, date.today(), group_by=group_by)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        rows: list[dict[str, Any]] = report.rows(report.rates)
        columns = [report.group_column, "period", "clients", "competitively_employed", "rate", "suppressed"]
        return tabular_download(rows, columns, export, "ips-employment", sheet="employment")
    group_names = GroupNames()  # services, counties and areas by name in the page's language

    def named(cells: Any) -> list[tuple[str, Any]]:
        key = "unit" if group_by == "service" else group_by
        return [(group_names.value(key, c.service_id), c) for c in cells]

    return render(
        request,
        "ips/reports.html",
        {"report": report, "periods": text, "error": error, "groupings": GROUPINGS, "grouping": group_by,
         "group_label": dict(GROUPINGS)[group_by], "rates": named(report.rates),
         "delays": named(report.contact_delays)},
        status=422 if error else 200,
    )


# What the rate and delay tables can be grouped by (the API's group_by).
GROUPINGS: list[tuple[str, Any]] = [
    ("service", gettext_lazy("IPS service")),
    ("county", gettext_lazy("County")),
    ("collaborative_area", gettext_lazy("Collaborative area")),
]
