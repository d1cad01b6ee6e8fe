"""The professional UI: worklist, referral, client and episode pages, and a form for every step.

Views are thin: they check the form's shape and call :mod:`porras.care.services`, which decides
authorisation, writes the audit log and applies the rules. A rule broken shows as a form error on
the field it names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from porras.accounts import authz
from porras.accounts.roles import Perm, Role
from porras.care import forms, services
from porras.care.charts import instrument_charts
from porras.care.models import Episode
from porras.instruments.domain import UnknownInstrument, list_instruments, load_instrument
from porras.lib import numbers, reasons
from porras.lib.errors import Conflict, InputError
from porras.lib.language import current_language


def _reason(error: dict[str, Any]) -> str:
    """A service's reason in the UI language (porras.care.messages lists those forms meet)."""
    return reasons.sentence(str(error.get("reason") or ""))


def _apply_errors(form: django_forms.Form, exc: InputError) -> None:
    for error in exc.errors:
        field = str(error.get("field") or "").replace(".", "_")  # identifier.value -> identifier_value
        if "item" in error and error["item"] is not None and f"item_{error['item']}" in form.fields:
            form.add_error(f"item_{error['item']}", _reason(error))
        elif field in form.fields:
            form.add_error(field, _reason(error))
        else:
            form.add_error(None, _reason(error))


def _attempt(request: HttpRequest, form: django_forms.Form, action: Callable[[], Any]) -> Any:
    """Run a service call; turn rule errors into form errors, a stale version into a message."""
    try:
        return action()
    except InputError as exc:
        _apply_errors(form, exc)
    except services.DetailsConflict as exc:
        for field in exc.fields:
            form.add_error(field if field in form.fields else None,
                           _("Differs from the client's record in this county's register. Check it: nothing "
                             "was saved."))
    except Conflict:
        form.add_error(None, _("Someone else changed this episode meanwhile. Reload the page and try again."))
    return None


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    services.require_client_access(request, Perm.CLIENT_READ, "worklist.read")
    is_manager = authz.has_role(request.user, Role.UNIT_MANAGER)
    show_all = request.GET.get("all", "1" if is_manager else "0") == "1"
    rows = services.worklist(request, mine_only=not show_all)
    overdue = services.overdue_followups(request)
    return render(request, "care/worklist.html", {
        "rows": rows, "show_all": show_all, "overdue": overdue,
        "units": authz.unit_scope(request.user, Perm.CLIENT_READ),
        "may_write": authz.may(request.user, Perm.CLIENT_WRITE),
    })


@login_required
def referral_new(request: HttpRequest) -> HttpResponse:
    services.require_client_access(request, Perm.CLIENT_WRITE, "episode.create")
    units = authz.unit_scope(request.user, Perm.CLIENT_WRITE)
    form = forms.ReferralForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def act() -> Episode:
            return services.register_referral(request, services.ClientInput(
                identifier_system=data["identifier_system"], identifier_value=data["identifier_value"],
                birth_year=data["birth_year"], sex=data["sex"] or None, county=data["county"].code,
                language=data["language"], unit=data["unit"].code,
            ), data["referral_date"], data["concerns"], data["referral_source"])

        episode = _attempt(request, form, act)
        if episode is not None:
            messages.success(request, _("The referral was registered."))
            return redirect("care:episode", episode.pk)
    return render(request, "care/form.html", {
        "form": form, "title": _("Register a referral"), "submit": _("Register the referral"),
    })


@login_required
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    client = services.read_client(request, client_id)
    episodes = services.list_episodes(request, client_id=client.pk)
    for e in episodes:
        e.open_flag_count = e.risk_flags.filter(acknowledged_at__isnull=True).count()  # type: ignore[attr-defined]
    return render(request, "care/client.html", {"client": client, "episodes": episodes})


