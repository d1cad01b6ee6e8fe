"""Use cases of digital care at steps 0 and 1: one function per action, one transaction per write,
audited.

Professionals act through :mod:`porras.accounts.authz` (the episode's unit decides, as in care). A
client acts only through a :class:`ClientAccess` made from a code the professional gave them: it
reaches the one assignment (or the one questionnaire) of that code and nothing else, and is audited
under the name ``client`` with the assignment or episode beside it, never anything identifying.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from porras.accounts import audit, authz
from porras.accounts.roles import Perm
from porras.care import services as care
from porras.care.models import Episode, Measurement
from porras.instruments.domain import UnknownInstrument, load_instrument
from porras.instruments.services import score_answers
from porras.lib.errors import Conflict, InputError, NotFound, TooManyRequests
from porras.navigator import limits
from porras.navigator.crisis import PrintedContact, crisis_contacts_for
from porras.selfcare.domain import attention as attention_rules
from porras.selfcare.domain import suitability
from porras.selfcare.domain.programmes import (
    TEXT_MAX,
    Module,
    Programme,
    UnknownProgramme,
    load_programme,
    programmes,
)
from porras.selfcare.models import (
    AccessCode,
    AccessKind,
    Assignment,
    ClientSession,
    Message,
    ModuleProgress,
    OpenProgress,
    Sender,
)

log = logging.getLogger(__name__)

# Codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), ~59 bits; shown as
# XXXX-XXXX-XXXX. Session tokens: 32 random bytes.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
TOKEN_PREFIX = "porrasc_"
# A programme code works for the programme's expected weeks and this margin (a pause, a late start).
CODE_MARGIN = dt.timedelta(weeks=4)
# Failed code exchanges allowed per client address per window (brute-force protection; not clinical).
EXCHANGE_LIMIT = 10
EXCHANGE_WINDOW = dt.timedelta(minutes=15)
MESSAGE_MAX = 4000
LAST_USED_EVERY = dt.timedelta(minutes=1)  # a sign-in's last use is written at most this often
REASON_MAX = 2000
CLIENT = "client"  # the audit log's name for a client acting through a code
# The one e-mail Porras sends about digital care: no health data, no name, no programme.
NOTICE_SUBJECT = "Porras"
NOTICE_BODY = ("Sinulla on uusi asia Porrasissa.\nDu har ett nytt ärende i Porras.\nYou have a new item in Porras.\n")


class CodeNotFound(NotFound):
    """No usable code: unknown, expired, revoked, already used, or its episode has ended."""


class TooManyCodes(TooManyRequests):
    """Too many codes that did not match from one address; try again later."""


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("ascii", "replace")).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch not in " -")


def format_code(code: str) -> str:
    return "-".join(code[i: i + 4] for i in range(0, len(code), 4))


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not AccessCode.objects.filter(code_hash=_hash(code)).exists():
            return code


def _user(actor: Any) -> Any:
    return getattr(actor, "user", actor)


# ------------------------------------------------------------------------------ programmes (public)

def all_programmes() -> list[Programme]:
    return sorted(programmes().values(), key=lambda p: (p.step, p.id))


def get_programme(programme_id: str, field: str | None = None) -> Programme:
    """The programme; unknown: :class:`NotFound`, or an :class:`InputError` on ``field`` when it came in a body."""
    try:
        return load_programme(programme_id)
    except UnknownProgramme:
        if field:
            raise InputError.of(field, "is not a programme of Porras") from None
        raise NotFound("programme: not found") from None


def get_open_programme(programme_id: str) -> Programme:
    programme = get_programme(programme_id)
    if not programme.open:
        raise NotFound("programme: not an open programme")
    return programme


def get_module(programme: Programme, module_id: str) -> Module:
    try:
        return programme.module(module_id)
    except KeyError:
        raise NotFound("module: not found") from None


def check_answers(module: Module, answers: Mapping[str, Any]) -> dict[str, str]:
    """The module's exercise answers, each checked (an unknown exercise or an impossible answer is an
    InputError naming it); empty answers are left out."""
    cleaned: dict[str, str] = {}
    for key, raw in answers.items():
        try:
            exercise = module.exercise(str(key))
        except KeyError:
            raise InputError.of(f"answers.{key}", "is not an exercise of this module") from None
        value = str(raw if raw is not None else "").strip()
        if not value:
            continue
        if not exercise.accepts(value):
            reason = ("is too long" if exercise.kind == "text" else
                      "is not one of the options" if exercise.kind == "choice" else "must be a whole number from 0 to 10")
            raise InputError.of(f"answers.{key}", reason)
        cleaned[exercise.id] = value
    return cleaned


# ------------------------------------------------------------------------------ assigning (professionals)

def _age_at_least(birth_year: int, today: dt.date) -> int:
    """The youngest the client can be from their birth year alone (a birthday later in the year)."""
    return today.year - birth_year - 1


@dataclass(frozen=True)
class Assigned:
    assignment: Assignment
    code: str  # formatted; shown once
    expires_at: dt.datetime


def authorise_episode(actor: Any, episode_id: int, action: str) -> None:
    """The actor may write to the episode, and it is open (before a stored answer is replayed)."""
    _live_episode(actor, episode_id, action)


def _live_episode(actor: Any, episode_id: int, action: str, perm: Perm = Perm.CLIENT_WRITE) -> Episode:
    episode = care.get_episode(actor, episode_id, perm, action)
    if episode.voided_at is not None:
        raise Conflict("episode: it was voided as entered in error")
    if episode.end_date is not None:
        raise Conflict("episode: it has ended")
    return episode


def assign_programme(actor: Any, episode_id: int, programme_id: str, *, exclusions: Sequence[str] = (),
                     override_reason: str = "") -> Assigned:
    """Give the episode a programme and a code for the client. The programme's suitability criteria
    are checked (the client's age, an open risk flag, the exclusions the professional found); an
    assignment that breaks any of them needs ``override_reason``, recorded with it."""
    programme = get_programme(programme_id, "programme")
    reason = (override_reason or "").strip()
    if len(reason) > REASON_MAX:
        raise InputError.of("override_reason", f"is longer than {REASON_MAX} characters")
    _live_episode(actor, episode_id, "selfcare.assign")  # authorised before the write
    with transaction.atomic():
        episode = care.get_episode(actor, episode_id, Perm.CLIENT_WRITE, "selfcare.assign", for_update=True)
        if Assignment.objects.filter(episode=episode, programme=programme.id, ended_at__isnull=True).exists():
            raise Conflict("programme: the episode already has this programme")
        flags = episode.risk_flags.filter(acknowledged_at__isnull=True).count()
        try:
            unmet = suitability.unmet_criteria(programme, age=_age_at_least(episode.client.birth_year, timezone.localdate()),
                                               open_risk_flags=flags, found=exclusions)
        except KeyError as exc:
            raise InputError.of("exclusions", f"{exc.args[0]!r} is not an exclusion criterion of this programme") from None
        if unmet and not reason:
            raise InputError([{"field": "override_reason",
                               "reason": "is required: the client does not meet the programme's criteria"}],
                             extra={"unmet": [{"criterion": u.criterion, "why": u.why} for u in unmet]})
        now = timezone.now()
        assignment = Assignment.objects.create(
            episode=episode, programme=programme.id, programme_version=programme.version,
            modules_total=len(programme.modules), assigned_by=_user(actor), started_at=now,
            unmet=[{"criterion": u.criterion, "why": u.why} for u in unmet], override_reason=reason if unmet else "")
        code = _new_code()
        expires = now + dt.timedelta(weeks=programme.expected_weeks) + CODE_MARGIN
        AccessCode.objects.create(code_hash=_hash(code), kind=AccessKind.PROGRAMME, episode=episode,
                                  assignment=assignment, created_by=_user(actor), created_at=now, expires_at=expires)
        audit.record(actor, "selfcare.assign", "assignment", assignment.pk,
                     detail={"episode": episode.pk, "programme": programme.id, "override": bool(unmet)})
    return Assigned(assignment, format_code(code), expires)


def _assignment_for(actor: Any, assignment_id: int, action: str, perm: Perm = Perm.CLIENT_WRITE) -> Assignment:
    care.require_client_access(actor, perm, action, "assignment", assignment_id)
    episode_id = Assignment.objects.filter(pk=assignment_id).values_list("episode_id", flat=True).first()
    if episode_id is None:
        raise NotFound("assignment: not found")
    care.get_episode(actor, episode_id, perm, action)
    return Assignment.objects.select_related("episode").get(pk=assignment_id)


def _revoke(assignment_ids: Sequence[int] = (), episode_ids: Sequence[int] = (), at: dt.datetime | None = None) -> int:
    now = at or timezone.now()
    codes = AccessCode.objects.filter(Q(assignment_id__in=assignment_ids) | Q(episode_id__in=episode_ids))
    ClientSession.objects.filter(access__in=codes, revoked_at__isnull=True).update(revoked_at=now)
    return codes.filter(revoked_at__isnull=True).update(revoked_at=now)


def new_code(actor: Any, assignment_id: int) -> Assigned:
    """A new code for a client who lost theirs: every earlier code and sign-in of the assignment stops."""
    _assignment_for(actor, assignment_id, "selfcare.code")
    with transaction.atomic():
        assignment = _assignment_for(actor, assignment_id, "selfcare.code")
        if not assignment.active:
            raise Conflict("assignment: it has ended")
        _revoke([assignment.pk])
        programme = get_programme(assignment.programme)
        code = _new_code()
        expires = max(timezone.now(), assignment.started_at + dt.timedelta(weeks=programme.expected_weeks)) + CODE_MARGIN
        AccessCode.objects.create(code_hash=_hash(code), kind=AccessKind.PROGRAMME, episode=assignment.episode,
                                  assignment=assignment, created_by=_user(actor), expires_at=expires)
        audit.record(actor, "selfcare.code", "assignment", assignment.pk, detail={"episode": assignment.episode_id})
    return Assigned(assignment, format_code(code), expires)


def revoke_access(actor: Any, assignment_id: int) -> int:
    """The professional stops the client's codes and sign-ins of an assignment at once."""
    _assignment_for(actor, assignment_id, "selfcare.revoke")
    with transaction.atomic():
        assignment = _assignment_for(actor, assignment_id, "selfcare.revoke")
        revoked = _revoke([assignment.pk])
        audit.record(actor, "selfcare.revoke", "assignment", assignment.pk, detail={"episode": assignment.episode_id})
    return revoked


def end_assignment(actor: Any, assignment_id: int) -> Assignment:
    _assignment_for(actor, assignment_id, "selfcare.end")
    with transaction.atomic():
        assignment = _assignment_for(actor, assignment_id, "selfcare.end")
        assignment.end()
        _revoke([assignment.pk])
        audit.record(actor, "selfcare.end", "assignment", assignment.pk, detail={"episode": assignment.episode_id})
    return assignment


def end_episode_access(episode_id: int) -> None:
    """An ended or voided episode: its programmes end and every code and sign-in stops (signals.py)."""
    with transaction.atomic():
        now = timezone.now()
        ended = Assignment.objects.filter(episode_id=episode_id, ended_at__isnull=True).update(ended_at=now)
        revoked = _revoke(episode_ids=[episode_id], at=now)
        if ended or revoked:
            audit.record(None, "selfcare.episode_ended", "episode", episode_id,
                         detail={"assignments": ended, "codes": revoked})


@dataclass(frozen=True)
class Requested:
    code: str
    expires_at: dt.datetime
    instrument: str


def request_questionnaire(actor: Any, episode_id: int, instrument: str) -> Requested:
    """A single-use, expiring code for the client to answer one questionnaire before the next appointment."""
    try:
        load_instrument(instrument)
    except UnknownInstrument:
        raise InputError.of("instrument", "is not an instrument of Porras") from None
    _live_episode(actor, episode_id, "selfcare.questionnaire_request")
    with transaction.atomic():
        episode = care.get_episode(actor, episode_id, Perm.CLIENT_WRITE, "selfcare.questionnaire_request")
        now = timezone.now()
        code = _new_code()
        expires = now + dt.timedelta(days=settings.PORRAS_QUESTIONNAIRE_CODE_DAYS)
        access = AccessCode.objects.create(code_hash=_hash(code), kind=AccessKind.QUESTIONNAIRE, episode=episode,
                                           instrument=instrument, created_by=_user(actor), created_at=now,
                                           expires_at=expires)
        audit.record(actor, "selfcare.questionnaire_request", "episode", episode.pk,
                     detail={"instrument": instrument, "code": access.pk})
    return Requested(format_code(code), expires, instrument)


# ------------------------------------------------------------------------------ the client's way in

@dataclass(frozen=True)
class ClientAccess:
    """A client signed in with a code: reaches the one assignment, or the one questionnaire, of it."""

    session: ClientSession
    access: AccessCode
    episode_id: int
    assignment: Assignment | None

    @property
    def kind(self) -> str:
        return self.access.kind

    @property
    def audit_detail(self) -> dict[str, Any]:
        if self.assignment is not None:
            return {"assignment": self.assignment.pk, "episode": self.episode_id}
        return {"episode": self.episode_id, "code": self.access.pk}


@dataclass(frozen=True)
class SignedIn:
    token: str
    expires_at: dt.datetime
    kind: str


def exchange_code(code: str, *, address: str, now: dt.datetime | None = None) -> SignedIn:
    """A code for a sign-in (a bearer token; the browser keeps it in its session). Codes that do not
    match are limited per client address (kept only as a keyed hash); a questionnaire code works once."""
    now = now or timezone.now()
    key = limits.address_key("client-access", address)
    decision = limits.take(key, EXCHANGE_LIMIT, EXCHANGE_WINDOW, now=now)
    if not decision.allowed:
        audit.record(None, "selfcare.client_access", "code", "", audit.Outcome.DENIED, {"reason": "rate_limited"},
                     username=CLIENT)
        raise TooManyCodes("too many codes that did not match; try again later", retry_after=decision.retry_after)
    with transaction.atomic():
        access = (AccessCode.objects.select_for_update().select_related("episode")
                  .filter(code_hash=_hash(normalise_code(code))).first())
        if access is None or not access.usable(now) or access.episode.end_date is not None \
                or access.episode.voided_at is not None:
            audit.record(None, "selfcare.client_access", "code", "", audit.Outcome.FAILED,
                         {"reason": "unknown_expired_or_used"}, username=CLIENT)
            raise CodeNotFound("code: unknown, expired or already used")
        if access.kind == AccessKind.QUESTIONNAIRE:
            access.used_at = now
            access.save(update_fields=["used_at"])
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        expires = min(access.expires_at, now + dt.timedelta(hours=settings.PORRAS_CLIENT_SESSION_HOURS))
        session = ClientSession.objects.create(token_hash=_hash(raw), access=access, created_at=now, expires_at=expires)
        detail = {"episode": access.episode_id, "session": session.pk}
        if access.assignment_id:
            detail["assignment"] = access.assignment_id
        audit.record(None, "selfcare.client_access", "code", access.pk, detail=detail, username=CLIENT)
    limits.give_back(key)
    return SignedIn(raw, expires, access.kind)


def client_access(raw_token: str, *, now: dt.datetime | None = None) -> ClientAccess | None:
    """The client's access of a live token: unexpired, unrevoked, its code unrevoked, its episode open."""
    if not raw_token.startswith(TOKEN_PREFIX):
        return None
    now = now or timezone.now()
    session = (ClientSession.objects.select_related("access__episode", "access__assignment")
               .filter(token_hash=_hash(raw_token), revoked_at__isnull=True, expires_at__gt=now).first())
    if session is None:
        return None
    access = session.access
    if access.revoked_at is not None or access.episode.end_date is not None or access.episode.voided_at is not None:
        return None
    if access.assignment is not None and not access.assignment.active:
        return None
    if session.last_used_at is None or now - session.last_used_at > LAST_USED_EVERY:
        ClientSession.objects.filter(pk=session.pk).update(last_used_at=now)
    return ClientAccess(session, access, access.episode_id, access.assignment)


def sign_out(access: ClientAccess) -> None:
    with transaction.atomic():
        ClientSession.objects.filter(pk=access.session.pk).update(revoked_at=timezone.now())
        audit.record(None, "selfcare.client_sign_out", "client_session", access.session.pk,
                     detail=access.audit_detail, username=CLIENT)


def _assignment_of(access: ClientAccess) -> Assignment:
    if access.assignment is None:
        raise NotFound("programme: this code is for a questionnaire only")
    return access.assignment


@dataclass(frozen=True)
class ModuleState:
    module: Module
    completed: bool
    answers: dict[str, str]
    feedback: str
    measured: bool


@dataclass(frozen=True)
class ClientProgramme:
    assignment: Assignment
    programme: Programme
    modules: list[ModuleState]

    @property
    def completed(self) -> int:
        return sum(1 for m in self.modules if m.completed)

    @property
    def next_module(self) -> Module | None:
        return next((m.module for m in self.modules if not m.completed), None)


def _states(assignment: Assignment, programme: Programme) -> list[ModuleState]:
    by_module = {p.module: p for p in assignment.progress.all()}
    states = []
    for module in programme.modules:
        progress = by_module.get(module.id)
        states.append(ModuleState(
            module, bool(progress and progress.completed_at), dict(progress.answers) if progress else {},
            progress.feedback if progress else "", bool(progress and progress.measurement_id)))
    return states


def client_programme(access: ClientAccess) -> ClientProgramme:
    """The client's own programme and progress (audited as the client's read)."""
    assignment = _assignment_of(access)
    programme = get_programme(assignment.programme)
    audit.record(None, "selfcare.programme.read", "assignment", assignment.pk, detail=access.audit_detail, username=CLIENT)
    return ClientProgramme(assignment, programme, _states(assignment, programme))


def _touch(assignment: Assignment, now: dt.datetime) -> None:
    Assignment.objects.filter(pk=assignment.pk).update(last_client_activity_at=now)


def save_module(access: ClientAccess, module_id: str, answers: Mapping[str, Any], *, complete: bool) -> ModuleProgress:
    """The client saves a module's exercises, and marks it done when ``complete``."""
    assignment = _assignment_of(access)
    programme = get_programme(assignment.programme)
    module = get_module(programme, module_id)
    cleaned = check_answers(module, answers)
    now = timezone.now()
    with transaction.atomic():
        progress, _ = ModuleProgress.objects.select_for_update().get_or_create(assignment=assignment, module=module.id)
        progress.answers = {**progress.answers, **cleaned}
        newly_completed = complete and progress.completed_at is None
        if newly_completed:
            progress.completed_at = now
        progress.save(update_fields=["answers", "completed_at"])
        if newly_completed:
            Assignment.objects.filter(pk=assignment.pk).update(awaiting_feedback=F("awaiting_feedback") + 1,
                                                               modules_completed=F("modules_completed") + 1)
        _touch(assignment, now)
        audit.record(None, "selfcare.module_save", "assignment", assignment.pk,
                     detail={**access.audit_detail, "module": module.id, "completed": progress.completed_at is not None},
                     username=CLIENT)
        if complete:
            _notify_after_commit(assignment.episode_id, assignment)
    return progress


@dataclass(frozen=True)
class ClientMeasured:
    measurement: Measurement
    risk: bool
    crisis_contacts: list[PrintedContact]


def client_measurement(access: ClientAccess, instrument: str, answers: Sequence[Any], *, module_id: str | None = None,
                       language: str = "fi") -> ClientMeasured:
    """The client answers an instrument: the programme's embedded measure (at a module) or the
    requested questionnaire. It becomes the episode's measurement (channel ``client``); a risk answer
    raises the episode's risk flag in the same transaction, notifies the responsible professional and
    returns the crisis contacts to show at once."""
    if access.kind == AccessKind.QUESTIONNAIRE:  # one answer: the sign-in ends with it (below)
        if instrument != access.access.instrument:
            raise InputError.of("instrument", "is not the questionnaire this code was given for")
    else:
        programme = get_programme(_assignment_of(access).programme)
        if instrument not in programme.instruments:
            raise InputError.of("instrument", "is not a measure of this programme")
        if module_id is not None and get_module(programme, module_id).instrument != instrument:
            raise InputError.of("module", "does not carry this measure")
    scored = score_answers(instrument, answers)
    now = timezone.now()
    with transaction.atomic():
        measurement = care.record_client_measurement(access.episode_id, scored, language=language, username=CLIENT,
                                                     detail=access.audit_detail)
        if access.assignment is not None:
            module = module_id or _module_for_measure(access.assignment, instrument)
            if module:
                progress, _ = ModuleProgress.objects.get_or_create(assignment=access.assignment, module=module)
                progress.measurement = measurement
                progress.save(update_fields=["measurement"])
            _touch(access.assignment, now)
        else:
            ClientSession.objects.filter(pk=access.session.pk).update(revoked_at=now)  # the questionnaire is done
        risk = bool(scored.result.risk_flags)
        _notify_after_commit(access.episode_id, access.assignment, urgent=risk)
    return ClientMeasured(measurement, risk, crisis_contacts_for(language) if risk else [])


def _module_for_measure(assignment: Assignment, instrument: str) -> str | None:
    """The module a measure answered outside a module page belongs to: the first module carrying it
    that has no measurement yet."""
    programme = get_programme(assignment.programme)
    measured = set(assignment.progress.filter(measurement__isnull=False).values_list("module", flat=True))
    return next((m.id for m in programme.modules if m.instrument == instrument and m.id not in measured), None)


# ------------------------------------------------------------------------------ messages

def _check_body(body: str) -> str:
    text = (body or "").strip()
    if not text:
        raise InputError.of("body", "is required")
    if len(text) > MESSAGE_MAX:
        raise InputError.of("body", f"is longer than {MESSAGE_MAX} characters")
    return text


def client_messages(access: ClientAccess) -> list[Message]:
    assignment = _assignment_of(access)
    found = list(assignment.messages.all())
    audit.record(None, "selfcare.message.list", "assignment", assignment.pk,
                 detail={**access.audit_detail, "count": len(found)}, username=CLIENT)
    return found


def client_send(access: ClientAccess, body: str) -> Message:
    assignment = _assignment_of(access)
    text = _check_body(body)
    with transaction.atomic():
        message = Message.objects.create(assignment=assignment, sender=Sender.CLIENT, body=text)
        _touch(assignment, message.created_at)
        Assignment.objects.filter(pk=assignment.pk).update(client_message_at=message.created_at)
        audit.record(None, "selfcare.message_send", "message", message.pk, detail=access.audit_detail, username=CLIENT)
        _notify_after_commit(assignment.episode_id, assignment)
    return message


def _episode_assignment(actor: Any, episode_id: int, action: str, perm: Perm,
                        assignment_id: int | None = None) -> Assignment:
    """The episode's assignment named (it must be the episode's), else its newest active one."""
    care.get_episode(actor, episode_id, perm, action)
    found = Assignment.objects.filter(episode_id=episode_id)
    if assignment_id is not None:
        found = found.filter(pk=assignment_id)
    assignment = found.order_by(F("ended_at").asc(nulls_first=True), "-started_at", "-pk").first()
    if assignment is None:
        raise NotFound("assignment: the episode has no such programme")
    return assignment


def therapist_messages(actor: Any, episode_id: int) -> list[Message]:
    """Every message of the episode's programmes, oldest first."""
    care.get_episode(actor, episode_id, Perm.CLIENT_READ, "selfcare.message.list")
    found = list(Message.objects.filter(assignment__episode_id=episode_id).order_by("created_at", "pk"))
    audit.record(actor, "selfcare.message.list", "episode", episode_id,
                 detail={"assignments": sorted({m.assignment_id for m in found}), "count": len(found)})
    return found


def therapist_send(actor: Any, episode_id: int, body: str, assignment_id: int | None = None) -> Message:
    """The therapist writes to the client of the named programme (else of the newest active one)."""
    text = _check_body(body)
    _episode_assignment(actor, episode_id, "selfcare.message_send", Perm.CLIENT_WRITE, assignment_id)
    with transaction.atomic():
        assignment = _episode_assignment(actor, episode_id, "selfcare.message_send", Perm.CLIENT_WRITE, assignment_id)
        if not assignment.active:
            raise Conflict("assignment: it has ended")
        message = Message.objects.create(assignment=assignment, sender=Sender.THERAPIST, author=_user(actor), body=text)
        Assignment.objects.filter(pk=assignment.pk).update(therapist_message_at=message.created_at)
        audit.record(actor, "selfcare.message_send", "message", message.pk,
                     detail={"assignment": assignment.pk, "episode": episode_id})
    return message


def give_feedback(actor: Any, assignment_id: int, module_id: str, text: str) -> ModuleProgress:
    body = (text or "").strip()
    if not body:
        raise InputError.of("feedback", "is required")
    if len(body) > MESSAGE_MAX:
        raise InputError.of("feedback", f"is longer than {MESSAGE_MAX} characters")
    _assignment_for(actor, assignment_id, "selfcare.feedback")
    with transaction.atomic():
        assignment = _assignment_for(actor, assignment_id, "selfcare.feedback")
        get_module(get_programme(assignment.programme), module_id)
        progress = ModuleProgress.objects.select_for_update().filter(assignment=assignment, module=module_id).first()
        if progress is None or progress.completed_at is None:
            raise InputError.of("module", "has not been completed by the client yet")
        first_feedback = progress.feedback_at is None
        progress.feedback, progress.feedback_at, progress.feedback_by = body, timezone.now(), _user(actor)
        progress.save(update_fields=["feedback", "feedback_at", "feedback_by"])
        if first_feedback:
            Assignment.objects.filter(pk=assignment.pk, awaiting_feedback__gt=0).update(
                awaiting_feedback=F("awaiting_feedback") - 1)
        audit.record(actor, "selfcare.feedback", "assignment", assignment.pk,
                     detail={"episode": assignment.episode_id, "module": module_id})
    return progress


# ------------------------------------------------------------------------------ the therapist's view

@dataclass(frozen=True)
class AssignmentView:
    assignment: Assignment
    programme: Programme
    modules: list[ModuleState]
    messages: list[Message]
    progress_by_module: dict[str, ModuleProgress]

    @property
    def completed(self) -> int:
        return sum(1 for m in self.modules if m.completed)


@dataclass(frozen=True)
class EpisodeDigital:
    episode: Episode
    assignments: list[AssignmentView]
    questionnaire_codes: list[AccessCode]
    open_risk_flags: int


def episode_digital(actor: Any, episode_id: int) -> EpisodeDigital:
    """Everything digital of an episode for its professionals: programmes with progress, exercises,
    measures, feedback and messages, and the questionnaires sent (audited as one read)."""
    episode = care.get_episode(actor, episode_id, Perm.CLIENT_READ, "selfcare.episode.read")
    views = []
    for assignment in Assignment.objects.filter(episode=episode).prefetch_related("progress", "messages"):
        try:
            programme = get_programme(assignment.programme)
        except NotFound:
            continue
        views.append(AssignmentView(assignment, programme, _states(assignment, programme), list(assignment.messages.all()),
                                    {p.module: p for p in assignment.progress.all()}))
    codes = list(AccessCode.objects.filter(episode=episode, kind=AccessKind.QUESTIONNAIRE).order_by("-created_at")[:20])
    audit.record(actor, "selfcare.episode.read", "episode", episode.pk,
                 detail={"assignments": [v.assignment.pk for v in views]})
    return EpisodeDigital(episode, views, codes, episode.risk_flags.filter(acknowledged_at__isnull=True).count())


@dataclass(frozen=True)
class WorkRow:
    assignment: Assignment
    programme: Programme
    client_label: str  # how professionals recognise the client (care's Client.label), never a name
    completed: int
    attention: attention_rules.Attention


WORKLIST_PAGE = 50


@dataclass(frozen=True)
class WorkPage:
    rows: list[WorkRow]
    page: int
    more: bool

    @property
    def previous_page(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next_page(self) -> int | None:
        return self.page + 1 if self.more else None


def _in_scope(actor: Any) -> QuerySet[Assignment]:
    return authz.scope_queryset(_user(actor), Perm.CLIENT_READ, Assignment.objects.all(), unit_field="episode__unit")


def worklist(actor: Any, *, mine_only: bool = True, now: dt.datetime | None = None, page: int = 1,
             limit: int = WORKLIST_PAGE) -> WorkPage:
    """Active programmes in the user's units (their own: responsible for the episode or assigned by
    them) with what needs the therapist: feedback awaited, no activity for
    ``PORRAS_SELFCARE_INACTIVE_DAYS``, a measure due, unanswered messages. Those needing something first."""
    care.require_client_access(actor, Perm.CLIENT_READ, "selfcare.worklist.read")
    now = now or timezone.now()
    page = max(1, page)
    offset = (page - 1) * limit
    qs = _in_scope(actor).filter(ended_at__isnull=True, episode__voided_at__isnull=True)
    if mine_only:
        user = _user(actor)
        qs = qs.filter(Q(episode__responsible=user) | Q(assigned_by=user))
    # What needs the therapist first (feedback awaited, a client message unanswered, no activity), then
    # the most recent activity, from the assignment's own columns; counted per row for one page only.
    # (needs would be NULL, not false, where a comparison meets a NULL - PostgreSQL sorts NULL first in
    # DESC - hence the COALESCE.)
    since = now - dt.timedelta(days=settings.PORRAS_SELFCARE_INACTIVE_DAYS)
    needs = (Q(awaiting_feedback__gt=0)
             | Q(client_message_at__isnull=False, therapist_message_at__isnull=True)
             | Q(client_message_at__gt=F("therapist_message_at"))
             | Q(last_client_activity_at__lt=since)
             | Q(last_client_activity_at__isnull=True, started_at__lt=since))
    ids = list(qs.annotate(needs=Coalesce(ExpressionWrapper(needs, output_field=BooleanField()), Value(False)))
               .order_by(F("needs").desc(), F("last_client_activity_at").desc(nulls_last=True), "-pk")
               .values_list("pk", flat=True)[offset: offset + limit + 1])
    more = len(ids) > limit  # one row past the page tells whether there is a next page (no count)
    ids = ids[:limit]
    rows = sorted(Assignment.objects.filter(pk__in=ids), key=lambda a: ids.index(a.pk))
    labels = {episode: local or f"#{client}" for episode, local, client in Episode.objects.filter(
        pk__in=[a.episode_id for a in rows]).values_list("pk", "client__local_identifier", "client_id")}
    progress_of: dict[int, dict[str, set[str]]] = {a_id: {"done": set(), "measured": set()} for a_id in ids}
    for a_id, module, done, m_id in ModuleProgress.objects.filter(assignment_id__in=ids).values_list(
            "assignment_id", "module", "completed_at", "measurement_id"):
        if done:
            progress_of[a_id]["done"].add(module)
        if m_id:
            progress_of[a_id]["measured"].add(module)
    out = []
    for a in rows:
        try:
            programme = get_programme(a.programme)
        except NotFound:
            continue
        mine = progress_of[a.pk]
        from_client, from_therapist = a.client_message_at, a.therapist_message_at
        unanswered = int(bool(from_client and (from_therapist is None or from_therapist < from_client)))
        progress = attention_rules.Progress(
            started=a.started_at, last_activity=a.last_client_activity_at, completed=frozenset(mine["done"]),
            awaiting_feedback=a.awaiting_feedback, unanswered_messages=unanswered, measured=frozenset(mine["measured"]))
        out.append(WorkRow(a, programme, labels.get(a.episode_id, ""), len(mine["done"]),
                           attention_rules.attention(programme, progress, now=now,
                                                     inactive_days=settings.PORRAS_SELFCARE_INACTIVE_DAYS)))
    audit.record(actor, "selfcare.worklist.read", "assignment", "",
                 detail={"assignments": [r.assignment.pk for r in out],
                         "episodes": sorted({r.assignment.episode_id for r in out})})
    return WorkPage(out, page, more)


@dataclass(frozen=True)
class WorklistCounts:
    """How many of the user's own active programmes need them, by reason (one programme may count
    under several)."""

    awaiting_feedback: int
    inactive: int
    measure_due: int
    unanswered_messages: int

    @property
    def any(self) -> bool:
        return bool(self.awaiting_feedback or self.inactive or self.measure_due or self.unanswered_messages)


def _measure_due() -> Q:
    """SQL of :func:`attention_rules.attention`'s "measure due": the first module not completed, in the
    programme's order, carries an instrument that was not answered (per programme file, one condition
    per module with an instrument)."""
    progress = ModuleProgress.objects.filter(assignment=OuterRef("pk"))

    def done(module: str) -> Exists:
        return Exists(progress.filter(module=module, completed_at__isnull=False))

    due = Q(pk__in=[])
    for programme in programmes().values():
        ids = [m.id for m in programme.modules]
        for k, module in enumerate(programme.modules):
            if module.instrument is None:
                continue
            here = Q(programme=programme.id) & ~Q(done(module.id)) & ~Q(
                Exists(progress.filter(module=module.id, measurement__isnull=False)))
            for earlier in ids[:k]:
                here &= Q(done(earlier))
            due |= here
    return due


def worklist_counts(actor: Any, *, now: dt.datetime | None = None) -> WorklistCounts:
    """The counts of :func:`worklist`'s reasons over all of the user's own active programmes (responsible
    for the episode or assigned by them), by the same rules, in one query whatever their number (the
    care work list shows them on every visit). Counts only: no client is named (the work list itself,
    which names them, is audited)."""
    care.require_client_access(actor, Perm.CLIENT_READ, "selfcare.worklist.read")
    now = now or timezone.now()
    user = _user(actor)
    mine = (_in_scope(actor).filter(ended_at__isnull=True, episode__voided_at__isnull=True)
            .filter(Q(episode__responsible=user) | Q(assigned_by=user)))
    since = now - dt.timedelta(days=settings.PORRAS_SELFCARE_INACTIVE_DAYS)
    quiet = Q(last_client_activity_at__lte=since) | Q(last_client_activity_at__isnull=True, started_at__lte=since)
    found = mine.aggregate(
        awaiting_feedback=Count("pk", filter=Q(awaiting_feedback__gt=0)),
        inactive=Count("pk", filter=quiet & Q(modules_completed__lt=F("modules_total"))),
        measure_due=Count("pk", filter=_measure_due()),
        unanswered_messages=Count("pk", filter=Q(client_message_at__isnull=False, therapist_message_at__isnull=True)
                                  | Q(client_message_at__gt=F("therapist_message_at"))),
    )
    return WorklistCounts(**{k: int(v or 0) for k, v in found.items()})


# ------------------------------------------------------------------------------ notifications

def _recipient(episode_id: int, assignment: Assignment | None) -> Any:
    episode = Episode.objects.select_related("responsible").filter(pk=episode_id).first()
    user = episode.responsible if episode is not None else None
    if user is None and assignment is not None:
        user = assignment.assigned_by
    return user


def _notify_after_commit(episode_id: int, assignment: Assignment | None, *, urgent: bool = False) -> None:
    """After the write commits, e-mail the responsible professional that there is something new in
    Porras (no health data, no name: the worklist and the episode page show what). ``urgent``
    (a risk answer) is not said in the e-mail either; the episode's risk flag carries it."""
    user = _recipient(episode_id, assignment)
    if user is None or not user.email:
        return

    def send() -> None:
        try:
            send_mail(NOTICE_SUBJECT, NOTICE_BODY, None, [user.email])
        except Exception:  # a mail server down must not fail the client's write, which is committed
            log.exception("selfcare: the notification e-mail could not be sent")

    transaction.on_commit(send)


# ------------------------------------------------------------------------------ open programmes (step 0)

@dataclass(frozen=True)
class OpenSaved:
    code: str
    expires_at: dt.datetime


SAVE_LIMIT_PER_HOUR = 30  # anonymous saves per client address per hour (flooding protection; not clinical)


def save_open_progress(programme_id: str, completed: Sequence[str], answers: Mapping[str, Mapping[str, str]], *,
                       address: str, code: str | None = None) -> OpenSaved:
    """Keep a resident's progress in an open programme under a random code (a new one, or the one they
    hold); nothing identifying is asked or kept. Limited per address."""
    programme = get_open_programme(programme_id)
    known = {m.id for m in programme.modules}
    done = [m for m in dict.fromkeys(completed) if m in known]
    kept = {m: check_answers(programme.module(m), a) for m, a in answers.items() if m in known}
    decision = limits.take(limits.address_key("open-save", address), SAVE_LIMIT_PER_HOUR, dt.timedelta(hours=1))
    if not decision.allowed:
        raise TooManyCodes("too many saves from this address; try again later", retry_after=decision.retry_after)
    now = timezone.now()
    expires = now + dt.timedelta(days=settings.PORRAS_OPEN_PROGRESS_DAYS)
    with transaction.atomic():
        if code:
            updated = OpenProgress.objects.filter(code_hash=_hash(normalise_code(code)), programme=programme.id,
                                                  expires_at__gt=now).update(completed=done, answers=kept, expires_at=expires)
            if updated:
                return OpenSaved(format_code(normalise_code(code)), expires)
        raw = _new_code()
        OpenProgress.objects.create(code_hash=_hash(raw), programme=programme.id, completed=done, answers=kept,
                                    created_at=now, expires_at=expires)
        audit.record(None, "selfcare.open_save", "open_progress", "", detail={"programme": programme.id},
                     username="anonymous")
    return OpenSaved(format_code(raw), expires)


def open_saved_progress(code: str, *, address: str) -> OpenProgress:
    """A resident's saved progress by its code (limited per address like the self-assessment's code)."""
    key = limits.address_key("open-reopen", address)
    decision = limits.take(key, EXCHANGE_LIMIT, EXCHANGE_WINDOW)
    if not decision.allowed:
        raise TooManyCodes("too many codes that did not match; try again later", retry_after=decision.retry_after)
    found = OpenProgress.objects.filter(code_hash=_hash(normalise_code(code)), expires_at__gt=timezone.now()).first()
    if found is None:
        raise CodeNotFound("code: unknown or expired")
    limits.give_back(key)
    return found


def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete expired saved open progress and expired client sign-ins; returns how many rows."""
    now = now or timezone.now()
    with transaction.atomic():
        progress, _ = OpenProgress.objects.filter(expires_at__lte=now).delete()
        sessions, _ = ClientSession.objects.filter(expires_at__lte=now).delete()
        if progress or sessions:
            audit.record(None, "selfcare.purge", "open_progress", "", detail={"progress": progress, "sessions": sessions})
    return progress + sessions


def text_limit() -> int:
    return TEXT_MAX
