"""Public portfolio pages, funding reports and the programme managers' maintenance pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from porras.accounts import authz
from porras.accounts.models import County
from porras.accounts.roles import Perm
from porras.lib.downloads import TABULAR_FORMATS, tabular_download
from porras.programmes import forms, services
from porras.programmes import models as m
from porras.programmes.domain import FUNDING_DIMENSIONS

DIMENSION_LABELS = {
    "programme": gettext_lazy("Programme"),
    "priority_area": gettext_lazy("Priority area"),
    "region": gettext_lazy("Wellbeing services county"),
    "year": gettext_lazy("Year"),
    "entity": gettext_lazy("Programme entity"),
}


def portfolio(request: HttpRequest) -> HttpResponse:
    entries = services.portfolio()
    # The strategy first, then the programmes within it.
    programmes = sorted(m.Programme.objects.all(), key=lambda p: (p.kind != "strategy", p.code))
    groups = [(p, [e for e in entries if e.entity.programme_id == p.pk]) for p in programmes]
    return render(
        request,
        "programmes/portfolio.html",
        {
            "groups": [(p, es) for p, es in groups if es],
            "priority_areas": m.PriorityArea.objects.all(),
            "strategy": next((p for p in programmes if p.kind == "strategy"), None),
            "unallocated": m.UnallocatedFunds.objects.all(),
        },
    )


def entity_detail(request: HttpRequest, code: str) -> HttpResponse:
    entry = next((e for e in services.portfolio() if e.entity.code == code), None)
    if entry is None:
        return render(request, "web/404.html", status=404)
    return render(
        request,
        "programmes/entity.html",
        {
            "entry": entry,
            "entity": entry.entity,
            "indicators": entry.entity.indicators.all(),
            "can_edit": authz.may(request.user, Perm.PROGRAMME_EDIT),
        },
    )


def project_detail(request: HttpRequest, code: str) -> HttpResponse:
    project = get_object_or_404(m.Project.objects.select_related("entity", "county"), code=code)
    return render(
        request,
        "programmes/project.html",
        {
            "project": project,
            "grants": project.grants.all(),
            "indicators": project.indicators.all(),
            "can_edit": authz.may(request.user, Perm.PROGRAMME_EDIT),
        },
    )


def _labels_for(rows: list[dict[str, Any]], dims: tuple[str, ...]) -> list[dict[str, Any]]:
    """Replace codes by names for display (the export keeps the codes)."""
    programmes = {p.code: p.name for p in m.Programme.objects.all()}
    areas = {a.number: str(a) for a in m.PriorityArea.objects.all()}
    entities = {e.code: e.name for e in m.ProgrammeEntity.objects.all()}
    counties = {c.code: c.name for c in County.objects.all()}
    not_stated = _("not stated")
    lookup: dict[str, dict[Any, str]] = {
        "programme": programmes,
        "priority_area": areas,
        "region": counties,
        "entity": entities,
    }
    shown = []
    for row in rows:
        cells = []
        for d in dims:
            value = row[d]
            if value is None:
                text = _("whole entity, no region") if d == "region" else not_stated
            else:
                text = lookup.get(d, {}).get(value, str(value))
            cells.append(text)
        shown.append({**row, "cells": cells})
    return shown


def funding_report(request: HttpRequest) -> HttpResponse:
    requested = [d for d in request.GET.getlist("by") if d in FUNDING_DIMENSIONS]
    dims = tuple(dict.fromkeys(requested)) or ("programme", "year")
    rows = services.funding_rows_as_dicts(services.funding_report(dims))
    columns = [*dims, "amount_eur", "grants", "approximate"]
    export = request.GET.get("format")
    if export in TABULAR_FORMATS:
        return tabular_download(rows, columns, export, "funding")
    query = "&".join(f"by={d}" for d in dims)
    return render(
        request,
        "programmes/funding.html",
        {
            "dimensions": [(d, DIMENSION_LABELS[d], d in dims) for d in FUNDING_DIMENSIONS],
            "headers": [DIMENSION_LABELS[d] for d in dims],
            "rows": _labels_for(rows, dims),
            "query": query,
        },
    )


def timeline(request: HttpRequest) -> HttpResponse:
    names = {e.code: e.name for e in m.ProgrammeEntity.objects.all()}
    rows = [(r, names.get(r.entity, r.entity)) for r in services.timeline(request.GET.get("entity") or None)]
    return render(request, "programmes/timeline.html", {"rows": rows})


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(m.Indicator.objects.select_related("entity", "project"), code=code)
    return render(
        request,
        "programmes/indicator.html",
        {
            "indicator": indicator,
            "history": services.history_of(indicator),
            "can_edit": authz.may(request.user, Perm.PROGRAMME_EDIT),
        },
    )


# ---------------------------------------------------------------------------------------------------
# Maintenance (programme managers)


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.PROGRAMME_EDIT)
    return render(
        request,
        "programmes/manage.html",
        {
            "entities": m.ProgrammeEntity.objects.select_related("programme"),
            "projects": m.Project.objects.select_related("entity", "county"),
            "grants": m.Grant.objects.select_related("entity", "project"),
            "indicators": m.Indicator.objects.all(),
        },
    )


def _edit(request: HttpRequest, form: Any, title: str, done_url: str) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Saved."))
        return redirect(done_url)
    return render(
        request, "programmes/edit.html", {"form": form, "title": title}, status=422 if form.errors else 200
    )


@login_required
def entity_add(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.PROGRAMME_EDIT)
    form = forms.EntityCreateForm(request.POST or None)
    return _edit(request, form, _("Add programme entity"), reverse("programmes:manage"))


@login_required
def entity_edit(request: HttpRequest, code: str) -> HttpResponse:
    authz.require(request.user, Perm.PROGRAMME_EDIT)
    entity = get_object_or_404(m.ProgrammeEntity, code=code)
    form = forms.EntityForm(request.POST or None, instance=entity)
    return _edit(request, form, _("Edit programme entity"), reverse("programmes:entity", args=[entity.code]))


@login_required
def project_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    authz.require(request.user, Perm.PROGRAMME_EDIT)
    project = get_object_or_404(m.Project, code=code) if code else None
    form = forms.ProjectForm(request.POST or None, instance=project)
    title = _("Edit project") if project else _("Add project")
    return _edit(request, form, title, reverse("programmes:manage"))


@login_required
def grant_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    authz.require(request.user, Perm.PROGRAMME_EDIT)
    grant = get_object_or_404(m.Grant, code=code) if code else None
    form = forms.GrantForm(request.POST or None, instance=grant)
    title = _("Edit grant") if grant else _("Add grant")
    return _edit(request, form, title, reverse("programmes:manage"))


@login_required
def indicator_add(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.PROGRAMME_EDIT)
    form = forms.IndicatorForm(request.POST or None)
    return _edit(request, form, _("Add indicator"), reverse("programmes:manage"))


@login_required
def indicator_value_add(request: HttpRequest, code: str) -> HttpResponse:
    authz.require(request.user, Perm.PROGRAMME_EDIT)
    indicator = get_object_or_404(m.Indicator, code=code)
    form = forms.IndicatorValueForm(request.POST or None, instance=m.IndicatorValue(indicator=indicator))
    return _edit(
        request, form, _("Add indicator value"), reverse("programmes:indicator", args=[indicator.code])
    )
