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
    AppointmentCorrectIn,
    AppointmentIn,
    AppointmentOut,
    AppointmentStatusIn,
    ClientDetailOut,
    ClientIn,
    ClientOut,
    ClientQuery,
    ClientSearchIn,
    CorrectionOut,
    EpisodeFilter,
    EpisodeFromAssessmentIn,
    EpisodeIn,
    EpisodeOut,
    EpisodePatch,
    EpisodeVoidIn,
    FollowUpDoneIn,
    FollowUpIn,
    FollowUpOut,
    MeasurementCorrectIn,
    MeasurementIn,
    MeasurementOut,
    NoteIn,
    Page,
    ReferralCorrectIn,
    RiskFlagOut,
    SafetyPlanIn,
    SafetyPlanOut,
    TransferIn,
    VoidIn,
    WorklistQuery,
    WorklistRowOut,
)
from porras.idempotency import services as idempotency
from porras.idempotency.models import IdempotencyRecord

router = Router(tags=["care"])


def _client_input(payload: ClientIn) -> services.ClientInput:
    return services.ClientInput(
        identifier_system=payload.identifier.system, identifier_value=payload.identifier.value,
        birth_year=payload.birth_year, sex=payload.sex, county=payload.county, language=payload.language,
        unit=payload.unit, local_identifier=payload.local_identifier or "",
    )


def _replayed(request: HttpRequest, endpoint: str, payload: Schema) -> bool:
    """Whether this request repeats one already answered under its ``Idempotency-Key`` (the answer is then
    replayed, whatever has changed since)."""
    key = idempotency.key_of(request)
    user: Any = request.user
    if key is None:
        return False
    digest = idempotency.request_hash(endpoint, payload.model_dump(mode="json"))
    return IdempotencyRecord.objects.filter(user=user, key=key, endpoint=endpoint,
                                            request_hash=digest).exists()


def _post(request: HttpRequest, endpoint: str, payload: Schema, handler: Callable[[], tuple[int, Schema]],
          authorise: Callable[[], Any], *, refuse: Callable[[], Any] | None = None) -> HttpResponse:
    """An idempotent write. ``authorise`` runs first, outside the write's transaction, so that the
    audit entry of a denied attempt is not rolled back with it; so does ``refuse`` (a refusal from what
    is stored, e.g. an open episode), except for a replay, whose first answer stands."""
    authorise()
    if refuse is not None and not _replayed(request, endpoint, payload):
        refuse()

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
    data = _client_input(payload)

    def handler() -> tuple[int, Schema]:
        client, created = services.register_client(request, data)
        return (201 if created else 200), ClientOut.of(client)

    return _post(request, "clients.create", payload, handler, lambda: services.prepare_registration(request, data))


@router.get("/clients", response=list[ClientOut],
            summary="Clients registered in my units, or those an identity code, local identifier or episode finds")
def list_clients(request: HttpRequest, params: Query[ClientQuery]) -> list[ClientOut]:
    """Without ``identifier``: the clients of my units, a page at a time (``order``). With it: the clients
    of my units that ``identifier`` finds (``system``: ``hetu`` an identity code, ``local`` the
    organisation's local identifier, ``episode`` an episode number). An identifier is looked up by its
    keyed pseudonym in the registers of my units only, and never stored, logged or audited (the audit
    entry names the clients found); ``POST /clients/search`` takes it in the body instead."""
    if params.identifier is not None:
        found = services.find_clients(request, params.system, params.identifier, page=params.page,
                                      page_size=params.page_size, order=params.order)
    else:
        found = services.list_clients(request, page=params.page, page_size=params.page_size, order=params.order)
    return [ClientOut.of(c) for c in found]


@router.post("/clients/search", response=list[ClientOut],
             summary="Find clients of my units by identity code, local identifier or episode number (in the body)")
