"""Report pages for managers and analysts: a table and bars by group, a trend over periods and a
funnel plot comparing counties or units; every figure named and formatted in the user's language,
with the definitions beside it and the downloads of the same report."""

from __future__ import annotations

from typing import Any
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
from porras.outcomes import charts, names
from porras.outcomes.domain.definitions import DEFAULT_DEFINITIONS, GROUP_KEYS, GroupKey
from porras.outcomes.domain.engine import (
    ACCESS_MEDIANS,
    ACCESS_RATES,
    OUTCOME_RATES,
    RATES,
    ReportError,
    measure_columns,
    parse_group_by,
    parse_month,
    parse_months,
    report_of,
)
from porras.outcomes.domain.funnel import Position, curve
from porras.outcomes.domain.writers import FORMATS, MEDIA_TYPES
from porras.outcomes.domain.writers import render as render_report
from porras.outcomes.labels import COLUMN_LABELS, GROUP_LABELS, POSITION_LABELS, label
from porras.outcomes.services import comparison_for_user, run_for_user, trend_for_user

KIND_CHOICES = [("outcomes", _("Outcomes")), ("access", _("Access"))]
PERIOD_CHOICES = [("month", _("Month")), ("quarter", _("Quarter")), ("year", _("Year"))]
LEVEL_CHOICES = [("county", _("Counties")), ("unit", _("Units"))]
RATE_CHOICES = [
    (_("Outcomes"), [(r.name, COLUMN_LABELS[r.name]) for r in OUTCOME_RATES]),
    (_("Access"), [(r.name, COLUMN_LABELS[r.name]) for r in ACCESS_RATES]),
]
MEASURE_CHOICES = [
    RATE_CHOICES[0],
    (_("Access"), [*RATE_CHOICES[1][1], *((m.name, COLUMN_LABELS[m.name]) for m in ACCESS_MEDIANS)]),
]

# What the UI says when a report cannot be made, by the field the error names.
ERROR_MESSAGES = {
    "report": _("Unknown report."),
    "group_by": _("Unknown grouping."),
    "date_from": _("Give a month as year and month, for example 2025-03."),
    "date_to": _("Give a month as year and month, for example 2025-03."),
    "source": _("The data source of the reports is not available. Ask the administrator."),
}
MONTH_ERROR = ERROR_MESSAGES["date_from"]
ORDER_ERROR = _("The last month cannot be before the first.")
TOO_FINE_ERROR = _(
    "This grouping is too fine to be checked for small counts. Choose fewer groupings, quarters or "
    "years instead of months, or one county."
)


def _error_message(exc: ReportError) -> str:
    field, _sep, reason = str(exc).partition(":")
    if field == "date_to" and "before" in reason:
        return str(ORDER_ERROR)
    if field == "group_by" and "too fine" in reason:
        return str(TOO_FINE_ERROR)
    return str(ERROR_MESSAGES.get(field, ERROR_MESSAGES["source"]))


class MonthField(forms.CharField):
    """A month ``YYYY-MM`` (the browser's month picker where it has one)."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2025-03", "inputmode": "numeric"})

    def clean(self, value: Any) -> str | None:
        text = super().clean(value)
        try:
            return parse_month(text, "month")
        except ReportError:
            raise forms.ValidationError(MONTH_ERROR, code="month") from None


class FilterForm(forms.Form):
    """The filters every report page shares: a county within the user's scope and a range of months."""

    county = forms.ChoiceField(label=_("County"), required=False)
    date_from = MonthField(label=_("From month"), required=False)
    date_to = MonthField(label=_("To month"), required=False)

    def __init__(self, *args: Any, counties: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("All in my scope")), *counties]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and first > last:
            self.add_error("date_to", forms.ValidationError(ORDER_ERROR, code="order"))
        return data

    def months(self) -> tuple[str | None, str | None]:
        return self.cleaned_data.get("date_from") or None, self.cleaned_data.get("date_to") or None

    def filters(self) -> dict[str, str]:
        """The filters as query parameters (for the other report pages' links and the downloads)."""
        first, last = self.months()
        return {"county": self.cleaned_data.get("county") or "", "date_from": first or "", "date_to": last or ""}


