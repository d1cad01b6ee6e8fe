"""The professional UI: worklist, referral, client and episode pages, and a form for every step.

Views are thin: they check the form's shape and call :mod:`porras.care.services`, which decides
authorisation, writes the audit log and applies the rules. A rule broken shows as a form error on
the field it names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from porras.accounts import audit, authz
from porras.accounts.roles import Perm, Role
from porras.care import choices, episode_sections, forms, services
from porras.care.charts import instrument_charts
from porras.care.domain.episodes import WorklistOrder
from porras.care.models import Appointment, Client, Correction, Episode, Measurement
from porras.care.notices import episode_notices
from porras.instruments.domain import UnknownInstrument, list_instruments, load_instrument
from porras.lib import numbers, reasons
from porras.lib.errors import Conflict, InputError, NotFound, TooManyRequests
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


def _attempt(request: HttpRequest, form: django_forms.Form, action: Callable[[], Any],
             refused: dict[str, Any] | None = None) -> Any:
    """Run a service call; turn rule errors into form errors, a stale version into a message. A second
    open episode refused is put in ``refused`` (``open_episode``) for the page to link to."""
    try:
        return action()
    except InputError as exc:
        _apply_errors(form, exc)
    except services.DetailsConflict as exc:
        for field in exc.fields:
            form.add_error(field if field in form.fields else None,
                           _("Differs from the client's record in this county's register. Check it: nothing "
                             "was saved."))
    except services.OpenEpisodeExists as exc:
        if refused is not None:
            refused["open_episode"] = exc.episode_id
        form.add_error(None, _("This client already has an open episode in this unit. Continue it, or give a reason "
                               "to open a second one beside it."))
    except services.EpisodeVoided:
        form.add_error(None, _("This episode was voided as entered in error: nothing can be added to it."))
    except Conflict:
        form.add_error(None, _("Someone else changed this episode meanwhile. Reload the page and try again."))
    return None


def _int_param(request: HttpRequest, name: str, default: int) -> int:
    value = request.GET.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 7 else default


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    services.require_client_access(request, Perm.CLIENT_READ, "worklist.read")
    is_manager = authz.has_role(request.user, Role.UNIT_MANAGER)
    show_all = request.GET.get("all", "1" if is_manager else "0") == "1"
    order = request.GET.get("order", "")
    if order not in list(WorklistOrder):
        order = WorklistOrder.ATTENTION
    page = _int_param(request, "page", 1)
    try:
        listing = services.worklist(request, mine_only=not show_all, page=max(page, 1), order=order)
    except InputError:  # a page past the end: the last one
        listing = services.worklist(request, mine_only=not show_all, page=1, order=order)
    overdue = services.overdue_followups(request)
    return render(request, "care/worklist.html", {
        "listing": listing, "rows": listing.rows, "show_all": show_all, "overdue": overdue, "order": order,
        "orders": choices.WORKLIST_ORDERS, "find_form": forms.FindClientForm(),
        "units": authz.unit_scope(request.user, Perm.CLIENT_READ),
        "may_write": authz.may(request.user, Perm.CLIENT_WRITE),
        "sections": episode_sections.worklist(request),
    })


@login_required
def find_client(request: HttpRequest) -> HttpResponse:
    """Find a client of one's units by identity code, local identifier or episode number. The value
    is posted (never in a URL) and not shown again; one client found opens its page."""
    services.require_client_access(request, Perm.CLIENT_READ, "client.search")
    form = forms.FindClientForm(request.POST or None)
    found: list[Client] | None = None
    if request.method == "POST" and form.is_valid():
        by, value = form.cleaned_data["system"], form.cleaned_data["value"]

        def search() -> list[Client]:
            try:
                return services.find_clients(request, by, value)
            except InputError as exc:  # the service names the API's parameter; the form's field is "value"
                raise InputError([{**e, "field": "value"} for e in exc.errors]) from None

        found = _attempt(request, form, search)
        if found is not None and len(found) == 1:
            messages.success(request, _("Client found."))
            return redirect("care:client", found[0].pk)
    return render(request, "care/find.html", {"form": form, "found": found, "searched": found is not None})


def _client_input(data: dict[str, Any]) -> services.ClientInput:
    return services.ClientInput(
        identifier_system=data["identifier_system"], identifier_value=data["identifier_value"],
        birth_year=data["birth_year"], sex=data["sex"] or None, county=data["county"].code,
        language=data["language"], unit=data["unit"].code, local_identifier=data.get("local_identifier") or "",
    )


@login_required
def referral_new(request: HttpRequest) -> HttpResponse:
    services.require_client_access(request, Perm.CLIENT_WRITE, "episode.create")
    units = authz.unit_scope(request.user, Perm.CLIENT_WRITE)
    form = forms.ReferralForm(request.POST or None, units=units)
    refused: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def act() -> Episode:
            return services.register_referral(request, _client_input(data), data["referral_date"], data["concerns"],
                                              data["referral_source"],
                                              second_episode_reason=data["second_episode_reason"])

        episode = _attempt(request, form, act, refused)
        if episode is not None:
            messages.success(request, _("The referral was registered."))
            return redirect("care:episode", episode.pk)
    return render(request, "care/referral.html", {
        "form": form, "title": _("Register a referral"), "submit": _("Register the referral"),
        "open_episode": refused.get("open_episode"),
    })


@login_required
@require_POST
def referral_from_assessment(request: HttpRequest) -> HttpResponse:
    """Start a referral from a resident's saved self-assessment. Reached from the page that opened it,
    with its code in the posted form (never in a URL): first the form, filled from the self-assessment;
    then the referral, with the answers as the episode's baseline measurements."""
    services.require_client_access(request, Perm.CLIENT_WRITE, "episode.create")
    units = authz.unit_scope(request.user, Perm.CLIENT_WRITE)
    refused: dict[str, Any] = {}
    code = request.POST.get("code", "")[:40]
    if request.POST.get("stage") == "start":
        try:
            assessment = services.read_self_assessment(request, code)
        except TooManyRequests:
            messages.error(request, _("Too many codes that did not match. Try again in 15 minutes."))
            return redirect("navigator:open")
        except NotFound:
            messages.error(request, _("No saved self-assessment has this code, or it has expired."))
            return redirect("navigator:open")
        form = forms.AssessmentReferralForm(units=units, initial={
            "code": code, "stage": "submit", "referral_date": assessment.saved_on, "concerns": assessment.concerns,
            "language": assessment.language if assessment.language in dict(choices.LANGUAGES) else "fi",
            "county": assessment.county or None,
        })
    else:
        form = forms.AssessmentReferralForm(request.POST, units=units)
        assessment = None
        if form.is_valid():
            data = form.cleaned_data

            def act() -> Episode:
                return services.referral_from_assessment(
                    request, data["code"], _client_input(data), data["referral_date"], data["concerns"],
                    second_episode_reason=data["second_episode_reason"])

            try:
                episode = _attempt(request, form, act, refused)
            except TooManyRequests:
                messages.error(request, _("Too many codes that did not match. Try again in 15 minutes."))
                return redirect("navigator:open")
            except NotFound:
                messages.error(request, _("No saved self-assessment has this code, or it has expired."))
                return redirect("navigator:open")
            if episode is not None:
                messages.success(request, _("The referral was registered with the self-assessment's answers as its "
                                            "baseline."))
                return redirect("care:episode", episode.pk)
    return render(request, "care/referral.html", {
        "form": form, "title": _("Start a referral from a self-assessment"), "submit": _("Register the referral"),
        "open_episode": refused.get("open_episode"), "assessment": assessment,
        "action": "care:referral_from_assessment",
    })


