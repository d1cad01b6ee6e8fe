"""JSON API of digital care at steps 0 and 1.

* Public: the programmes (``GET /selfcare/programmes``, ``/selfcare/programmes/{id}``) and the
  client's code exchange (``POST /client-access``).
* Professionals (bearer token or session; the episode's unit decides): assigning a programme,
  questionnaire requests, messages, feedback, the worklist.
* Clients (``/me/...``): only with the bearer token the code was exchanged for, scoped to that one
  assignment or questionnaire; a professional's token is no client token (401).

POSTs that write honour ``Idempotency-Key`` (:mod:`porras.idempotency.services`): a professional's key is
theirs, a client's belongs to their sign-in (``client-session:<id>``). An answer that shows a client's
code once (assigning, a new code, a questionnaire request) is stored for replays *without* the code
(codes are kept only as hashes): a replay answers the same assignment or request with ``code: null``
and writes nothing; a professional who lost the first answer asks for a new code. The code exchange
(``/client-access``) stores no answer: its answer is a bearer token, and a stored one would be a token
in clear that a replay hands to whoever holds the code and the key.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.security import HttpBearer

from porras.idempotency import services as idempotency
from porras.lib.language import current_language
from porras.navigator.limits import client_address
from porras.selfcare import schemas as s
from porras.selfcare import services
from porras.selfcare.services import ClientAccess

router = Router(tags=["selfcare"])


class ClientBearer(HttpBearer):
    """``Authorization: Bearer porrasc_…``: a client's sign-in from a code (services.client_access)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        access = services.client_access(token)
        if access is not None:
            request.client_access = access  # type: ignore[attr-defined]
        return access


CLIENT_AUTH = [ClientBearer()]


def _client(request: HttpRequest) -> ClientAccess:
    return request.client_access  # type: ignore[attr-defined,no-any-return]


def _principal(request: HttpRequest) -> str:
    """Whose ``Idempotency-Key`` a client's is: their sign-in's."""
    return f"client-session:{_client(request).session.pk}"


def _without_code(body: dict[str, Any]) -> dict[str, Any]:
    """What is kept for a replay of an answer that shows a code once: everything but the code."""
    return {**body, "code": None}


@router.get("/selfcare/programmes", auth=None, response=list[dict[str, Any]],
            summary="Self-care and guided internet-therapy programmes (public)")
def programme_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [s.programme_summary(p) for p in services.all_programmes()]


@router.get("/selfcare/programmes/{programme_id}", auth=None, response=dict[str, Any],
            summary="One programme with its modules, exercises, measures, criteria and sources (public)")
def programme_detail(request: HttpRequest, programme_id: str) -> dict[str, Any]:
    return s.programme_detail(services.get_programme(programme_id))


@router.post("/episodes/{episode_id}/selfcare", response={201: s.AssignedOut},
             summary="Assign a programme to an episode; 201 with the client's code, shown once")
def assign(request: HttpRequest, episode_id: int, payload: s.AssignIn) -> HttpResponse:
    """Suitability criteria are checked: an unmet one (age, an open risk flag, an exclusion in
    ``exclusions``) answers 422 on ``override_reason`` listing ``unmet``, unless a reason is given."""
    services.authorise_episode(request, episode_id, "selfcare.assign")

    def handler() -> tuple[int, Any]:
        done = services.assign_programme(request, episode_id, payload.programme, exclusions=payload.exclusions,
                                         override_reason=payload.override_reason)
        return 201, s.AssignedOut(assignment_id=done.assignment.pk, programme=done.assignment.programme,
                                  code=done.code, expires_at=done.expires_at).model_dump()

    return idempotency.run(request, f"selfcare.assign:{episode_id}", payload.model_dump(mode="json"), handler,
                           keep=_without_code)


@router.post("/selfcare/assignments/{assignment_id}/code", response={201: s.AssignedOut},
             summary="A new code for the client of an assignment (the earlier ones stop); shown once")
