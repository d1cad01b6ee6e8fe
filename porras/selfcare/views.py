"""Pages of digital care at steps 0 and 1.

* Anyone: the programmes, and the open ones' modules without signing in (progress kept in the
  browser's session, saved under a code on request).
* A client with a code: signs in (the code is exchanged for a sign-in kept in the session cookie,
  never in a URL), works through the programme's modules and measures, writes to the therapist, or
  answers the one questionnaire a code was sent for.
* Professionals: an episode's digital care (assign, send a questionnaire, progress, feedback,
  messages, revoke) and the programmes' work list.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from porras.accounts import authz
from porras.accounts.roles import Perm
from porras.instruments.services import score_answers
from porras.lib import reasons
from porras.lib.errors import Conflict, InputError, NotFound, TooManyRequests
from porras.lib.language import current_language
from porras.navigator.crisis import crisis_contacts_for
from porras.navigator.limits import client_address
from porras.selfcare import forms, services
from porras.selfcare.domain.programmes import Module, Programme
from porras.selfcare.models import AccessKind
from porras.selfcare.services import ClientAccess

SESSION_TOKEN = "selfcare_client"  # the client's sign-in, in the (server-side) session
SESSION_OPEN = "selfcare_open"  # open programmes' progress: {programme: {"completed": [...], "answers": {...}}}


def _module_context(programme: Programme, module: Module, language: str) -> dict[str, Any]:
    index = programme.modules.index(module)
    return {
        "programme": programme, "module": module, "title": programme.title[language],
        "module_title": module.title[language], "text": module.text[language] if module.text else "",
        "link": {"url": module.link.url, "label": module.link.label[language]} if module.link else None,
        "previous": programme.modules[index - 1] if index else None,
        "next": programme.modules[index + 1] if index + 1 < len(programme.modules) else None,
    }


def _exercises(module: Module, language: str, answers: dict[str, str]) -> list[dict[str, Any]]:
    return [{"exercise": e, "prompt": e.prompt[language], "value": answers.get(e.id, ""),
             "options": [{"id": o.id, "label": o.label[language]} for o in e.options],
             "scale": range(11)} for e in module.exercises]


# ------------------------------------------------------------------------------ public

def programme_list(request: HttpRequest) -> HttpResponse:
    language = current_language()
    programmes = services.all_programmes()

    def rows(open_ones: bool) -> list[dict[str, Any]]:
        return [{"programme": p, "title": p.title[language], "summary": p.summary[language]}
                for p in programmes if p.open == open_ones]

    return render(request, "selfcare/programmes.html", {"open_rows": rows(True), "guided_rows": rows(False)})


def _open_state(request: HttpRequest, programme: Programme) -> dict[str, Any]:
    state = request.session.get(SESSION_OPEN, {}).get(programme.id, {})
    return {"completed": list(state.get("completed", [])), "answers": dict(state.get("answers", {}))}


def _keep_open_state(request: HttpRequest, programme: Programme, state: dict[str, Any]) -> None:
    all_states = dict(request.session.get(SESSION_OPEN, {}))
    all_states[programme.id] = state
    request.session[SESSION_OPEN] = all_states


def programme_detail(request: HttpRequest, programme_id: str) -> HttpResponse:
    programme = services.get_programme(programme_id)
    language = current_language()
    state = _open_state(request, programme) if programme.open else {"completed": []}
    modules = [{"module": m, "title": m.title[language], "done": m.id in state["completed"]} for m in programme.modules]
    return render(request, "selfcare/programme.html", {
        "programme": programme, "title": programme.title[language], "summary": programme.summary[language],
        "modules": modules, "done": len(state["completed"]),
        "criteria": [{"label": c.label[language], "kind": c.kind} for c in programme.criteria]})


def open_module(request: HttpRequest, programme_id: str, module_id: str) -> HttpResponse:
    """A module of an open programme: read, do the exercises, answer the measure (scored here and
    shown, never stored); a risk answer shows the crisis contacts at once."""
    programme = services.get_open_programme(programme_id)
    module = services.get_module(programme, module_id)
    language = current_language()
    state = _open_state(request, programme)
    answers = dict(state["answers"].get(module.id, {}))
    context: dict[str, Any] = _module_context(programme, module, language)
    measure = forms.measure_rows(module.instrument, language) if module.instrument else None
    error = ""
    status = 200
    if request.method == "POST" and request.POST.get("action") == "measure" and module.instrument and measure:
        chosen = forms.measure_answers(measure["instrument"], request.POST)
        try:
            scored = score_answers(module.instrument, chosen)
        except InputError as exc:
            measure = forms.measure_rows(module.instrument, language, chosen, forms.item_errors(exc))
            status = 400
        else:
            context["scored"] = scored.result
            context["band"] = next((b.label[language] for b in scored.instrument.severity_bands
                                    if b.key == scored.result.severity), "")
            if scored.result.risk_flags:
                context["crisis_contacts"] = crisis_contacts_for(language)
    elif request.method == "POST":
        try:
            answers = services.check_answers(module, forms.exercise_answers(module, request.POST))
        except InputError as exc:
            error = "; ".join(services_sentence(e) for e in exc.errors)
            answers = forms.exercise_answers(module, request.POST)
            status = 400
        else:
            state["answers"][module.id] = answers
            if module.id not in state["completed"]:
                state["completed"].append(module.id)
            _keep_open_state(request, programme, state)
            following = context["next"]
            return redirect(reverse("selfcare:open_module", args=[programme.id, following.id]) if following
                            else reverse("selfcare:programme", args=[programme.id]))
    context.update(exercises=_exercises(module, language, answers), measure=measure, error=error,
                   done=module.id in state["completed"], open=True,
                   action=reverse("selfcare:open_module", args=[programme.id, module.id]))
    return render(request, "selfcare/module.html", context, status=status)


def services_sentence(error: dict[str, Any]) -> str:
    return reasons.sentence(str(error.get("reason", "")))


@require_POST
def open_save(request: HttpRequest, programme_id: str) -> HttpResponse:
    """Save the open programme's progress under a code, shown once (nothing identifying is kept)."""
    programme = services.get_open_programme(programme_id)
    state = _open_state(request, programme)
    try:
        saved = services.save_open_progress(programme.id, state["completed"], state["answers"],
                                            address=client_address(request))
    except TooManyRequests:
        return render(request, "selfcare/too_many.html", status=429)
    return render(request, "selfcare/open_saved.html", {
        "programme": programme, "title": programme.title[current_language()], "code": saved.code,
        "expires_at": saved.expires_at})


