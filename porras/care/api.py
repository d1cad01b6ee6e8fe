"""The care API: clients, episodes, appointments, measurements, risk flags, safety plans, follow-ups.

Every endpoint is scoped by :mod:`porras.accounts.authz` and audited (in :mod:`porras.care.services`);
POSTs honour ``Idempotency-Key`` (:mod:`porras.idempotency.services`); ``PATCH /episodes/{id}`` carries
the ``version`` read last, and a stale one gets 409. Request and response bodies are the schemas of
:mod:`porras.care.schemas`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from porras.accounts.roles import Perm
from porras.care import services
from porras.care.schemas import (
    AppointmentIn,
    AppointmentOut,
    AppointmentStatusIn,
    ClientDetailOut,
    ClientIn,
    ClientOut,
    EpisodeFilter,
    EpisodeIn,
    EpisodeOut,
    EpisodePatch,
    FollowUpDoneIn,
    FollowUpIn,
    FollowUpOut,
    MeasurementIn,
    MeasurementOut,
    NoteIn,
    Page,
    RiskFlagOut,
    SafetyPlanIn,
    SafetyPlanOut,
    TransferIn,
    WorklistRowOut,
)
from porras.idempotency import services as idempotency

router = Router(tags=["care"])


def _post(request: HttpRequest, endpoint: str, payload: Schema, handler: Callable[[], tuple[int, Schema]],
          authorise: Callable[[], Any]) -> HttpResponse:
    """An idempotent write. ``authorise`` runs first, outside the write's transaction, so that the
    audit entry of a denied attempt is not rolled back with it."""
    authorise()

    def answer() -> tuple[int, Any]:
        status, body = handler()
        return status, body.model_dump()

    return idempotency.run(request, endpoint, payload.model_dump(mode="json"), answer)


# ------------------------------------------------------------------------------ clients

@router.post("/clients", response={200: ClientOut, 201: ClientOut},
             summary="Register a client (or find the one with this identifier)")
def create_client(request: HttpRequest, payload: ClientIn) -> HttpResponse:
    """Registers the client in the register of the unit's wellbeing services county: 201 with a new
    record, or 200 with the record the identifier already has in that register (a record in another
    county's register is neither seen nor linked). Other birth year or sex than the record's: 409."""
    data = services.ClientInput(
        identifier_system=payload.identifier.system, identifier_value=payload.identifier.value,
        birth_year=payload.birth_year, sex=payload.sex, county=payload.county, language=payload.language,
        unit=payload.unit,
    )

    def handler() -> tuple[int, Schema]:
        client, created = services.register_client(request, data)
        return (201 if created else 200), ClientOut.of(client)

    return _post(request, "clients.create", payload, handler, lambda: services.prepare_registration(request, data))


@router.get("/clients", response=list[ClientOut], summary="Clients registered in my units")
def list_clients(request: HttpRequest, params: Query[Page]) -> list[ClientOut]:
    return [ClientOut.of(c) for c in services.list_clients(request, page=params.page, page_size=params.page_size)]


@router.get("/clients/{client_id}", response=ClientDetailOut, summary="One client, with the episodes I may see")
def get_client(request: HttpRequest, client_id: int) -> ClientDetailOut:
    client, episodes = services.read_client_with_episodes(request, client_id)
    return ClientDetailOut(**ClientOut.of(client).model_dump(), episodes=[EpisodeOut.of(e) for e in episodes])


@router.get("/clients/{client_id}/episodes", response=list[EpisodeOut], summary="A client's episodes in my units")
def client_episodes(request: HttpRequest, client_id: int, params: Query[Page]) -> list[EpisodeOut]:
    services.get_client(request, client_id, action="episode.list")
    return [EpisodeOut.of(e) for e in services.list_episodes(request, client_id=client_id, page=params.page,
                                                              page_size=params.page_size)]


# ------------------------------------------------------------------------------ episodes

@router.post("/episodes", response={201: EpisodeOut}, summary="Register a referral: a new episode")
def create_episode(request: HttpRequest, payload: EpisodeIn) -> HttpResponse:
    def handler() -> tuple[int, Schema]:
        episode = services.open_episode(
            request, payload.client_id, payload.unit, payload.referral_date, payload.concerns,
            payload.referral_source, payload.navigator.model_dump() if payload.navigator else None,
        )
        return 201, EpisodeOut.of(episode)

    def authorise() -> None:
        services.get_client(request, payload.client_id, Perm.CLIENT_READ, "episode.create")
        services.writable_unit(request, payload.unit, "episode.create")

    return _post(request, "episodes.create", payload, handler, authorise)


@router.get("/episodes", response=list[EpisodeOut], summary="Episodes in my units")
def list_episodes(request: HttpRequest, params: Query[EpisodeFilter]) -> list[EpisodeOut]:
    return [EpisodeOut.of(e) for e in services.list_episodes(request, client_id=params.client_id,
                                                              open_only=params.open, page=params.page,
                                                              page_size=params.page_size)]


@router.get("/episodes/{episode_id}", response=EpisodeOut, summary="One episode")
def get_episode(request: HttpRequest, episode_id: int) -> EpisodeOut:
    return EpisodeOut.of(services.read_episode(request, episode_id))


@router.patch("/episodes/{episode_id}", response=EpisodeOut,
              summary="Change an episode (assessment, step, intervention, end); carries the version read")
def patch_episode(request: HttpRequest, episode_id: int, payload: EpisodePatch) -> EpisodeOut:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return EpisodeOut.of(services.update_episode(request, episode_id, version, changes))


@router.post("/episodes/{episode_id}/transfer", response={200: EpisodeOut}, summary="Transfer an episode to another unit")
def transfer_episode(request: HttpRequest, episode_id: int, payload: TransferIn) -> HttpResponse:
    def handler() -> tuple[int, Schema]:
        episode = services.transfer_episode(request, episode_id, payload.version, payload.to_unit, payload.date,
                                            payload.reason)
        return 200, EpisodeOut.of(episode)

    return _post(request, f"episodes.{episode_id}.transfer", payload, handler,
                 lambda: services.get_episode(request, episode_id, Perm.CLIENT_WRITE, "episode.transfer"))


@router.post("/episodes/{episode_id}/appointments", response={201: AppointmentOut}, summary="Record an appointment")
def create_appointment(request: HttpRequest, episode_id: int, payload: AppointmentIn) -> HttpResponse:
    def handler() -> tuple[int, Schema]:
        return 201, AppointmentOut.of(services.add_appointment(request, episode_id, payload.date, payload.kind,
                                                               payload.status))

    return _post(request, f"episodes.{episode_id}.appointments", payload, handler,
                 lambda: services.get_episode(request, episode_id, Perm.CLIENT_WRITE, "appointment.create"))


@router.get("/episodes/{episode_id}/appointments", response=list[AppointmentOut], summary="An episode's appointments")
def list_appointments(request: HttpRequest, episode_id: int) -> list[AppointmentOut]:
    return [AppointmentOut.of(a) for a in services.list_appointments(request, episode_id)]


@router.post("/appointments/{appointment_id}/status", response=AppointmentOut, summary="Mark a booked appointment")
def appointment_status(request: HttpRequest, appointment_id: int, payload: AppointmentStatusIn) -> AppointmentOut:
    return AppointmentOut.of(services.set_appointment_status(request, appointment_id, payload.status))


@router.post("/episodes/{episode_id}/measurements", response={201: MeasurementOut},
             summary="Record a measurement: answers are scored; the score and risk flags are returned")
def create_measurement(request: HttpRequest, episode_id: int, payload: MeasurementIn) -> HttpResponse:
    def handler() -> tuple[int, Schema]:
        m = services.record_measurement(request, episode_id, payload.instrument, payload.date, payload.answers,
                                        appointment_id=payload.appointment_id, text_pack=payload.text_pack or "")
        return 201, MeasurementOut.of(m)

    return _post(request, f"episodes.{episode_id}.measurements", payload, handler,
                 lambda: services.get_episode(request, episode_id, Perm.CLIENT_WRITE, "measurement.create"))


@router.get("/episodes/{episode_id}/measurements", response=list[MeasurementOut],
            summary="An episode's measurements")
def list_measurements(request: HttpRequest, episode_id: int) -> list[MeasurementOut]:
    return [MeasurementOut.of(m) for m in services.list_measurements(request, episode_id)]


# ------------------------------------------------------------------------------ risk, safety, follow-up

@router.get("/episodes/{episode_id}/risk-flags", response=list[RiskFlagOut], summary="Risk flags of an episode")
def list_risk_flags(request: HttpRequest, episode_id: int, open: bool = False) -> list[RiskFlagOut]:
    return [RiskFlagOut.of(f) for f in services.list_risk_flags(request, episode_id, open_only=open)]


@router.post("/risk-flags/{flag_id}/acknowledge", response={200: RiskFlagOut},
             summary="Acknowledge a risk flag with a note")
def acknowledge_risk_flag(request: HttpRequest, flag_id: int, payload: NoteIn) -> HttpResponse:
    def handler() -> tuple[int, Schema]:
        return 200, RiskFlagOut.of(services.acknowledge_risk_flag(request, flag_id, payload.note))

    return _post(request, f"risk_flags.{flag_id}.acknowledge", payload, handler,
                 lambda: services.authorise_risk_flag(request, flag_id, "risk_flag.acknowledge"))


@router.get("/episodes/{episode_id}/safety-plan", response=list[SafetyPlanOut],
            summary="Safety plan versions, newest first")
def list_safety_plans(request: HttpRequest, episode_id: int) -> list[SafetyPlanOut]:
    return [SafetyPlanOut.of(p) for p in services.list_safety_plans(request, episode_id)]


@router.post("/episodes/{episode_id}/safety-plan", response={201: SafetyPlanOut},
             summary="Save a new version of the safety plan")
def create_safety_plan(request: HttpRequest, episode_id: int, payload: SafetyPlanIn) -> HttpResponse:
    def handler() -> tuple[int, Schema]:
        return 201, SafetyPlanOut.of(services.save_safety_plan(request, episode_id, payload.model_dump()))

    return _post(request, f"episodes.{episode_id}.safety_plan", payload, handler,
                 lambda: services.get_episode(request, episode_id, Perm.CLIENT_WRITE, "safety_plan.create"))


@router.post("/episodes/{episode_id}/followups", response={201: FollowUpOut},
             summary="Record a suicide-attempt or self-harm contact: schedules a follow-up")
def create_followup(request: HttpRequest, episode_id: int, payload: FollowUpIn) -> HttpResponse:
    def handler() -> tuple[int, Schema]:
        f = services.record_self_harm_contact(request, episode_id, payload.reason, payload.contact_date)
        return 201, FollowUpOut.of(f)

    return _post(request, f"episodes.{episode_id}.followups", payload, handler,
                 lambda: services.get_episode(request, episode_id, Perm.CLIENT_WRITE, "followup.create"))


@router.post("/followups/{followup_id}/done", response={200: FollowUpOut}, summary="Mark a follow-up done")
def followup_done(request: HttpRequest, followup_id: int, payload: FollowUpDoneIn) -> HttpResponse:
    def handler() -> tuple[int, Schema]:
        return 200, FollowUpOut.of(services.complete_followup(request, followup_id, payload.note))

    return _post(request, f"followups.{followup_id}.done", payload, handler,
                 lambda: services.authorise_followup(request, followup_id, "followup.complete"))


@router.get("/followups/overdue", response=list[FollowUpOut], summary="Overdue follow-ups in my units")
def overdue_followups(request: HttpRequest) -> list[FollowUpOut]:
    return [FollowUpOut.of(f) for f in services.overdue_followups(request)]


@router.get("/worklist", response=list[WorklistRowOut], summary="My open episodes and what needs attention")
def worklist(request: HttpRequest, mine: bool = True) -> list[WorklistRowOut]:
    return [WorklistRowOut.of(r) for r in services.worklist(request, mine_only=mine)]