def new_code(request: HttpRequest, assignment_id: int) -> HttpResponse:
    def handler() -> tuple[int, Any]:
        done = services.new_code(request, assignment_id)
        return 201, s.AssignedOut(assignment_id=done.assignment.pk, programme=done.assignment.programme,
                                  code=done.code, expires_at=done.expires_at).model_dump()

    return idempotency.run(request, f"selfcare.code:{assignment_id}", {}, handler, keep=_without_code)


@router.get("/episodes/{episode_id}/selfcare", response=list[dict[str, Any]],
            summary="The episode's programmes: progress, exercises, measures, feedback")
def episode_programmes(request: HttpRequest, episode_id: int) -> list[dict[str, Any]]:
    found = services.episode_digital(request, episode_id)
    return [
        {"assignment_id": v.assignment.pk, "programme": v.programme.id, "version": v.assignment.programme_version,
         "started_at": v.assignment.started_at, "ended_at": v.assignment.ended_at,
         "modules_completed": v.completed, "modules_total": v.assignment.modules_total,
         "unmet_criteria": v.assignment.unmet, "override_reason": v.assignment.override_reason,
         "modules": [{"module": m.module.id, "completed": m.completed, "answers": m.answers,
                      "measured": m.measured, "feedback": m.feedback} for m in v.modules]}
        for v in found.assignments
    ]


@router.post("/selfcare/assignments/{assignment_id}/revoke", response=dict[str, int],
             summary="Stop the client's codes and sign-ins of an assignment at once")
def revoke(request: HttpRequest, assignment_id: int) -> dict[str, int]:
    return {"revoked_codes": services.revoke_access(request, assignment_id)}


@router.post("/selfcare/assignments/{assignment_id}/feedback", response=dict[str, Any],
             summary="The therapist's feedback on a module the client completed")
def feedback(request: HttpRequest, assignment_id: int, payload: s.FeedbackIn) -> HttpResponse:
    def handler() -> tuple[int, Any]:
        progress = services.give_feedback(request, assignment_id, payload.module, payload.feedback)
        return 200, {"module": progress.module, "feedback_at": progress.feedback_at}

    return idempotency.run(request, f"selfcare.feedback:{assignment_id}", payload.model_dump(mode="json"), handler)


@router.post("/episodes/{episode_id}/questionnaire-requests", response={201: s.QuestionnaireOut},
             summary="A single-use, expiring code for the client to answer a questionnaire before the next appointment")
def questionnaire_request(request: HttpRequest, episode_id: int, payload: s.QuestionnaireIn) -> HttpResponse:
    services.authorise_episode(request, episode_id, "selfcare.questionnaire_request")

    def handler() -> tuple[int, Any]:
        done = services.request_questionnaire(request, episode_id, payload.instrument)
        return 201, s.QuestionnaireOut(instrument=done.instrument, code=done.code,
                                       expires_at=done.expires_at).model_dump()

    return idempotency.run(request, f"selfcare.questionnaire_request:{episode_id}", payload.model_dump(mode="json"),
                           handler, keep=_without_code)


@router.get("/episodes/{episode_id}/messages", response=list[s.MessageOut], summary="Messages with the client")
def episode_messages(request: HttpRequest, episode_id: int) -> list[s.MessageOut]:
    return [s.MessageOut.of(m) for m in services.therapist_messages(request, episode_id)]


@router.post("/episodes/{episode_id}/messages", response={201: s.MessageOut}, summary="Answer the client")
def episode_send(request: HttpRequest, episode_id: int, payload: s.TherapistMessageIn) -> HttpResponse:
    def handler() -> tuple[int, Any]:
        sent = services.therapist_send(request, episode_id, payload.body, payload.assignment_id)
        return 201, s.MessageOut.of(sent).model_dump()

    return idempotency.run(request, f"selfcare.messages:{episode_id}", payload.model_dump(mode="json"), handler)


@router.get("/selfcare/worklist", response=list[dict[str, Any]],
            summary="Active programmes: awaiting feedback, no activity, measure due, unanswered messages")