def open_resume(request: HttpRequest) -> HttpResponse:
    """A resident continues an open programme with the code they saved it under (the code only in a POST)."""
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.open_saved_progress(form.cleaned_data["code"], address=client_address(request))
        except TooManyRequests:
            return render(request, "selfcare/too_many.html", status=429)
        except NotFound:
            form.add_error("code", _code_not_found())
        else:
            programme = services.get_open_programme(found.programme)
            _keep_open_state(request, programme, {"completed": list(found.completed), "answers": dict(found.answers)})
            return redirect("selfcare:programme", programme_id=programme.id)
    return render(request, "selfcare/code_form.html", {"form": form, "purpose": "resume"},
                  status=400 if form.errors else 200)


def _code_not_found() -> str:
    return gettext("No code like this is in use. Check the code; it may also have expired or been used already.")


# ------------------------------------------------------------------------------ the client

def sign_in(request: HttpRequest) -> HttpResponse:
    """The client's code becomes a sign-in kept in the session (a new session key, the code never in a URL)."""
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            done = services.exchange_code(form.cleaned_data["code"], address=client_address(request))
        except TooManyRequests:
            return render(request, "selfcare/too_many.html", status=429)
        except NotFound:
            form.add_error("code", _code_not_found())
        else:
            request.session.cycle_key()
            request.session[SESSION_TOKEN] = done.token
            return redirect("selfcare:me_questionnaire" if done.kind == AccessKind.QUESTIONNAIRE else "selfcare:me")
    return render(request, "selfcare/code_form.html", {"form": form, "purpose": "sign_in"},
                  status=400 if form.errors else 200)