@login_required
def episode_detail(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = services.read_episode(request, episode_id)
    measurements = list(episode.measurements.prefetch_related("risk_flags"))
    open_flags = services.open_risk_flags(request, episode)
    acknowledged_flags = list(episode.risk_flags.filter(acknowledged_at__isnull=False).select_related("measurement"))
    for flag in open_flags + acknowledged_flags:  # the question's text and the answer's label
        flag.words = flag.in_words(current_language())  # type: ignore[attr-defined]
    return render(request, "care/episode.html", {
        "episode": episode,
        "client": episode.client,
        "appointments": list(episode.appointments.all()),
        "measurements": measurements,
        "charts": instrument_charts(measurements, current_language()),
        "acknowledged_flags": acknowledged_flags,
        "open_flags": open_flags,
        "safety_plans": list(episode.safety_plans.all()),
        "followups": list(episode.followups.all()),
        "step_changes": list(episode.step_changes.all()),
        "transfers": list(episode.transfers.select_related("from_unit", "to_unit")),
        "intervention": episode.intervention_label(current_language()) if episode.intervention else "",
        "concern_labels": episode.concern_labels(),
        "instruments": list_instruments(),
        "note_form": forms.NoteForm(),
        "may_write": authz.may(request.user, Perm.CLIENT_WRITE, episode.unit),
    })


def _episode_form(request: HttpRequest, episode_id: int, form_class: type[django_forms.Form], title: str,
                  submit: str, action: Callable[[Episode, dict[str, Any]], Any], *, initial: dict | None = None,
                  success: str = "", **form_kwargs: Any) -> HttpResponse:
    episode = services.get_episode(request, episode_id, Perm.CLIENT_WRITE, "episode.form")
    start = {"version": episode.version, **(initial or {})}
    form = form_class(request.POST or None, initial=start, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        result = _attempt(request, form, lambda: action(episode, form.cleaned_data))
        if result is not None:
            if success:
                messages.success(request, success)
            return redirect("care:episode", episode.pk)
    return render(request, "care/form.html", {"form": form, "title": title, "submit": submit, "episode": episode})


@login_required
def episode_assessment(request: HttpRequest, episode_id: int) -> HttpResponse:
    def act(episode: Episode, d: dict[str, Any]) -> Any:
        return services.update_episode(request, episode.pk, d["version"], {
            "assessment_date": d["assessment_date"], "step": d["step"], "intervention": d["intervention"] or None,
        })
    return _episode_form(request, episode_id, forms.AssessmentForm, _("Record the assessment"), _("Save"), act,
                         success=_("The assessment was saved."))


@login_required
def episode_step(request: HttpRequest, episode_id: int) -> HttpResponse:
    def act(episode: Episode, d: dict[str, Any]) -> Any:
        changes: dict[str, Any] = {"step": d["step"], "step_reason": d["reason"]}
        if d["intervention"]:
            changes["intervention"] = d["intervention"]
        return services.update_episode(request, episode.pk, d["version"], changes)
    return _episode_form(request, episode_id, forms.StepForm, _("Step care up or down"), _("Save"), act,
                         success=_("The step of care was changed."))


@login_required
def episode_transfer(request: HttpRequest, episode_id: int) -> HttpResponse:
    def act(episode: Episode, d: dict[str, Any]) -> Any:
        return services.transfer_episode(request, episode.pk, d["version"], d["to_unit"].code, d["date"], d["reason"])
    episode = services.get_episode(request, episode_id, Perm.CLIENT_WRITE, "episode.form")
    form = forms.TransferForm(request.POST or None, initial={"version": episode.version},
                              units=services.transfer_targets(episode))
    if request.method == "POST" and form.is_valid():
        done = _attempt(request, form, lambda: act(episode, form.cleaned_data))
        if done is not None:
            messages.success(request, _("The episode was transferred."))
            if authz.may(request.user, Perm.CLIENT_READ, done.unit):
                return redirect("care:episode", done.pk)
            return redirect("care:worklist")
    return render(request, "care/form.html", {"form": form, "title": _("Transfer to another unit"),
                                              "submit": _("Transfer"), "episode": episode})


@login_required
def episode_end(request: HttpRequest, episode_id: int) -> HttpResponse:
    def act(episode: Episode, d: dict[str, Any]) -> Any:
        return services.update_episode(request, episode.pk, d["version"],
                                       {"end_date": d["end_date"], "end_reason": d["end_reason"]})
    return _episode_form(request, episode_id, forms.EndForm, _("End the episode"), _("End the episode"), act,
                         success=_("The episode was ended."))


@login_required
def appointment_new(request: HttpRequest, episode_id: int) -> HttpResponse:
    def act(episode: Episode, d: dict[str, Any]) -> Any:
        return services.add_appointment(request, episode.pk, d["date"], d["kind"], d["status"])
    return _episode_form(request, episode_id, forms.AppointmentForm, _("Record an appointment"), _("Save"), act,
                         success=_("The appointment was saved."))


@login_required
def safety_plan(request: HttpRequest, episode_id: int) -> HttpResponse:
    plans = services.list_safety_plans(request, episode_id, Perm.CLIENT_WRITE) if request.method == "GET" else []
    latest = plans[0] if plans else None
    initial = {k: getattr(latest, k) for k in services.SAFETY_PLAN_FIELDS} if latest else None

    def act(ep: Episode, d: dict[str, Any]) -> Any:
        return services.save_safety_plan(request, ep.pk, d)
    return _episode_form(request, episode_id, forms.SafetyPlanForm, _("Safety plan"), _("Save as a new version"), act,
                         initial=initial, success=_("The safety plan was saved as a new version."))


@login_required
def followup_new(request: HttpRequest, episode_id: int) -> HttpResponse:
    def act(episode: Episode, d: dict[str, Any]) -> Any:
        return services.record_self_harm_contact(request, episode.pk, d["reason"], d["contact_date"])
    return _episode_form(request, episode_id, forms.FollowUpForm, _("Record a suicide-attempt or self-harm contact"),
                         _("Save and schedule the follow-up"), act, success=_("A follow-up was scheduled."))


@login_required
def measurement_new(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = services.get_episode(request, episode_id, Perm.CLIENT_WRITE, "measurement.form")
    instrument_id = request.GET.get("instrument") or request.POST.get("instrument") or ""
    try:
        instrument = load_instrument(instrument_id)
    except UnknownInstrument:
        return render(request, "care/choose_instrument.html", {"episode": episode, "instruments": list_instruments()})
    language = current_language()
    appointments = list(episode.appointments.exclude(status="cancelled"))
    form = forms.MeasurementForm(request.POST or None, instrument=instrument, appointments=appointments,
                                 language=language)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        m = _attempt(request, form, lambda: services.record_measurement(
            request, episode.pk, instrument.id, d["date"], form.answers(), appointment_id=d["appointment"],
            source="ui"))
        if m is not None:
            messages.success(request, _("%(instrument)s saved: total %(total)s.") % {
                "instrument": instrument.abbreviation, "total": numbers.number(m.total, most=1)})
            if m.risk_flags.exists():
                messages.warning(request, _("A risk answer was given. Assess suicide risk now and acknowledge the flag."))
            return redirect("care:episode", episode.pk)
    return render(request, "care/measurement_form.html", {
        "form": form, "episode": episode, "instrument": instrument,
        "instrument_name": instrument.name.get(language) or instrument.abbreviation,
        "instructions": (instrument.instructions or {}).get(language, ""),
        "wording_note": (instrument.wording_note or {}).get(language, ""),
    })


def _first_reason(exc: InputError) -> str:
    return _reason(exc.errors[0])


@login_required
@require_POST
def risk_flag_acknowledge(request: HttpRequest, flag_id: int) -> HttpResponse:
    episode = services.authorise_risk_flag(request, flag_id)
    try:
        services.acknowledge_risk_flag(request, flag_id, request.POST.get("note", ""))
        messages.success(request, _("The risk flag was acknowledged."))
    except InputError as exc:
        messages.error(request, _first_reason(exc))
    return redirect("care:episode", episode.pk)


@login_required
@require_POST
def followup_done(request: HttpRequest, followup_id: int) -> HttpResponse:
    episode = services.authorise_followup(request, followup_id)
    try:
        services.complete_followup(request, followup_id, request.POST.get("note", ""))
        messages.success(request, _("The follow-up was marked done."))
    except InputError as exc:
        messages.error(request, _first_reason(exc))
    return redirect("care:episode", episode.pk)


@login_required
@require_POST
def appointment_status(request: HttpRequest, appointment_id: int) -> HttpResponse:
    episode = services.authorise_appointment(request, appointment_id)
    try:
        services.set_appointment_status(request, appointment_id, request.POST.get("status", ""))
        messages.success(request, _("The appointment was updated."))
    except InputError as exc:
        messages.error(request, _first_reason(exc))
    return redirect("care:episode", episode.pk)