class ReportForm(FilterForm):
    kind = forms.ChoiceField(label=_("Report"), choices=KIND_CHOICES, initial="outcomes")
    group_by = forms.MultipleChoiceField(
        label=_("Group by"),
        choices=[(k, GROUP_LABELS[k]) for k in GROUP_KEYS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    chart = forms.ChoiceField(label=_("Chart"), required=False, choices=MEASURE_CHOICES)
    field_order = ["kind", "group_by", "county", "date_from", "date_to", "chart"]


class TrendForm(FilterForm):
    measure = forms.ChoiceField(label=_("Measure"), choices=MEASURE_CHOICES, initial="recovery_rate")
    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, initial="quarter")
    field_order = ["measure", "period", "county", "date_from", "date_to"]


class CompareForm(FilterForm):
    measure = forms.ChoiceField(label=_("Rate"), choices=RATE_CHOICES, initial="recovery_rate")
    level = forms.ChoiceField(label=_("Compare"), choices=LEVEL_CHOICES, initial="unit")
    field_order = ["measure", "level", "county", "date_from", "date_to"]


def _counties(request: HttpRequest) -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in authz.county_scope(request.user, Perm.AGGREGATE_READ)]


def _bound(request: HttpRequest, form_class: type[FilterForm], defaults: dict[str, str]) -> FilterForm:
    """The page's form, bound to the query; on arrival (from the menu, or from another report page
    with only the filters) the page's own choices take their defaults, so a page shows a report at once."""
    data = request.GET.copy()
    if next(iter(defaults)) not in data:
        for key, value in defaults.items():
            if key not in data:
                data[key] = value
    return form_class(data, counties=_counties(request))


def _context(page: str, form: FilterForm) -> dict[str, Any]:
    filters = form.filters() if form.is_valid() else {}
    query = f"?{urlencode(filters)}" if any(filters.values()) else ""
    return {"form": form, "page": page, "filter_query": query, "defs": DEFAULT_DEFINITIONS}


def _cell_rows(report: Any, keys: tuple[str, ...], columns: list[str], group_names: names.GroupNames) -> list[list[str]]:
    return [
        [group_names.value(k, g[k]) for k in keys] + [names.cell(c, g[c]) for c in columns] for g in report.groups
    ]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.AGGREGATE_READ)
    form = _bound(request, ReportForm, {"kind": "outcomes", "group_by": "county", "chart": "recovery_rate"})
    context = _context("table", form)
    if form.is_valid():
        kind = form.cleaned_data["kind"]
        keys = tuple(k for k in GROUP_KEYS if k in form.cleaned_data["group_by"])
        county = form.cleaned_data["county"] or None
        chart_column = form.cleaned_data["chart"]
        if chart_column not in measure_columns(kind):
            chart_column = "recovery_rate" if kind == "outcomes" else "care_guarantee_rate"
        try:
            report = run_for_user(request.user, kind, keys, county=county, months=form.months())
        except ReportError as exc:
            context["error"] = _error_message(exc)
        else:
            group_names = names.GroupNames()
            measures = list(measure_columns(kind))
            everyone = gettext("All in the report")
            values = [g[chart_column] for g in report.groups]
            rate = chart_column.endswith("_rate")
            scale = 1.0 if rate else charts.nice_ceiling(max([v for v in values if v is not None], default=1.0))
            context.update(
                report=report,
                headers=[label(c) for c in (*keys, *measures)],
                rows=_cell_rows(report, keys, measures, group_names),
                chart=mark_safe(  # noqa: S308 - built from escaped text in charts.py
                    charts.bar_chart_svg(
                        "report-bars",
                        [(group_names.group(g, keys, everyone), g[chart_column]) for g in report.groups],
                        title=label(chart_column),
                        description=gettext("%(measure)s by group; the same figures are in the table below.")
                        % {"measure": label(chart_column)},
                        withheld_text=gettext("withheld"),
                        scale_max=scale,
                        fmt=(lambda v: numbers.percent(v, 0)) if rate else names.days,
                    )
                ),
                chart_title=label(chart_column),
                downloads=[
                    (fmt.upper(), f"?{urlencode({'kind': kind, 'group_by': ','.join(keys), **form.filters(), 'format': fmt})}")
                    for fmt in FORMATS
                ],
                version=report.definitions.version,
                disclosure=report.policy,
            )
    return render(request, "outcomes/dashboard.html", context)