def _client(request: HttpRequest) -> ClientAccess | None:
    token = request.session.get(SESSION_TOKEN)
    return services.client_access(token) if isinstance(token, str) else None


def _signed_out() -> HttpResponse:
    return redirect("selfcare:sign_in")


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    access = _client(request)
    if access is not None:
        services.sign_out(access)
    request.session.pop(SESSION_TOKEN, None)
    return redirect("selfcare:programmes")


def me(request: HttpRequest) -> HttpResponse:
    access = _client(request)
    if access is None:
        return _signed_out()
    if access.kind == AccessKind.QUESTIONNAIRE:
        return redirect("selfcare:me_questionnaire")
    mine = services.client_programme(access)
    language = current_language()
    return render(request, "selfcare/me.html", {
        "mine": mine, "title": mine.programme.title[language], "summary": mine.programme.summary[language],
        "modules": [{"state": m, "title": m.module.title[language]} for m in mine.modules],
        "next": mine.next_module, "next_title": mine.next_module.title[language] if mine.next_module else ""})


def me_module(request: HttpRequest, module_id: str) -> HttpResponse:
    access = _client(request)
    if access is None:
        return _signed_out()
    if access.assignment is None:
        raise Http404("module")
    language = current_language()
    mine = services.client_programme(access)
    module = services.get_module(mine.programme, module_id)
    state = next(m for m in mine.modules if m.module.id == module.id)
    answers = dict(state.answers)
    context: dict[str, Any] = _module_context(mine.programme, module, language)
    measure = forms.measure_rows(module.instrument, language) if module.instrument and not state.measured else None
    error = ""
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "measure" and measure is not None:
                chosen = forms.measure_answers(measure["instrument"], request.POST)
                try:
                    done = services.client_measurement(access, module.instrument or "", chosen, module_id=module.id,
                                                       language=language)
                except InputError as exc:
                    if any("item" in e for e in exc.errors):
                        measure = forms.measure_rows(module.instrument or "", language, chosen, forms.item_errors(exc))
                        status = 400
                    else:
                        raise
                else:
                    context["measured_now"] = done.measurement
                    context["crisis_contacts"] = done.crisis_contacts
                    measure = None
            else:
                services.save_module(access, module.id, forms.exercise_answers(module, request.POST),
                                     complete=action == "complete")
                if action == "complete":
                    return redirect("selfcare:me")
                answers = forms.exercise_answers(module, request.POST)
                context["saved"] = True
        except InputError as exc:
            error = "; ".join(services_sentence(e) for e in exc.errors)
            answers = forms.exercise_answers(module, request.POST)
            status = 400
    context.update(exercises=_exercises(module, language, answers), measure=measure, error=error,
                   done=state.completed, feedback=state.feedback, measured=state.measured, open=False,
                   action=reverse("selfcare:me_module", args=[module.id]))
    return render(request, "selfcare/module.html", context, status=status)


def me_messages(request: HttpRequest) -> HttpResponse:
    access = _client(request)
    if access is None:
        return _signed_out()
    if access.assignment is None:
        raise Http404("messages")
    form = forms.MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.client_send(access, form.cleaned_data["body"])
        except InputError as exc:
            forms.show_errors(form, exc)
        else:
            return redirect("selfcare:me_messages")
    return render(request, "selfcare/me_messages.html", {"messages_list": services.client_messages(access), "form": form},
                  status=400 if form.errors else 200)