@login_required
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    client = services.read_client(request, client_id)
    episodes = services.list_episodes(request, client_id=client.pk)
    scores = services.last_scores([e.pk for e in episodes if not e.voided])
    for e in episodes:
        e.open_flag_count = e.risk_flags.filter(acknowledged_at__isnull=True).count()  # type: ignore[attr-defined]
        e.last_scores = scores.get(e.pk, [])  # type: ignore[attr-defined]
        e.next_appointment = (e.appointments.filter(status="booked", voided_at__isnull=True,  # type: ignore[attr-defined]
                                                    date__gte=timezone.localdate()).order_by("date").first())
    return render(request, "care/client.html", {"client": client, "episodes": episodes})


def _shown(name: str, value: Any) -> str:
    """A value of a corrected field as the history shows it."""
    if value is None or value == "" or value == []:
        return "—"
    if name.endswith("date") and isinstance(value, str):
        try:
            return f"{dt.date.fromisoformat(value):%d.%m.%Y}"
        except ValueError:
            return value
    labels = {"kind": choices.APPOINTMENT_KINDS, "status": choices.APPOINTMENT_STATUSES,
              "referral_source": choices.REFERRAL_SOURCES}
    if name in labels:
        return choices.label(labels[name], value)
    if name == "concerns" and isinstance(value, list):
        return ", ".join(choices.label(choices.CONCERNS, c) for c in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def correction_rows(corrections: list[Correction]) -> list[dict[str, Any]]:
    """The episode's history of corrections, readable: what, who, when, why and what changed."""
    rows = []
    for c in corrections:
        changes = [(choices.CORRECTED_FIELDS[name], _shown(name, pair[0]), _shown(name, pair[1]))
                   for name, pair in c.changes.items() if name in choices.CORRECTED_FIELDS]
        rows.append({"correction": c, "record": choices.label(choices.CORRECTED_RECORDS, c.record_type),
                     "action": choices.label(choices.CORRECTION_ACTIONS, c.action), "changes": changes,
                     "replaced_by": c.changes.get("replaced_by")})
    return rows


@login_required
def episode_detail(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = services.read_episode(request, episode_id)
    contents = services.episode_contents(request, episode, current_language())
    return render(request, "care/episode.html", {
        "episode": episode,
        "client": episode.client,
        "appointments": contents.appointments,
        "voided_appointments": contents.voided_appointments,
        "measurements": contents.measurements,
        "voided_measurements": contents.voided_measurements,
        "charts": instrument_charts(contents.measurements, current_language()),
        "corrections": correction_rows(list(episode.corrections.all())),
        "opened_beside": episode.opened_beside,
        "acknowledged_flags": contents.acknowledged_flags,
        "open_flags": contents.open_flags,
        "safety_plans": list(episode.safety_plans.all()),
        "followups": list(episode.followups.all()),
        "step_changes": list(episode.step_changes.all()),
        "transfers": list(episode.transfers.select_related("from_unit", "to_unit")),
        "intervention": episode.intervention_label(current_language()) if episode.intervention else "",
        "concern_labels": episode.concern_labels(),
        "instruments": list_instruments(),
        "note_form": forms.NoteForm(),
        "may_write": authz.may(request.user, Perm.CLIENT_WRITE, episode.unit) and not episode.voided,
        "sections": episode_sections.collect(request, episode),
        "notices": episode_notices(episode),
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
def episode_children(request: HttpRequest, episode_id: int) -> HttpResponse:
    """The children of the client (yes / no / not known, the discussion with the parent, a referral to
    family services): one small form, written through update_episode (audited, versioned)."""
    def act(episode: Episode, d: dict[str, Any]) -> Any:
        has = d["minor_children"] == "yes"
        return services.update_episode(request, episode.pk, d["version"], {
            "minor_children": d["minor_children"],
            "children_discussed_date": d["children_discussed_date"] if has else None,
            "children_discussion_method": (d["children_discussion_method"] or None) if has else None,
            "family_referral_date": d["family_referral_date"] if has else None,
            "family_service": d["family_service"].pk if has and d["family_service"] else None,
        })
    episode = services.get_episode(request, episode_id, Perm.CLIENT_WRITE, "episode.form")
    initial = {"minor_children": episode.minor_children, "children_discussed_date": episode.children_discussed_date,
               "children_discussion_method": episode.children_discussion_method,
               "family_referral_date": episode.family_referral_date, "family_service": episode.family_service_id}
    return _episode_form(request, episode_id, forms.ChildrenForm, _("The client's children"), _("Save"), act,
                         initial=initial, success=_("The children's details were saved."),
                         services=services.family_services(episode))


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
    appointments = list(episode.appointments.exclude(status="cancelled").filter(voided_at__isnull=True))
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


# ------------------------------------------------------------------------------ corrections

_AUTHORISE: dict[str, Callable[[Any, int, str], Episode]] = {"measurement": services.authorise_measurement, "appointment": services.authorise_appointment}
_READ_ACTION = {"measurement": "measurement.read", "appointment": "appointment.read"}  # each with its audit name


def _record(request: HttpRequest, model: Any, record_id: int, object_type: str, action: str) -> tuple[Episode, Any]:
    """The record to correct and its episode, if the user may write there (another unit's: 404); the
    form's read of the record is audited."""
    episode = _AUTHORISE[object_type](request, record_id, action)
    record = model.objects.get(pk=record_id)
    audit.record(request, _READ_ACTION[object_type], object_type, record.pk, detail={"episode": episode.pk, "form": action})
    return episode, record


def _done(request: HttpRequest, form: django_forms.Form, action: Callable[[dict[str, Any]], Any]) -> bool:
    """Whether a posted form was valid and its action succeeded (else the form carries the errors)."""
    return (request.method == "POST" and form.is_valid()
            and _attempt(request, form, lambda: action(form.cleaned_data)) is not None)


def _correction_page(request: HttpRequest, form: django_forms.Form, episode: Episode, title: str, submit: str,
                     record: Any = None, kind: str = "") -> HttpResponse:
    return render(request, "care/correction_form.html", {"form": form, "title": title, "submit": submit,
                                                         "episode": episode, "record": record, "kind": kind})


@login_required
def measurement_void(request: HttpRequest, measurement_id: int) -> HttpResponse:
    episode, measurement = _record(request, Measurement, measurement_id, "measurement", "measurement.void")
    form = forms.VoidForm(request.POST or None)
    if _done(request, form, lambda d: services.void_measurement(request, measurement_id, d["reason"])):
        messages.success(request, _("The measurement was voided. It no longer shows in charts or reports."))
        return redirect("care:episode", episode.pk)
    return _correction_page(request, form, episode, _("Void a measurement entered in error"), _("Void"),
                            measurement, "measurement")


@login_required
def measurement_correct(request: HttpRequest, measurement_id: int) -> HttpResponse:
    episode, measurement = _record(request, Measurement, measurement_id, "measurement", "measurement.correct")
    instrument = load_instrument(measurement.instrument)
    if measurement.response is None:  # an imported total: nothing to re-score; void it and record anew
        messages.error(request, _("This measurement was imported as a total without answers: void it and record a "
                                  "new one instead."))
        return redirect("care:episode", episode.pk)
    language = current_language()
    initial = {"date": measurement.date, **{f"item_{item.id}": answer
                                            for item, answer in zip(instrument.items, measurement.answers or [],
                                                                    strict=False)}}
    form = forms.MeasurementCorrectForm(request.POST or None, instrument=instrument, appointments=[],
                                        language=language, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        new = _attempt(request, form, lambda: services.correct_measurement(
            request, measurement_id, d["reason"], date=d["date"], answers=form.answers(), source="ui"))
        if new is not None:
            messages.success(request, _("%(instrument)s corrected: total %(total)s.") % {
                "instrument": instrument.abbreviation, "total": f"{new.total:g}"})
            if new.risk_flags.exists():
                messages.warning(request, _("A risk answer was given. Assess suicide risk now and acknowledge the flag."))
            return redirect("care:episode", episode.pk)
    return render(request, "care/measurement_form.html", {
        "form": form, "episode": episode, "instrument": instrument, "correcting": measurement,
        "instrument_name": instrument.name.get(language) or instrument.abbreviation,
        "instructions": (instrument.instructions or {}).get(language, ""),
        "wording_note": instrument.wording_note,
    })


@login_required
def appointment_void(request: HttpRequest, appointment_id: int) -> HttpResponse:
    episode, appointment = _record(request, Appointment, appointment_id, "appointment", "appointment.void")
    form = forms.VoidForm(request.POST or None)
    if _done(request, form, lambda d: services.void_appointment(request, appointment_id, d["reason"])):
        messages.success(request, _("The appointment was voided."))
        return redirect("care:episode", episode.pk)
    return _correction_page(request, form, episode, _("Void an appointment entered in error"), _("Void"),
                            appointment, "appointment")


@login_required
def appointment_correct(request: HttpRequest, appointment_id: int) -> HttpResponse:
    episode, appointment = _record(request, Appointment, appointment_id, "appointment", "appointment.correct")
    form = forms.AppointmentCorrectForm(request.POST or None, initial={
        "date": appointment.date, "kind": appointment.kind, "status": appointment.status})
    if _done(request, form, lambda d: services.correct_appointment(
            request, appointment_id, d["reason"], date=d["date"], kind=d["kind"], status=d["status"])):
        messages.success(request, _("The appointment was corrected."))
        return redirect("care:episode", episode.pk)
    return _correction_page(request, form, episode, _("Correct an appointment"), _("Save the correction"),
                            appointment, "appointment")


@login_required
def episode_void(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = services.get_episode(request, episode_id, Perm.CLIENT_WRITE, "episode.form")
    form = forms.EpisodeVoidForm(request.POST or None, initial={"version": episode.version})
    if _done(request, form, lambda d: services.void_episode(request, episode_id, d["version"], d["reason"])):
        messages.success(request, _("The referral was voided. Its episode no longer shows in work lists, charts or "
                                    "reports."))
        return redirect("care:client", episode.client_id)
    return _correction_page(request, form, episode, _("Void a referral entered in error"), _("Void the referral"),
                            episode, "episode")


@login_required
def episode_correct(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = services.get_episode(request, episode_id, Perm.CLIENT_WRITE, "episode.form")
    form = forms.ReferralCorrectForm(request.POST or None, initial={
        "version": episode.version, "referral_date": episode.referral_date,
        "referral_source": episode.referral_source, "concerns": episode.concerns})
    if _done(request, form, lambda d: services.correct_referral(
            request, episode_id, d["version"], d["reason"], {k: d[k] for k in services.REFERRAL_FIELDS})):
        messages.success(request, _("The referral was corrected."))
        return redirect("care:episode", episode.pk)
    return _correction_page(request, form, episode, _("Correct the referral"), _("Save the correction"))