@login_required
def trend(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.AGGREGATE_READ)
    form = _bound(request, TrendForm, {"measure": "recovery_rate", "period": "quarter"})
    context = _context("trend", form)
    if form.is_valid():
        measure = form.cleaned_data["measure"]
        period = GroupKey(form.cleaned_data["period"])
        try:
            report = trend_for_user(
                request.user, measure, period, county=form.cleaned_data["county"] or None, months=form.months()
            )
        except ReportError as exc:
            context["error"] = _error_message(exc)
        else:
            group_names = names.GroupNames()
            rate = measure in RATES
            base = RATES[measure].denominator if rate else next(m.count for m in ACCESS_MEDIANS if m.name == measure)
            points = [(group_names.value(period, g[period]), g[measure]) for g in report.groups]
            years = [str(g[period])[:4] for g in report.groups]
            axis = [y if i == 0 or y != years[i - 1] else "" for i, y in enumerate(years)]
            fmt = (lambda v: numbers.percent(v, 0)) if rate else names.days
            context.update(
                report=report,
                measure_label=label(measure),
                headers=[label(period), label(measure), label(base)],
                rows=[
                    [group_names.value(period, g[period]), names.cell(measure, g[measure]), names.cell(base, g[base])]
                    for g in report.groups
                ],
                chart=mark_safe(  # noqa: S308 - built from escaped text in charts.py
                    charts.trend_chart_svg(
                        "report-trend",
                        points,
                        title=gettext("%(measure)s by %(period)s")
                        % {"measure": label(measure), "period": label(period).lower()},
                        description=gettext(
                            "A line over the periods; a gap is a period whose figure is withheld. "
                            "The same figures are in the table below."
                        ),
                        rate=rate,
                        fmt=fmt,
                        axis_fmt=(lambda v: numbers.percent(v, 0)) if rate else (lambda v: numbers.number(v, 0)),
                        axis_labels=axis,
                    )
                ),
                kind=report_of(measure),
                version=report.definitions.version,
                disclosure=report.policy,
            )
    return render(request, "outcomes/trend.html", context)


POSITION_ORDER = (Position.ABOVE_998, Position.ABOVE_95, Position.BELOW_95, Position.BELOW_998)


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.AGGREGATE_READ)
    form = _bound(request, CompareForm, {"measure": "recovery_rate", "level": "unit"})
    context = _context("compare", form)
    if form.is_valid():
        measure = form.cleaned_data["measure"]
        level = GroupKey(form.cleaned_data["level"])
        try:
            comparison = comparison_for_user(
                request.user, measure, level, county=form.cleaned_data["county"] or None, months=form.months()
            )
        except ReportError as exc:
            context["error"] = _error_message(exc)
        else:
            group_names = names.GroupNames()
            placed = sorted(comparison.placed, key=lambda p: -p.n)
            outside = [
                (POSITION_LABELS[pos], [group_names.value(level, p.group[level]) for p in placed if p.position is pos])
                for pos in POSITION_ORDER
            ]
            context.update(
                comparison=comparison,
                measure_label=label(measure),
                level_label=label(level),
                denominator_label=(
                    label(RATES[measure].denominator) if RATES[measure].less is None
                    else gettext("Finished treatment, at caseness at the start")
                ),
                target=numbers.percent(comparison.target, 0) if comparison.target is not None else None,
                rows=[
                    [str(i), group_names.value(level, p.group[level]), numbers.number(p.n, 0),
                     numbers.percent(p.rate, 0), str(POSITION_LABELS[p.position])]
                    for i, p in enumerate(placed, start=1)
                ],
                outside=[(title, groups) for title, groups in outside if groups],
                unplaced=[group_names.value(level, g[level]) for g in comparison.unplaced],
                kind=report_of(measure),
                version=comparison.report.definitions.version,
                disclosure=comparison.report.policy,
            )
            if comparison.target is not None and placed:
                points = [
                    charts.FunnelPoint(i, group_names.value(level, p.group[level]), p.n, p.rate, p.position)
                    for i, p in enumerate(placed, start=1)
                ]
                end = charts.funnel_x_max(points)
                start = max(1.0, min(min(p.n for p in placed) * 0.5, end / 40))
                lines = curve(comparison.target, start, end, points=80)
                context["chart"] = mark_safe(  # noqa: S308 - built from escaped text in charts.py
                    charts.funnel_svg(
                        "report-funnel",
                        points,
                        comparison.target,
                        lines,
                        title=gettext("%(measure)s: %(level)s against the overall rate")
                        % {"measure": label(measure), "level": label(level).lower()},
                        description=gettext(
                            "Funnel plot: each mark is a group's rate against the number of episodes it is "
                            "calculated from. The solid line is the overall rate, dashed lines the 95 %% "
                            "limits and dotted lines the 99.8 %% limits around it. The same figures are in "
                            "the table below."
                        ),
                    )
                )
    return render(request, "outcomes/compare.html", context)


@login_required
def download(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.AGGREGATE_READ)
    kind = request.GET.get("kind", "outcomes")
    fmt = request.GET.get("format", "json")
    if fmt not in FORMATS:
        return HttpResponse(gettext("Unknown format."), status=400, content_type="text/plain; charset=utf-8")
    try:
        keys = parse_group_by(request.GET.get("group_by", ""))
        months = parse_months(request.GET.get("date_from"), request.GET.get("date_to"))
        report = run_for_user(request.user, kind, keys, county=request.GET.get("county") or None, months=months)
    except ReportError as exc:
        return HttpResponse(_error_message(exc), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(render_report(report, fmt), content_type=MEDIA_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="porras-{kind}.{fmt}"'
    return response