def me_questionnaire(request: HttpRequest) -> HttpResponse:
    """The one questionnaire a code was sent for, on a phone-sized page; answered once."""
    access = _client(request)
    if access is None:
        return _signed_out()
    if access.kind != AccessKind.QUESTIONNAIRE:
        return redirect("selfcare:me")
    language = current_language()
    instrument = access.access.instrument
    measure = forms.measure_rows(instrument, language)
    status = 200
    if request.method == "POST":
        chosen = forms.measure_answers(measure["instrument"], request.POST)
        try:
            done = services.client_measurement(access, instrument, chosen, language=language)
        except InputError as exc:
            measure = forms.measure_rows(instrument, language, chosen, forms.item_errors(exc))
            status = 400
        else:
            request.session.pop(SESSION_TOKEN, None)
            return render(request, "selfcare/questionnaire_done.html", {"crisis_contacts": done.crisis_contacts})
    return render(request, "selfcare/questionnaire.html", {"measure": measure}, status=status)


# ------------------------------------------------------------------------------ professionals

def _episode_page(request: HttpRequest, episode_id: int, *, status: int = 200, **extra: Any) -> HttpResponse:
    language = current_language()
    digital = services.episode_digital(request, episode_id)
    may_write = authz.may(request.user, Perm.CLIENT_WRITE, digital.episode.unit)
    refused_feedback = extra.pop("refused_feedback", {})
    assignments = []
    for view in digital.assignments:
        modules = []
        for state in view.modules:
            progress = view.progress_by_module.get(state.module.id)
            modules.append({
                "state": state, "title": state.module.title[language],
                "exercises": [{"prompt": e.prompt[language], "answer": _answer_label(e, state.answers.get(e.id), language)}
                              for e in state.module.exercises if state.answers.get(e.id)],
                "measurement": progress.measurement if progress else None,
                "feedback_form": refused_feedback.get((view.assignment.pk, state.module.id)) or forms.FeedbackForm(
                    initial={"module": state.module.id}, auto_id=f"fb-{view.assignment.pk}-{state.module.id}-%s"),
            })
        reply = extra.get("reply_form")
        if reply is None or reply.data.get("assignment") != str(view.assignment.pk):
            reply = forms.ReplyForm(initial={"assignment": view.assignment.pk},
                                    auto_id=f"reply-{view.assignment.pk}-%s")
        assignments.append({"view": view, "title": view.programme.title[language], "modules": modules,
                            "reply_form": reply})
    extra.pop("reply_form", None)
    context = {
        "episode": digital.episode, "assignments": assignments, "questionnaire_codes": digital.questionnaire_codes,
        "may_write": may_write,
        "assign_form": extra.pop("assign_form", None) or forms.AssignForm(programmes=services.all_programmes(),
                                                                          language=language),
        "questionnaire_form": extra.pop("questionnaire_form", None) or forms.QuestionnaireForm(language=language),
        "open_risk_flags": digital.open_risk_flags,
        **extra,
    }
    return render(request, "selfcare/episode.html", context, status=status)


def _answer_label(exercise: Any, value: str | None, language: str) -> str:
    if value is None:
        return ""
    if exercise.kind == "choice":
        return next((o.label[language] for o in exercise.options if o.id == value), value)
    return value


@login_required
def episode(request: HttpRequest, episode_id: int) -> HttpResponse:
    return _episode_page(request, episode_id)


@login_required
@require_POST
def assign(request: HttpRequest, episode_id: int) -> HttpResponse:
    form = forms.AssignForm(request.POST, programmes=services.all_programmes(), language=current_language())
    if form.is_valid():
        try:
            done = services.assign_programme(request, episode_id, form.cleaned_data["programme"],
                                             exclusions=form.cleaned_data["exclusions"],
                                             override_reason=form.cleaned_data["override_reason"])
        except InputError as exc:
            forms.show_errors(form, exc)
            if "unmet" in exc.extra:
                return _episode_page(request, episode_id, status=400, assign_form=form, unmet=_unmet_labels(
                    form.cleaned_data["programme"], exc.extra["unmet"]))
        except Conflict as exc:
            form.add_error(None, _conflict_sentence(str(exc)))
        else:
            return _episode_page(request, episode_id, new_code=done.code, new_code_expires=done.expires_at)
    return _episode_page(request, episode_id, status=400, assign_form=form)