def worklist(request: HttpRequest, mine: bool = True, page: int = 1) -> list[dict[str, Any]]:
    """Those needing the therapist first, then the most recent activity; 50 a page (``page``)."""
    return [
        {"assignment_id": r.assignment.pk, "episode_id": r.assignment.episode_id, "programme": r.programme.id,
         "modules_completed": r.completed, "modules_total": r.assignment.modules_total,
         "awaiting_feedback": r.attention.awaiting_feedback, "inactive": r.attention.inactive,
         "measure_due": r.attention.measure_due, "unanswered_messages": r.attention.unanswered_messages}
        for r in services.worklist(request, mine_only=mine, page=page).rows
    ]


@router.post("/client-access", auth=None, response=s.SignedInOut,
             summary="A client exchanges a code for a bearer token scoped to that one programme or questionnaire")
def client_access(request: HttpRequest, payload: s.CodeIn) -> s.SignedInOut:
    """No password and no identity code: the code is the key. Codes that do not match are limited per
    client address (then 429); an unknown, expired, revoked or used code is 404. The code travels in
    the body, never in a URL."""
    done = services.exchange_code(payload.code, address=client_address(request))
    return s.SignedInOut(token=done.token, expires_at=done.expires_at, kind=done.kind)


@router.get("/me/programme", auth=CLIENT_AUTH, response=dict[str, Any], summary="The client's programme and progress")
def my_programme(request: HttpRequest) -> dict[str, Any]:
    mine = services.client_programme(_client(request))
    detail = s.programme_detail(mine.programme)
    states = {m.module.id: m for m in mine.modules}
    for module in detail["modules"]:
        state = states[module["id"]]
        module.update(completed=state.completed, answers=state.answers, feedback=state.feedback, measured=state.measured)
    return {"assignment_id": mine.assignment.pk, "modules_completed": mine.completed, "programme": detail}


@router.post("/me/modules/{module_id}", auth=CLIENT_AUTH, response=dict[str, Any],
             summary="The client saves a module's exercises (and completes it)")
def my_module(request: HttpRequest, module_id: str, payload: s.ModuleIn) -> dict[str, Any]:
    progress = services.save_module(_client(request), module_id, payload.answers, complete=payload.complete)
    return {"module": progress.module, "completed": progress.completed_at is not None, "answers": progress.answers}


@router.post("/me/measurements", auth=CLIENT_AUTH, response={201: s.MeasuredOut},
             summary="The client answers a measure; a risk answer returns the crisis contacts at once")
def my_measurement(request: HttpRequest, payload: s.MeasurementIn) -> HttpResponse:
    """A replay (``Idempotency-Key``) answers the first answer again, crisis contacts included."""
    def handler() -> tuple[int, Any]:
        done = services.client_measurement(_client(request), payload.instrument, payload.answers,
                                           module_id=payload.module, language=current_language())
        m = done.measurement
        return 201, s.MeasuredOut(
            measurement_id=m.pk, instrument=m.instrument, total=m.total, severity=m.severity, risk=done.risk,
            crisis_contacts=[s.CrisisContactOut(name=c.name, phone=c.phone, description=c.description)
                             for c in done.crisis_contacts]).model_dump()

    return idempotency.run(request, "selfcare.me.measurements", payload.model_dump(mode="json"), handler,
                           principal=_principal(request))


@router.get("/me/messages", auth=CLIENT_AUTH, response=list[s.MessageOut], summary="The client's messages")
def my_messages(request: HttpRequest) -> list[s.MessageOut]:
    return [s.MessageOut.of(m) for m in services.client_messages(_client(request))]


@router.post("/me/messages", auth=CLIENT_AUTH, response={201: s.MessageOut}, summary="The client writes to the therapist")
def my_send(request: HttpRequest, payload: s.MessageIn) -> HttpResponse:
    def handler() -> tuple[int, Any]:
        return 201, s.MessageOut.of(services.client_send(_client(request), payload.body)).model_dump()

    return idempotency.run(request, "selfcare.me.messages", payload.model_dump(mode="json"), handler,
                           principal=_principal(request))