def search_clients(request: HttpRequest, payload: ClientSearchIn, params: Query[Page]) -> list[ClientOut]:
    """As ``GET /clients?identifier=…``, with the identifier in the body: it never appears in a URL. Reads
    only (audited as a search naming the clients found)."""
    return [ClientOut.of(c) for c in services.find_clients(request, payload.system, payload.value, page=params.page,
                                                            page_size=params.page_size)]


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
    """A client has one open episode in a unit: another referral there answers 409 with ``open_episode``
    (its id) and ``open_episode_url``, unless ``second_episode_reason`` confirms a second one."""
    def handler() -> tuple[int, Schema]:
        episode = services.open_episode(
            request, payload.client_id, payload.unit, payload.referral_date, payload.concerns,
            payload.referral_source, payload.navigator.model_dump() if payload.navigator else None,
            second_episode_reason=payload.second_episode_reason,
        )
        return 201, EpisodeOut.of(episode)

    def authorise() -> None:
        services.check_referral(payload.referral_date, payload.concerns, payload.referral_source,
                                payload.second_episode_reason)
        services.get_client(request, payload.client_id, Perm.CLIENT_READ, "episode.create")
        services.writable_unit(request, payload.unit, "episode.create")

    return _post(request, "episodes.create", payload, handler, authorise, refuse=lambda: services.authorise_referral(
        request, payload.client_id, payload.unit, payload.second_episode_reason))


@router.post("/episodes/from-assessment", response={201: EpisodeOut},
             summary="Start a referral from a resident's saved self-assessment (its code)")
def create_episode_from_assessment(request: HttpRequest, payload: EpisodeFromAssessmentIn) -> HttpResponse:
    """Registers the client (or finds the record), opens an episode whose referral source is the
    navigator (with its recommendation), and stores the self-assessment's answers as the episode's
    baseline measurements on the day they were saved; risk answers raise flags. Opening the code is
    counted and audited as ``POST /navigator/assessments/open`` is (404 unknown or expired, 429)."""
    data = _client_input(payload.client)

    def handler() -> tuple[int, Schema]:
        episode = services.referral_from_assessment(request, payload.code, data, payload.referral_date,
                                                    payload.concerns,
                                                    second_episode_reason=payload.second_episode_reason)
        return 201, EpisodeOut.of(episode)

    def authorise() -> None:
        services.check_referral(payload.referral_date, payload.concerns, "navigator", payload.second_episode_reason)
        services.prepare_registration(request, data)

    return _post(request, "episodes.from_assessment", payload, handler, authorise,
                 refuse=lambda: services.authorise_new_client_referral(request, data, payload.second_episode_reason))


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


@router.post("/episodes/{episode_id}/void", response={200: EpisodeOut},
             summary="Void a referral entered in error (with the version read and a reason)")
def void_episode(request: HttpRequest, episode_id: int, payload: EpisodeVoidIn) -> HttpResponse:
    """The episode, its appointments and measurements leave the work list, charts, exports and reports;
    they stay, marked, in the history. Refused (422) while a risk flag is open or a follow-up not done."""
    def handler() -> tuple[int, Schema]:
        return 200, EpisodeOut.of(services.void_episode(request, episode_id, payload.version, payload.reason))

    return _post(request, f"episodes.{episode_id}.void", payload, handler,
                 lambda: services.get_episode(request, episode_id, Perm.CLIENT_WRITE, "episode.void"))


@router.post("/episodes/{episode_id}/correct", response={200: EpisodeOut},
             summary="Correct the referral's date, source or concerns (with the version read and a reason)")
def correct_episode(request: HttpRequest, episode_id: int, payload: ReferralCorrectIn) -> HttpResponse:
    changes = payload.model_dump(exclude_unset=True, exclude={"version", "reason"})

    def handler() -> tuple[int, Schema]:
        return 200, EpisodeOut.of(services.correct_referral(request, episode_id, payload.version, payload.reason,
                                                            changes))

    return _post(request, f"episodes.{episode_id}.correct", payload, handler,
                 lambda: services.get_episode(request, episode_id, Perm.CLIENT_WRITE, "episode.correct"))