def _unmet_labels(programme_id: str, unmet: list[dict[str, str]]) -> list[str]:
    language = current_language()
    programme = services.get_programme(programme_id)
    labels = {c.id: c.label[language] for c in programme.criteria}
    out = []
    for u in unmet:
        if u["criterion"] == "min_age":
            out.append(gettext("The client may be younger than the programme's minimum age (%(age)s).")
                       % {"age": programme.min_age})
        elif u["why"] == "risk_flag":
            out.append(gettext("%(criterion)s: the episode has an open risk flag.") % {"criterion": labels[u["criterion"]]})
        else:
            out.append(labels.get(u["criterion"], u["criterion"]))
    return out


def _conflict_sentence(detail: str) -> str:
    if "already has this programme" in detail:
        return gettext("The episode already has this programme.")
    return gettext("The episode has ended or was voided: nothing can be added to it.")


@login_required
@require_POST
def questionnaire_request(request: HttpRequest, episode_id: int) -> HttpResponse:
    form = forms.QuestionnaireForm(request.POST, language=current_language())
    if form.is_valid():
        try:
            done = services.request_questionnaire(request, episode_id, form.cleaned_data["instrument"])
        except InputError as exc:
            forms.show_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, _conflict_sentence(str(exc)))
        else:
            return _episode_page(request, episode_id, questionnaire_code=done.code,
                                 questionnaire_expires=done.expires_at)
    return _episode_page(request, episode_id, status=400, questionnaire_form=form)


@login_required
@require_POST
def feedback(request: HttpRequest, episode_id: int, assignment_id: int, module_id: str) -> HttpResponse:
    form = forms.FeedbackForm(request.POST, auto_id=f"fb-{assignment_id}-{module_id}-%s")
    if form.is_valid():
        try:
            services.give_feedback(request, assignment_id, module_id, form.cleaned_data["feedback"])
        except InputError as exc:
            forms.show_errors(form, exc)
        else:
            return redirect(reverse("selfcare:episode", args=[episode_id]) + f"#module-{assignment_id}-{module_id}")
    return _episode_page(request, episode_id, status=400, refused_feedback={(assignment_id, module_id): form})


@login_required
@require_POST
def reply(request: HttpRequest, episode_id: int) -> HttpResponse:
    form = forms.ReplyForm(request.POST, auto_id=f"reply-{request.POST.get('assignment', '')}-%s")
    if form.is_valid():
        assignment_id = form.cleaned_data["assignment"]
        try:
            services.therapist_send(request, episode_id, form.cleaned_data["body"], assignment_id)
        except InputError as exc:
            forms.show_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, _conflict_sentence(str(exc)))
        else:
            return redirect(reverse("selfcare:episode", args=[episode_id]) + f"#messages-{assignment_id}")
    return _episode_page(request, episode_id, status=400, reply_form=form)


@login_required
@require_POST
def revoke(request: HttpRequest, episode_id: int, assignment_id: int) -> HttpResponse:
    services.revoke_access(request, assignment_id)
    return _episode_page(request, episode_id, revoked=True)


@login_required
@require_POST
def new_code(request: HttpRequest, episode_id: int, assignment_id: int) -> HttpResponse:
    done = services.new_code(request, assignment_id)
    return _episode_page(request, episode_id, new_code=done.code, new_code_expires=done.expires_at)


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.CLIENT_READ)
    show_all = request.GET.get("all") == "1"
    language = current_language()
    raw_page = request.GET.get("page", "1")
    found = services.worklist(request, mine_only=not show_all,
                              page=int(raw_page) if raw_page.isascii() and raw_page.isdigit() and len(raw_page) < 6 else 1)
    rows = [{"row": r, "title": r.programme.title[language]} for r in found.rows]
    return render(request, "selfcare/worklist.html", {"rows": rows, "show_all": show_all, "found": found,
                                                      "inactive_days": settings.PORRAS_SELFCARE_INACTIVE_DAYS})
