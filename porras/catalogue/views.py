"""Public search and detail pages, and curation pages for unit/county managers and administrators."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from porras.accounts import authz
from porras.accounts.roles import Perm
from porras.catalogue import services
from porras.catalogue.domain import hours, rules, taxonomy, text
from porras.catalogue.forms import SearchForm, ServiceForm, initial_from
from porras.catalogue.models import PublicationStatus, Service
from porras.lib import reasons
from porras.lib.errors import InputError
from porras.lib.language import current_language


def _labels(service: Service) -> dict[str, list[str]]:
    lang = current_language()
    return {
        "categories": [taxonomy.term("categories", c).label(lang) for c in service.codes("category")],
        "channels": [taxonomy.term("channels", c).label(lang) for c in service.codes("channel")],
        "languages": [
            taxonomy.term("languages", c).label(lang)
            for c in service.codes("language")
            if c in taxonomy.codes("languages")
        ],
        "steps": [taxonomy.term("steps", str(s)).label(lang) for s in service.steps],
    }


def _search_error(error: InputError) -> str:
    """What the search page says about a refused search, in the page's language."""
    field = error.fields[0] if error.fields else ""
    if field == "page":
        return _("There is no such page of results.")
    if field == "q" and "no searchable words" in str(error):
        return _("The search words are too common to search with. Try other words.")
    if field == "q":
        return _("Search with at most %(words)d words and %(characters)d characters.") % {
            "words": text.MAX_QUERY_WORDS,
            "characters": text.MAX_QUERY_LENGTH,
        }
    return _("Check the search conditions.")


def _page_number(raw: str) -> int:
    """The requested page: a whole number, else 0 (which the search refuses, naming ``page``)."""
    return int(raw) if raw.isdigit() and len(raw) <= len(str(services.MAX_PAGE)) else 0