@router.get("/episodes/{episode_id}/corrections", response=list[CorrectionOut],
            summary="An episode's history of corrections: what was voided or corrected, by whom, when and why")
def list_corrections(request: HttpRequest, episode_id: int) -> list[CorrectionOut]:
    return [CorrectionOut.of(c) for c in services.corrections(request, episode_id)]


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


@router.post("/appointments/{appointment_id}/void", response={200: AppointmentOut},
             summary="Void an appointment entered in error (with a reason)")
def void_appointment(request: HttpRequest, appointment_id: int, payload: VoidIn) -> HttpResponse:
    """The episode's assessment or first treatment date that the appointment gave goes with it."""
    def handler() -> tuple[int, Schema]:
        return 200, AppointmentOut.of(services.void_appointment(request, appointment_id, payload.reason))

    return _post(request, f"appointments.{appointment_id}.void", payload, handler,
                 lambda: services.authorise_appointment(request, appointment_id, "appointment.void"))


@router.post("/appointments/{appointment_id}/correct", response={200: AppointmentOut},
             summary="Correct an appointment's date, kind or status (with a reason)")
def correct_appointment(request: HttpRequest, appointment_id: int, payload: AppointmentCorrectIn) -> HttpResponse:
    def handler() -> tuple[int, Schema]:
        return 200, AppointmentOut.of(services.correct_appointment(
            request, appointment_id, payload.reason, date=payload.date, kind=payload.kind, status=payload.status))

    return _post(request, f"appointments.{appointment_id}.correct", payload, handler,
                 lambda: services.authorise_appointment(request, appointment_id, "appointment.correct"))


@router.post("/measurements/{measurement_id}/void", response={200: MeasurementOut},
             summary="Void a measurement entered in error (with a reason)")
def void_measurement(request: HttpRequest, measurement_id: int, payload: VoidIn) -> HttpResponse:
    """It leaves charts, the work list, exports and reports. Refused (422) while it has an open risk
    flag: acknowledge the flag first (a risk answer is never hidden)."""
    def handler() -> tuple[int, Schema]:
        return 200, MeasurementOut.of(services.void_measurement(request, measurement_id, payload.reason))

    return _post(request, f"measurements.{measurement_id}.void", payload, handler,
                 lambda: services.authorise_measurement(request, measurement_id, "measurement.void"))


@router.post("/measurements/{measurement_id}/correct", response={201: MeasurementOut},
             summary="Correct a measurement's date or answers (with a reason): a new measurement replaces it")
def correct_measurement(request: HttpRequest, measurement_id: int, payload: MeasurementCorrectIn) -> HttpResponse:
    """Answers 201 with the new measurement (``corrects`` names the old one, now voided). Refused (422)
    while the old one has an open risk flag."""
    def handler() -> tuple[int, Schema]:
        return 201, MeasurementOut.of(services.correct_measurement(
            request, measurement_id, payload.reason, date=payload.date, answers=payload.answers))

    return _post(request, f"measurements.{measurement_id}.correct", payload, handler,
                 lambda: services.authorise_measurement(request, measurement_id, "measurement.correct"))


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
def worklist(request: HttpRequest, params: Query[WorklistQuery]) -> list[WorklistRowOut]:
    """One page (``page``, ``page_size``) of the open episodes, sorted by ``order``: ``attention`` (open
    risk flags, overdue follow-ups, measures due, then the next appointment), ``next_appointment``,
    ``waiting`` (longest waiting first) or ``client`` (the client's label)."""
    page = services.worklist(request, mine_only=params.mine, page=params.page, page_size=params.page_size,
                             order=params.order)
    return [WorklistRowOut.of(r) for r in page.rows]
