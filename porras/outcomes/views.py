"""Dashboard for managers and analysts: a report as a table and a bar chart, with downloads."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from porras.accounts import authz
from porras.accounts.roles import Perm
from porras.lib import numbers
from porras.outcomes.charts import bar_chart_svg, group_label
from porras.outcomes.domain.definitions import GROUP_KEYS
from porras.outcomes.domain.engine import ReportError, measure_columns, parse_group_by
from porras.outcomes.domain.writers import FORMATS, MEDIA_TYPES
from porras.outcomes.domain.writers import render as render_report
from porras.outcomes.labels import COLUMN_LABELS, GROUP_LABELS, label
from porras.outcomes.services import run_for_user

KIND_CHOICES = [("outcomes", _("Outcomes")), ("access", _("Access"))]

# What the UI says when a report cannot be made, by the field the error names.
ERROR_MESSAGES = {
    "report": _("Unknown report."),
    "group_by": _("Unknown grouping."),
    "source": _("The data source of the reports is not available. Ask the administrator."),
}


def _error_message(exc: ReportError) -> str:
    field = str(exc).partition(":")[0]
    return str(ERROR_MESSAGES.get(field, ERROR_MESSAGES["source"]))


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=KIND_CHOICES, initial="outcomes")
    group_by = forms.MultipleChoiceField(
        label=_("Group by"),
        choices=[(k, GROUP_LABELS[k]) for k in GROUP_KEYS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    county = forms.ChoiceField(label=_("County"), required=False)
    chart = forms.ChoiceField(label=_("Chart"), required=False)

    def __init__(self, *args: object, counties: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["county"].choices = [("", _("All in my scope")), *counties]  # type: ignore[attr-defined]
        rates = [c for c in COLUMN_LABELS if c.endswith("_rate")]
        self.fields["chart"].choices = [(c, COLUMN_LABELS[c]) for c in rates]  # type: ignore[attr-defined]


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if value is True:
        return gettext("yes")
    if value is False:
        return gettext("no")
    if isinstance(value, float):
        return numbers.number(value, 3)
    return str(value)


def _counties(request: HttpRequest) -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in authz.county_scope(request.user, Perm.AGGREGATE_READ)]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.AGGREGATE_READ)
    form = ReportForm(request.GET or None, counties=_counties(request))
    context: dict[str, object] = {"form": form}
    if form.is_valid():
        kind = form.cleaned_data["kind"]
        keys = tuple(k for k in GROUP_KEYS if k in form.cleaned_data["group_by"])
        county = form.cleaned_data["county"] or None
        chart_column = form.cleaned_data["chart"] or (
            "recovery_rate" if kind == "outcomes" else "care_guarantee_rate"
        )
        if chart_column not in measure_columns(kind):
            chart_column = "recovery_rate" if kind == "outcomes" else "care_guarantee_rate"
        try:
            report = run_for_user(request.user, kind, keys, county=county)
        except ReportError as exc:
            context["error"] = _error_message(exc)
        else:
            columns = list(report.columns)
            context.update(
                report=report,
                headers=[label(c) for c in columns],
                rows=[[_cell(g[c]) for c in columns] for g in report.groups],
                chart=mark_safe(  # noqa: S308 - built from escaped text in charts.py
                    bar_chart_svg(
                        [(group_label(g, keys, gettext("All")), g[chart_column]) for g in report.groups],
                        title=label(chart_column),
                        suppressed_text=gettext("suppressed"),
                    )
                ),
                chart_title=label(chart_column),
                downloads=[
                    (
                        fmt.upper(),
                        f"?{urlencode({'kind': kind, 'group_by': ','.join(keys), 'county': county or '', 'format': fmt})}",
                    )
                    for fmt in FORMATS
                ],
                version=report.definitions.version,
                sources=report.sources(),
                disclosure=report.policy,
            )
    return render(request, "outcomes/dashboard.html", context)


@login_required
def download(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.AGGREGATE_READ)
    kind = request.GET.get("kind", "outcomes")
    fmt = request.GET.get("format", "json")
    if fmt not in FORMATS:
        return HttpResponse(gettext("Unknown format."), status=400, content_type="text/plain; charset=utf-8")
    try:
        keys = parse_group_by(request.GET.get("group_by", ""))
        report = run_for_user(request.user, kind, keys, county=request.GET.get("county") or None)
    except ReportError as exc:
        return HttpResponse(_error_message(exc), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(render_report(report, fmt), content_type=MEDIA_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="porras-{kind}.{fmt}"'
    return response
