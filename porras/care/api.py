"""The care API: clients, episodes, appointments, measurements, risk flags, safety plans, follow-ups.

Every endpoint is scoped by :mod:`porras.accounts.authz` and audited (in :mod:`porras.care.services`);
POSTs honour ``Idempotency-Key`` (:mod:`porras.idempotency.services`); ``PATCH /episodes/{id}`` carries
the ``version`` read last, and a stale one gets 409.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from pydantic import Field, StrictInt

from porras.care import serializers as ser
from porras.care import services
from porras.idempotency import services as idempotency

router = Router(tags=["care"])


def _post(request: HttpRequest, endpoint: str, payload: Schema, handler: Callable[[], tuple[int, Any]]) -> HttpResponse:
    return idempotency.run(request, endpoint, payload.model_dump(mode="json"), handler)


# ------------------------------------------------------------------------------ schemas

class IdentifierIn(Schema):
    system: str = Field(description="hetu (Finnish personal identity code) or local (record identifier)")
    value: str


class ClientIn(Schema):
    identifier: IdentifierIn
    birth_year: int | None = None
    sex: str | None = Field(None, description="female, male, other, unknown (from an identity code if omitted)")
    county: str = Field(description="Porras county code of the home county")
    language: str = "fi"
    unit: str | None = Field(None, description="unit code; defaults to the caller's only unit")


class NavigatorIn(Schema):
    recommendation: dict[str, Any] | None = None
    ruleset_id: str | None = None
    ruleset_version: str | None = None


class EpisodeIn(Schema):
    client_id: int
    unit: str | None = None
    referral_date: dt.date
    concerns: list[str] = []
    referral_source: str = "other"
    navigator: NavigatorIn | None = None


class EpisodePatch(Schema):
    version: int
    referral_date: dt.date | None = None
    referral_source: str | None = None
    concerns: list[str] | None = None
    assessment_date: dt.date | None = None
    step: int | None = None
    step_reason: str | None = None
    intervention: str | None = None
    end_date: dt.date | None = None
    end_reason: str | None = None
    navigator_recommendation: dict[str, Any] | None = None
    navigator_ruleset_id: str | None = None
    navigator_ruleset_version: str | None = None


class TransferIn(Schema):
    version: int
    to_unit: str
    date: dt.date
    reason: str = ""


class AppointmentIn(Schema):
    date: dt.date
    kind: str = Field(description="assessment or treatment")
    status: str = Field(description="booked, attended, did_not_attend or cancelled")


class AppointmentStatusIn(Schema):
    status: str


class MeasurementIn(Schema):
    instrument: str
    date: dt.date
    answers: list[StrictInt | None] = Field(description="option positions in item order (0 = first option); true is not 1")
    appointment_id: int | None = None
    text_pack: str | None = Field(None, description="which wording was shown (default: Porras's own)")


class NoteIn(Schema):
    note: str


class SafetyPlanIn(Schema):
    warning_signs: str = ""
    own_coping: str = ""
    people_and_places: str = ""
    professionals_and_crisis_lines: str = ""
    safe_surroundings: str = ""


class FollowUpIn(Schema):
    reason: str = Field(description="suicide_attempt or self_harm")
    contact_date: dt.date


class FollowUpDoneIn(Schema):
    note: str = ""


# ------------------------------------------------------------------------------ clients

@router.post("/clients", response={200: dict, 201: dict}, summary="Register a client (or find the one with this identifier)")
def create_client(request: HttpRequest, payload: ClientIn) -> HttpResponse:
    def handler() -> tuple[int, Any]:
        client, created = services.register_client(request, services.ClientInput(
            identifier_system=payload.identifier.system, identifier_value=payload.identifier.value,
            birth_year=payload.birth_year, sex=payload.sex, county=payload.county, language=payload.language,
            unit=payload.unit,
        ))
        return (201 if created else 200), ser.client_dict(client)

    return _post(request, "clients.create", payload, handler)


@router.get("/clients", response=list[dict], summary="Clients registered in my units")
def list_clients(request: HttpRequest) -> list[dict[str, Any]]:
    return [ser.client_dict(c) for c in services.list_clients(request)]


@router.get("/clients/{client_id}", response=dict, summary="One client, with the episodes I may see")
def get_client(request: HttpRequest, client_id: int) -> dict[str, Any]:
    client = services.read_client(request, client_id)
    body = ser.client_dict(client)
    body["episodes"] = [ser.episode_dict(e) for e in services.episodes_in_scope(request).filter(client=client)
                        .select_related("unit")]
    return body


@router.get("/clients/{client_id}/episodes", response=list[dict], summary="A client's episodes in my units")
def client_episodes(request: HttpRequest, client_id: int) -> list[dict[str, Any]]:
    services.get_client(request, client_id, action="episode.list")
    return [ser.episode_dict(e) for e in services.list_episodes(request, client_id=client_id)]


# ------------------------------------------------------------------------------ episodes

@router.post("/episodes", response={201: dict}, summary="Register a referral: a new episode")
def create_episode(request: HttpRequest, payload: EpisodeIn) -> HttpResponse:
    def handler() -> tuple[int, Any]:
        episode = services.open_episode(
            request, payload.client_id, payload.unit, payload.referral_date, payload.concerns,
            payload.referral_source, payload.navigator.model_dump() if payload.navigator else None,
        )
        return 201, ser.episode_dict(episode)

    return _post(request, "episodes.create", payload, handler)


@router.get("/episodes", response=list[dict], summary="Episodes in my units")
def list_episodes(request: HttpRequest, client_id: int | None = None, open: bool = False) -> list[dict[str, Any]]:
    return [ser.episode_dict(e) for e in services.list_episodes(request, client_id=client_id, open_only=open)]


@router.get("/episodes/{episode_id}", response=dict, summary="One episode")
def get_episode(request: HttpRequest, episode_id: int) -> dict[str, Any]:
    return ser.episode_dict(services.read_episode(request, episode_id))


@router.patch("/episodes/{episode_id}", response=dict,
              summary="Change an episode (assessment, step, intervention, end); carries the version read")
def patch_episode(request: HttpRequest, episode_id: int, payload: EpisodePatch) -> dict[str, Any]:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    episode = services.update_episode(request, episode_id, version, changes)
    return ser.episode_dict(episode)


@router.post("/episodes/{episode_id}/transfer", response={200: dict}, summary="Transfer an episode to another unit")
def transfer_episode(request: HttpRequest, episode_id: int, payload: TransferIn) -> HttpResponse:
    def handler() -> tuple[int, Any]:
        episode = services.transfer_episode(request, episode_id, payload.version, payload.to_unit, payload.date,
                                            payload.reason)
        return 200, ser.episode_dict(episode)

    return _post(request, f"episodes.{episode_id}.transfer", payload, handler)


@router.post("/episodes/{episode_id}/appointments", response={201: dict}, summary="Record an appointment")
def create_appointment(request: HttpRequest, episode_id: int, payload: AppointmentIn) -> HttpResponse:
    def handler() -> tuple[int, Any]:
        a = services.add_appointment(request, episode_id, payload.date, payload.kind, payload.status)
        return 201, ser.appointment_dict(a)

    return _post(request, f"episodes.{episode_id}.appointments", payload, handler)


@router.get("/episodes/{episode_id}/appointments", response=list[dict], summary="An episode's appointments")
def list_appointments(request: HttpRequest, episode_id: int) -> list[dict[str, Any]]:
    return [ser.appointment_dict(a) for a in services.list_appointments(request, episode_id)]


@router.post("/appointments/{appointment_id}/status", response=dict, summary="Mark a booked appointment")
def appointment_status(request: HttpRequest, appointment_id: int, payload: AppointmentStatusIn) -> dict[str, Any]:
    a = services.set_appointment_status(request, appointment_id, payload.status)
    return ser.appointment_dict(a)


@router.post("/episodes/{episode_id}/measurements", response={201: dict},
             summary="Record a measurement: answers are scored; the score and risk flags are returned")
def create_measurement(request: HttpRequest, episode_id: int, payload: MeasurementIn) -> HttpResponse:
    def handler() -> tuple[int, Any]:
        m = services.record_measurement(request, episode_id, payload.instrument, payload.date, payload.answers,
                                        appointment_id=payload.appointment_id, text_pack=payload.text_pack or "")
        return 201, ser.measurement_dict(m)

    return _post(request, f"episodes.{episode_id}.measurements", payload, handler)


@router.get("/episodes/{episode_id}/measurements", response=list[dict], summary="An episode's measurements")
def list_measurements(request: HttpRequest, episode_id: int) -> list[dict[str, Any]]:
    return [ser.measurement_dict(m) for m in services.list_measurements(request, episode_id)]


# ------------------------------------------------------------------------------ risk, safety, follow-up

@router.get("/episodes/{episode_id}/risk-flags", response=list[dict], summary="Risk flags of an episode")
def list_risk_flags(request: HttpRequest, episode_id: int, open: bool = False) -> list[dict[str, Any]]:
    episode = services.get_episode(request, episode_id, action="risk_flag.list")
    flags = episode.risk_flags.all()
    if open:
        flags = flags.filter(acknowledged_at__isnull=True)
    found = list(flags)
    services.audit.record(request, "risk_flag.list", "episode", episode.pk, detail={"count": len(found)})
    return [ser.risk_flag_dict(f) for f in found]


@router.post("/risk-flags/{flag_id}/acknowledge", response={200: dict}, summary="Acknowledge a risk flag with a note")
def acknowledge_risk_flag(request: HttpRequest, flag_id: int, payload: NoteIn) -> HttpResponse:
    def handler() -> tuple[int, Any]:
        return 200, ser.risk_flag_dict(services.acknowledge_risk_flag(request, flag_id, payload.note))

    return _post(request, f"risk_flags.{flag_id}.acknowledge", payload, handler)


@router.get("/episodes/{episode_id}/safety-plan", response=list[dict], summary="Safety plan versions, newest first")
def list_safety_plans(request: HttpRequest, episode_id: int) -> list[dict[str, Any]]:
    episode = services.get_episode(request, episode_id, action="safety_plan.read")
    plans = list(episode.safety_plans.all())
    services.audit.record(request, "safety_plan.read", "episode", episode.pk, detail={"versions": len(plans)})
    return [ser.safety_plan_dict(p) for p in plans]


@router.post("/episodes/{episode_id}/safety-plan", response={201: dict}, summary="Save a new version of the safety plan")
def create_safety_plan(request: HttpRequest, episode_id: int, payload: SafetyPlanIn) -> HttpResponse:
    def handler() -> tuple[int, Any]:
        return 201, ser.safety_plan_dict(services.save_safety_plan(request, episode_id, payload.model_dump()))

    return _post(request, f"episodes.{episode_id}.safety_plan", payload, handler)


@router.post("/episodes/{episode_id}/followups", response={201: dict},
             summary="Record a suicide-attempt or self-harm contact: schedules a follow-up")
def create_followup(request: HttpRequest, episode_id: int, payload: FollowUpIn) -> HttpResponse:
    def handler() -> tuple[int, Any]:
        f = services.record_self_harm_contact(request, episode_id, payload.reason, payload.contact_date)
        return 201, ser.followup_dict(f)

    return _post(request, f"episodes.{episode_id}.followups", payload, handler)


@router.post("/followups/{followup_id}/done", response={200: dict}, summary="Mark a follow-up done")
def followup_done(request: HttpRequest, followup_id: int, payload: FollowUpDoneIn) -> HttpResponse:
    def handler() -> tuple[int, Any]:
        return 200, ser.followup_dict(services.complete_followup(request, followup_id, payload.note))

    return _post(request, f"followups.{followup_id}.done", payload, handler)


@router.get("/followups/overdue", response=list[dict], summary="Overdue follow-ups in my units")
def overdue_followups(request: HttpRequest) -> list[dict[str, Any]]:
    return [ser.followup_dict(f) for f in services.overdue_followups(request)]


@router.get("/worklist", response=list[dict], summary="My open episodes and what needs attention")
def worklist(request: HttpRequest, mine: bool = True) -> list[dict[str, Any]]:
    return [
        {"episode": ser.episode_dict(r.episode), "next_appointment": r.next_appointment,
         "measure_due": r.measure_due, "open_risk_flags": r.open_risk_flags,
         "overdue_followups": r.overdue_followups}
        for r in services.worklist(request, mine_only=mine)
    ]