def search_view(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    page = None
    error = None
    searched = bool(request.GET)
    valid = form.is_valid() or not searched
    if valid:
        data = form.cleaned_data if searched else {}
        try:
            filters = rules.Filters.checked(
                county=data.get("county") or None,
                category=data.get("category") or None,
                age=data.get("age"),
                language=data.get("language") or None,
                channel=data.get("channel") or None,
                step=data.get("step") or None,
            )
            page = services.search(data.get("q") or None, filters, _page_number(request.GET.get("page") or "1"))
        except InputError as exc:
            error = _search_error(exc)
        except ValueError:
            error = _search_error(InputError([]))
    params: dict[str, str] = {
        key: request.GET[key] for key in request.GET if key != "page" and request.GET[key]
    }
    results = [(service, _labels(service)) for service in page.results] if page else []
    return render(
        request,
        "catalogue/search.html",
        {
            "form": form,
            "page": page,
            "results": results,
            "error": error,
            "searched": searched,
            "prev_url": f"?{urlencode({**params, 'page': str(page.page - 1)})}"
            if page and page.page > 1
            else None,
            "next_url": f"?{urlencode({**params, 'page': str(page.page + 1)})}"
            if page and page.page < page.pages
            else None,
        },
        # A refused search is the client's error (400); the page still shows the form and the reason.
        status=400 if error or not valid else 200,
    )


def _service_or_404(service_id: uuid.UUID, **filters: Any) -> Service:
    service = (
        Service.objects.filter(uuid=service_id, **filters)
        .select_related("county", "organization")
        .prefetch_related("terms", "at_locations__location")
        .first()
    )
    if service is None:
        raise Http404(_("Service not found."))
    return service


def _day_names() -> dict[str, str]:
    return {"MO": _("Mon"), "TU": _("Tue"), "WE": _("Wed"), "TH": _("Thu"), "FR": _("Fri"), "SA": _("Sat"),
            "SU": _("Sun")}


def opening_hours_in_words(schedule: hours.Hours) -> str:
    """"Mon–Fri 09:00–15:00" in the page's language (the schedule's own words are shown beside it)."""
    names = _day_names()
    days = ", ".join(names[a] if a == b else f"{names[a]}–{names[b]}" for a, b in schedule.days)
    times = f"{schedule.opens_at}–{schedule.closes_at}" if schedule.opens_at and schedule.closes_at else ""
    return " ".join(part for part in (days, times) if part)


def _phones(phones: list[Any]) -> list[dict[str, str]]:
    return [{"number": p.number, "dial": "".join(ch for ch in p.number if ch.isdigit() or ch == "+"),
             "description": p.description or ""} for p in phones if p.number]


def _place_name(name: str, language: str) -> str:
    """A place's official Swedish name on a Swedish page when the taxonomy has one (Fiskehamnen)."""
    names = taxonomy.place_aliases(name)
    return names[1] if language == "sv" and len(names) > 1 else name


def detail_view(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    """A service page: what it is, and how to reach it (phones, address, opening hours, web and booking
    links; what HSDS carries)."""
    service = _service_or_404(service_id, status=PublicationStatus.PUBLISHED)
    item = services.to_domain(service)
    schedules = [hours.hours_of(schedule) for schedule in item.schedules]
    places = []
    for at, stored in zip(item.service_at_locations, service.at_locations.all(), strict=False):
        location = at.location
        if location is None:
            continue
        language = current_language()
        area = [_place_name(name, language) for name in (location.district, location.municipality) if name]
        places.append({
            "location": stored.location,
            "area": ", ".join(area),
            "phones": _phones(location.phones + at.phones),
            "hours": [opening_hours_in_words(hours.hours_of(s)) for s in location.schedules + at.schedules],
        })
    return render(
        request,
        "catalogue/detail.html",
        {
            "service": service,
            "labels": _labels(service),
            "phones": _phones(item.phones),
            "opening_hours": [
                {"words": opening_hours_in_words(h), "description": h.description} for h in schedules
                if h.days or h.description
            ],
            "booking_url": next((h.booking_url for h in schedules if h.booking_url), ""),
            "places": places,
        },
    )


@login_required
def manage_view(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.CATALOGUE_EDIT)
    rows = services.editable_services(request.user).order_by("county__name_fi", "name_fi")
    return render(request, "catalogue/manage.html", {"services": rows})


@login_required
def create_view(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.CATALOGUE_EDIT)
    counties = services.editable_counties(request.user)
    form = ServiceForm(request.POST or None, counties=counties)
    if request.method == "POST" and form.is_valid():
        service = services.create_service(request.user, form.to_input())
        messages.success(request, _("The service was saved as a draft."))
        return redirect("catalogue:edit", service_id=service.uuid)
    return render(request, "catalogue/edit.html", {"form": form, "service": None})


def _problems(error: InputError) -> list[str]:
    """Each problem of a refused service as a sentence in the UI language, led by its field's label
    (porras.catalogue.messages lists the rules' reasons)."""
    found = []
    for problem in error.errors:
        name = str(problem.get("field") or "")
        text = reasons.sentence(str(problem.get("reason") or ""))
        field = ServiceForm.base_fields.get(name)
        found.append(f"{field.label}: {text}" if field is not None and field.label else text)
    return found


@login_required
def edit_view(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    service = _service_or_404(service_id)
    services.require_edit(request.user, service, "catalogue.service.update")
    counties = services.editable_counties(request.user)
    form = ServiceForm(request.POST or None, initial=initial_from(service), counties=counties)
    if request.method == "POST" and form.is_valid():
        try:
            service = services.update_service(
                request.user, service, form.to_input(), expected_version=form.cleaned_data.get("version")
            )
        except services.StaleEdit:
            messages.error(
                request, _("Someone else changed this service meanwhile. Reload the page and edit again.")
            )
            return render(request, "catalogue/edit.html", {"form": form, "service": service}, status=409)
        except services.CatalogueError as exc:
            for problem in _problems(exc):
                form.add_error(None, problem)
        else:
            messages.success(request, _("The service was saved."))
            return redirect("catalogue:edit", service_id=service.uuid)
    return render(request, "catalogue/edit.html", {"form": form, "service": service})


@login_required
@require_POST
def status_view(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    service = _service_or_404(service_id)
    status = request.POST.get("status", "")
    try:
        services.set_status(request.user, service, status)
    except services.CatalogueError as exc:
        messages.error(request, _("The service cannot be published yet: %(problems)s")
                       % {"problems": " ".join(_problems(exc))})
    except PermissionDenied:
        raise
    else:
        messages.success(request, _("The status was changed."))
    return redirect("catalogue:edit", service_id=service.uuid)
