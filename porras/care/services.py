"""Use cases of the care app: one function per action, one transaction per write, audited.

Every function takes the acting user (or request) first, asks :mod:`porras.accounts.authz`, and
writes an audit entry for every read and write of client-level data (denied attempts too). Audit
details never hold identity codes or free text about a person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max, Min, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from porras.accounts import audit, authz
from porras.accounts.models import County, Unit
from porras.accounts.roles import Perm
from porras.care.domain import codes
from porras.care.domain import episodes as rules
from porras.care.domain.clients import IdentifierSystem, Language, Sex, register_pseudonym
from porras.care.domain.identity_code import IdentityCodeError, parse_identity_code, pseudonym
from porras.care.messages import IDENTITY_CODE_REASONS
from porras.care.models import (
    Appointment,
    Client,
    ClientUnit,
    Episode,
    FollowUp,
    Measurement,
    RiskFlag,
    SafetyPlan,
    StepChange,
    Transfer,
)
from porras.instruments.domain import (
    ScoreResult,
    UnknownInstrument,
    WordingError,
    WordingRef,
    load_instrument,
)
from porras.instruments.models import Channel, InstrumentResponse
from porras.instruments.services import record_response, score_answers
from porras.lib.errors import Conflict, InputError, NotFound
from porras.lib.language import current_language


def _bad(field: str, reason: str) -> InputError:
    return InputError.of(field, reason)


def _user(actor: Any) -> Any:
    return getattr(actor, "user", actor)


def _username(actor: Any) -> str:
    return str(_user(actor).get_username())


def pseudonym_key() -> str:
    key = getattr(settings, "PORRAS_PSEUDONYM_KEY", "")
    if not key:
        raise RuntimeError("PORRAS_PSEUDONYM_KEY is not set")
    return str(key)


def followup_days() -> int:
    """Days within which a follow-up is due; ``PORRAS_FOLLOWUP_DAYS``, default from data/defaults.yaml."""
    return int(getattr(settings, "PORRAS_FOLLOWUP_DAYS", rules.default_followup_days()))


# ------------------------------------------------------------------------------ authorisation
# Writes are authorised before their transaction opens (and again inside it, under the row lock):
# the audit entry of a denied attempt is written in the same database and would otherwise be rolled
# back with the refused write.

def _deny(actor: Any, action: str, object_type: str, object_id: Any, perm: Perm) -> PermissionDenied:
    audit.record(actor, action, object_type, object_id, outcome=audit.Outcome.DENIED)
    return PermissionDenied(perm.value)


def _hide(actor: Any, action: str, object_type: str, object_id: Any) -> NotFound:
    """A record outside the user's units: audited as denied, answered exactly like a missing one."""
    audit.record(actor, action, object_type, object_id, outcome=audit.Outcome.DENIED)
    return NotFound(f"{object_type}: not found")


def require_client_access(actor: Any, perm: Perm, action: str, object_type: str = "client",
                          object_id: Any = "") -> None:
    """Refuse (403) users with no client-level permission anywhere (analysts, programme managers...):
    to them every client record is out of reach, whether it exists or not."""
    if not authz.may(_user(actor), perm):
        raise _deny(actor, action, object_type, object_id, perm)


def episodes_in_scope(actor: Any, perm: Perm = Perm.CLIENT_READ) -> QuerySet[Episode]:
    return authz.scope_queryset(_user(actor), perm, Episode.objects.all(), unit_field="unit")


def clients_in_scope(actor: Any, perm: Perm = Perm.CLIENT_READ) -> QuerySet[Client]:
    units = authz.unit_scope(_user(actor), perm)
    return Client.objects.filter(registrations__unit__in=units).distinct()


def may_reach_client(actor: Any, perm: Perm, client: Client) -> bool:
    return clients_in_scope(actor, perm).filter(pk=client.pk).exists()


def get_client(actor: Any, client_id: int, perm: Perm = Perm.CLIENT_READ, action: str = "client.read") -> Client:
    """The client, if registered in one of the user's units; another unit's client is :class:`NotFound`
    exactly like a missing one (and the attempt is audited as denied)."""
    require_client_access(actor, perm, action, "client", client_id)
    client = Client.objects.select_related("home_county", "county", "organisation").filter(pk=client_id).first()
    if client is None:
        raise NotFound("client: not found")
    if not may_reach_client(actor, perm, client):
        raise _hide(actor, action, "client", client_id)
    return client


def get_episode(actor: Any, episode_id: int, perm: Perm = Perm.CLIENT_READ, action: str = "episode.read",
                *, for_update: bool = False) -> Episode:
    """The episode, if in one of the user's units; another unit's episode is :class:`NotFound` exactly
    like a missing one (and the attempt is audited as denied)."""
    require_client_access(actor, perm, action, "episode", episode_id)
    qs = Episode.objects.select_related("unit__organisation__county", "client__county", "client__organisation")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    episode = qs.filter(pk=episode_id).first()
    if episode is None:
        raise NotFound("episode: not found")
    if not authz.may(_user(actor), perm, episode.unit):
        raise _hide(actor, action, "episode", episode_id)
    return episode


def _episode_of(actor: Any, model: Any, object_type: str, pk: int, perm: Perm, action: str) -> Episode:
    """The episode of an appointment, risk flag or follow-up, if the user may reach it (else NotFound)."""
    require_client_access(actor, perm, action, object_type, pk)
    episode_id = model.objects.filter(pk=pk).values_list("episode_id", flat=True).first()
    if episode_id is None:
        raise NotFound(f"{object_type}: not found")
    return get_episode(actor, episode_id, perm, action)


def authorise_risk_flag(actor: Any, flag_id: int, action: str = "risk_flag.acknowledge") -> Episode:
    return _episode_of(actor, RiskFlag, "risk flag", flag_id, Perm.CLIENT_WRITE, action)


def authorise_followup(actor: Any, followup_id: int, action: str = "followup.complete") -> Episode:
    return _episode_of(actor, FollowUp, "follow-up", followup_id, Perm.CLIENT_WRITE, action)


def authorise_appointment(actor: Any, appointment_id: int, action: str = "appointment.update") -> Episode:
    return _episode_of(actor, Appointment, "appointment", appointment_id, Perm.CLIENT_WRITE, action)


def _unit_by_code(code: str, field: str = "unit") -> Unit:
    if not codes.is_slug(code, codes.UNIT_CODE_MAX):
        raise _bad(field, "is not a unit code (ASCII letters, digits, - and _)")
    unit = Unit.objects.select_related("organisation__county").filter(code=code).first()
    if unit is None:
        raise _bad(field, f"no unit with code {code!r}")
    return unit


def default_unit(actor: Any, perm: Perm = Perm.CLIENT_WRITE) -> Unit | None:
    units = list(authz.unit_scope(_user(actor), perm)[:2])
    return units[0] if len(units) == 1 else None


def writable_unit(actor: Any, code: str | None, action: str) -> Unit:
    if code:
        unit = _unit_by_code(code)
    else:
        found = default_unit(actor)
        if found is None:
            raise _bad("unit", "is required when you work in several units (or in none)")
        unit = found
    if not authz.may(_user(actor), Perm.CLIENT_WRITE, unit):
        raise _deny(actor, action, "unit", unit.code, Perm.CLIENT_WRITE)
    return unit


# ------------------------------------------------------------------------------ clients

@dataclass(frozen=True)
class ClientInput:
    identifier_system: str
    identifier_value: str
    birth_year: int | None = None
    sex: str | None = None
    county: str | None = None
    language: str = "fi"
    unit: str | None = None


def identify(system: str, value: str) -> tuple[str, int | None, str | None]:
    """(pseudonym, birth year, sex) of an identifier; an identity code is validated first."""
    if system not in list(IdentifierSystem):
        raise _bad("identifier.system", f"must be one of {', '.join(IdentifierSystem)}")
    if not isinstance(value, str) or not value.strip():
        raise _bad("identifier.value", "is required")
    if system == IdentifierSystem.HETU:
        try:
            code = parse_identity_code(value)
        except IdentityCodeError as exc:
            raise _bad("identifier.value", IDENTITY_CODE_REASONS[exc.part]) from None
        return pseudonym(pseudonym_key(), system, code.normalised), code.birth_year, code.sex
    if not codes.is_local_identifier(value.strip()):
        raise _bad("identifier.value", f"a local identifier is 1–{codes.LOCAL_IDENTIFIER_MAX} printable ASCII "
                                       "characters (letters A–Z, digits 0–9, punctuation)")
    return pseudonym(pseudonym_key(), system, value), None, None


class DetailsConflict(Conflict):
    """The identifier is known in this county's register with other details (``fields``)."""

    def __init__(self, fields: list[str]) -> None:
        self.fields = fields
        super().__init__(f"{', '.join(fields)}: differ from the client's record in this county's register; "
                         "nothing was changed")


@dataclass(frozen=True)
class Registration:
    """A checked registration: the record to create in ``unit``'s register, or the one found there."""

    unit: Unit
    identifier_system: str
    pseudonym: str
    birth_year: int
    sex: str
    home_county: County
    language: str
    found: Client | None


def register_digest(base: str, unit: Unit, identifier_system: str) -> str:
    """The pseudonym of an identifier (its keyed hash ``base``) in the register of ``unit``'s county;
    a local identifier is also its organisation's."""
    organisation = unit.organisation.code if identifier_system == IdentifierSystem.LOCAL else ""
    return register_pseudonym(pseudonym_key(), base, unit.organisation.county.code, organisation)


def is_identifier_of(client: Client, base: str) -> bool:
    """Is ``base`` (the keyed hash of an identifier, :func:`identify`) the identifier of ``client``?"""
    organisation = client.organisation.code if client.organisation is not None else ""
    return client.pseudonym == register_pseudonym(pseudonym_key(), base, client.county.code, organisation)


def prepare_registration(actor: Any, data: ClientInput) -> Registration:
    """Check a registration before anything is written (and before its transaction, so that a refusal
    is audited): the input, the unit (the caller must write there), and a record the identifier
    already has in the unit's county register, whose identifying details must agree.

    Raises :class:`InputError`, ``PermissionDenied`` or :class:`DetailsConflict` (nothing merged).
    """
    require_client_access(actor, Perm.CLIENT_WRITE, "client.create")
    base, code_year, code_sex = identify(data.identifier_system, data.identifier_value)
    birth_year = data.birth_year if data.birth_year is not None else code_year
    errors: list[dict[str, Any]] = []
    if birth_year is None:
        errors.append({"field": "birth_year", "reason": "is required"})
    elif code_year is not None and birth_year != code_year:
        errors.append({"field": "birth_year", "reason": "does not match the identity code"})
    elif not 1880 <= birth_year <= timezone.localdate().year:
        errors.append({"field": "birth_year", "reason": f"must be between 1880 and {timezone.localdate().year}"})
    given_sex = data.sex or code_sex
    if given_sex is not None and given_sex not in list(Sex):
        errors.append({"field": "sex", "reason": f"must be one of {', '.join(Sex)}"})
    language = data.language or Language.FI
    if language not in list(Language):
        errors.append({"field": "language", "reason": f"must be one of {', '.join(Language)}"})
    county = (County.objects.filter(code=data.county).first()
              if data.county and codes.is_slug(data.county, codes.COUNTY_CODE_MAX) else None)
    if county is None:
        errors.append({"field": "county", "reason": "is required and must be a Porras county code"
                       if not data.county else f"no county with code {data.county!r}"})
    if errors:
        raise InputError(errors)
    assert county is not None and birth_year is not None
    unit = writable_unit(actor, data.unit, "client.create")
    digest = register_digest(base, unit, data.identifier_system)
    found = Client.objects.filter(county=unit.organisation.county, identifier_system=data.identifier_system,
                                  pseudonym=digest).first()
    if found is not None:
        differ = [name for name, ours, theirs in (("birth_year", birth_year, found.birth_year),
                                                  ("sex", given_sex, found.sex))
                  if ours is not None and theirs != Sex.UNKNOWN and ours != theirs]
        if differ:
            audit.record(actor, "client.register", "client", found.pk, outcome=audit.Outcome.FAILED,
                         detail={"unit": unit.code, "reason": "details_conflict", "fields": differ})
            raise DetailsConflict(differ)
    return Registration(unit, data.identifier_system, digest, birth_year, str(given_sex or Sex.UNKNOWN), county,
                        str(language), found)


def register_client(actor: Any, data: ClientInput) -> tuple[Client, bool]:
    """Register a client in a unit, in the register of the unit's county: the record the identifier
    has there, or a new one (the same person's record in another county's register is neither seen
    nor touched). Returns ``(client, created)``.

    Facts derived from an identity code (birth year, sex) must agree with those given; a record found
    with other birth year or sex is refused with :class:`DetailsConflict` (409) and nothing is merged.
    """
    prepare_registration(actor, data)  # refusals audited before the write's transaction
    with transaction.atomic():
        checked = prepare_registration(actor, data)
        client, created = checked.found, checked.found is None
        if client is None:
            organisation = checked.unit.organisation if checked.identifier_system == IdentifierSystem.LOCAL else None
            code = checked.pseudonym[:24]
            if Client.objects.filter(code=code).exists():  # a clash of 96-bit prefixes: keep codes unique
                code = checked.pseudonym
            client = Client.objects.create(
                county=checked.unit.organisation.county, organisation=organisation,
                identifier_system=checked.identifier_system, pseudonym=checked.pseudonym, code=code,
                birth_year=checked.birth_year, sex=checked.sex, home_county=checked.home_county,
                language=checked.language,
            )
        ClientUnit.objects.get_or_create(client=client, unit=checked.unit)
        audit.record(actor, "client.create" if created else "client.register", "client", client.pk,
                     detail={"unit": checked.unit.code, "identifier_system": checked.identifier_system})
    return client, created


def read_client(actor: Any, client_id: int) -> Client:
    client = get_client(actor, client_id)
    audit.record(actor, "client.read", "client", client.pk)
    return client


def read_client_with_episodes(actor: Any, client_id: int) -> tuple[Client, list[Episode]]:
    """A client and those of its episodes the user may see."""
    client = get_client(actor, client_id)
    episodes = list(episodes_in_scope(actor).filter(client=client).select_related("unit"))
    audit.record(actor, "client.read", "client", client.pk, detail={"episodes": [e.pk for e in episodes]})
    return client, episodes


LIST_LIMIT = 500


def _named(episodes: Sequence[Episode]) -> dict[str, list[int]]:
    """What an audit entry of a list names: the episodes read and their clients (ids, never identifiers)."""
    return {"episodes": [e.pk for e in episodes], "clients": sorted({e.client_id for e in episodes})}


def _page(page: int, page_size: int) -> slice:
    """Rows of one page (1-based); at most :data:`LIST_LIMIT` rows per page."""
    size = max(1, min(page_size, LIST_LIMIT))
    start = (max(page, 1) - 1) * size
    return slice(start, start + size)


def list_clients(actor: Any, *, page: int = 1, page_size: int = LIST_LIMIT) -> list[Client]:
    require_client_access(actor, Perm.CLIENT_READ, "client.list")
    clients = list(clients_in_scope(actor).select_related("home_county", "county").order_by("-pk")
                   [_page(page, page_size)])
    audit.record(actor, "client.list", "client", "", detail={"count": len(clients), "clients": [c.pk for c in clients]})
    return clients


# ------------------------------------------------------------------------------ episodes

def _check_concerns(concerns: Iterable[str]) -> list[str]:
    values = list(concerns)
    for i, c in enumerate(values):
        if c not in rules.Concern.__members__.values():
            raise _bad(f"concerns.{i}", f"unknown concern {c!r}; known: {', '.join(rules.Concern)}")
    return values


OTHER_REGISTER = ("belongs to another county's client register (or, for a local identifier, to another "
                  "organisation): refer the client there; that county registers its own record")


def open_episode(actor: Any, client_id: int, unit_code: str | None, referral_date: dt.date,
                 concerns: Iterable[str] = (), referral_source: str = "other",
                 navigator: Mapping[str, Any] | None = None) -> Episode:
    """A referral: a new episode of a client in a unit."""
    require_client_access(actor, Perm.CLIENT_WRITE, "episode.create")
    values = _check_concerns(concerns)
    if referral_source not in rules.ReferralSource.__members__.values():
        raise _bad("referral_source", f"must be one of {', '.join(rules.ReferralSource)}")
    try:
        rules.check_dates(rules.EpisodeDates(referral_date), today=timezone.localdate())
    except rules.EpisodeRuleError as exc:
        raise _bad(exc.field, exc.reason) from None
    client = get_client(actor, client_id, Perm.CLIENT_READ, "episode.create")
    unit = writable_unit(actor, unit_code, "episode.create")
    if not client.registers_in(unit):
        raise _bad("unit", OTHER_REGISTER)
    with transaction.atomic():
        ClientUnit.objects.get_or_create(client=client, unit=unit)
        nav = dict(navigator or {})
        episode = Episode.objects.create(
            client=client, unit=unit, responsible=_user(actor), referral_date=referral_date,
            referral_source=referral_source, concerns=values, problem=values[0] if values else "",
            navigator_recommendation=nav.get("recommendation"),
            navigator_ruleset_id=str(nav.get("ruleset_id") or ""),
            navigator_ruleset_version=str(nav.get("ruleset_version") or ""),
        )
        audit.record(actor, "episode.create", "episode", episode.pk, detail={"unit": unit.code, "client": client.pk})
    return episode


def register_referral(actor: Any, data: ClientInput, referral_date: dt.date, concerns: Iterable[str] = (),
                      referral_source: str = "other") -> Episode:
    """A referral of a client who may not be registered yet (the web form): the client registered or
    found in the unit's county register and the episode opened, all in one transaction - an invalid
    referral leaves no client, unit link or audit entry behind."""
    prepare_registration(actor, data)  # refusals audited before the write's transaction
    with transaction.atomic():
        client, _created = register_client(actor, data)
        return open_episode(actor, client.pk, data.unit, referral_date, concerns, referral_source)


def read_episode(actor: Any, episode_id: int) -> Episode:
    episode = get_episode(actor, episode_id)
    audit.record(actor, "episode.read", "episode", episode.pk)
    return episode


def list_episodes(actor: Any, *, client_id: int | None = None, open_only: bool = False, page: int = 1,
                  page_size: int = LIST_LIMIT) -> list[Episode]:
    require_client_access(actor, Perm.CLIENT_READ, "episode.list")
    qs = episodes_in_scope(actor).select_related("unit", "client")
    if client_id is not None:
        qs = qs.filter(client_id=client_id)
    if open_only:
        qs = qs.filter(end_date__isnull=True)
    found = list(qs[_page(page, page_size)])
    audit.record(actor, "episode.list", "episode", "", detail={"count": len(found), **_named(found)})
    return found


EDITABLE = ("referral_date", "referral_source", "concerns", "assessment_date", "step", "step_reason",
            "intervention", "end_date", "end_reason", "navigator_recommendation", "navigator_ruleset_id",
            "navigator_ruleset_version")


def update_episode(actor: Any, episode_id: int, version: int, changes: Mapping[str, Any]) -> Episode:
    """Change an episode. ``version`` must be the current one, else :class:`StaleVersion`."""
    unknown = [k for k in changes if k not in EDITABLE]
    if unknown:
        raise _bad(unknown[0], "cannot be changed here")
    get_episode(actor, episode_id, Perm.CLIENT_WRITE, "episode.update")  # authorised before the write
    with transaction.atomic():
        episode = get_episode(actor, episode_id, Perm.CLIENT_WRITE, "episode.update", for_update=True)
        if version != episode.version:
            audit.record(actor, "episode.update", "episode", episode.pk, outcome=audit.Outcome.FAILED,
                         detail={"reason": "stale_version", "given": version, "current": episode.version})
            raise Conflict(f"version: episode is at version {episode.version}, not {version}; reload and retry")
        before = episode.dates()
        if "concerns" in changes:
            episode.concerns = _check_concerns(changes["concerns"] or [])
            episode.problem = episode.concerns[0] if episode.concerns else ""
        if "referral_source" in changes:
            if changes["referral_source"] not in rules.ReferralSource.__members__.values():
                raise _bad("referral_source", f"must be one of {', '.join(rules.ReferralSource)}")
            episode.referral_source = changes["referral_source"]
        for name in ("referral_date", "assessment_date", "end_date"):
            if name in changes:
                setattr(episode, name, changes[name])
        if "end_reason" in changes:
            episode.end_reason = changes["end_reason"] or ""
        if "intervention" in changes:
            try:
                rules.check_intervention(changes["intervention"] or None)
            except rules.EpisodeRuleError as exc:
                raise _bad(exc.field, exc.reason) from None
            episode.intervention = changes["intervention"] or ""
        for name in ("navigator_recommendation", "navigator_ruleset_id", "navigator_ruleset_version"):
            if name in changes:
                setattr(episode, name, changes[name] if name == "navigator_recommendation" else str(changes[name] or ""))
        try:
            rules.check_transition(before, episode.dates())
        except rules.EpisodeRuleError as exc:
            raise _bad(exc.field, exc.reason) from None
        if "step" in changes and changes["step"] is not None and changes["step"] != episode.step:
            try:
                direction = rules.step_direction(episode.step, int(changes["step"]))
            except (rules.EpisodeRuleError, ValueError, TypeError) as exc:
                reason = exc.reason if isinstance(exc, rules.EpisodeRuleError) else "must be an integer 0–4"
                raise _bad("step", reason) from None
            reason_text = str(changes.get("step_reason") or "")
            if direction in ("up", "down") and not reason_text.strip():
                raise _bad("step_reason", "is required when stepping care up or down")
            StepChange.objects.create(episode=episode, from_step=episode.step, to_step=int(changes["step"]),
                                      direction=direction, date=timezone.localdate(), reason=reason_text,
                                      by=_username(actor))
            episode.step = int(changes["step"])
        episode.version += 1
        episode.updated_at = timezone.now()
        episode.save()
        audit.record(actor, "episode.update", "episode", episode.pk,
                     detail={"fields": sorted(k for k in changes if k != "step_reason"), "version": episode.version})
    return episode


def transfer_targets(episode: Episode) -> QuerySet[Unit]:
    """Units an episode may move to: the other units of its client's register."""
    units = Unit.objects.filter(organisation__county=episode.client.county_id).exclude(pk=episode.unit_id)
    if episode.client.organisation_id is not None:
        units = units.filter(organisation=episode.client.organisation_id)
    return units.order_by("code")


def transfer_episode(actor: Any, episode_id: int, version: int, to_unit_code: str, date: dt.date,
                     reason: str = "") -> Episode:
    get_episode(actor, episode_id, Perm.CLIENT_WRITE, "episode.transfer")  # authorised before the write
    with transaction.atomic():
        episode = get_episode(actor, episode_id, Perm.CLIENT_WRITE, "episode.transfer", for_update=True)
        if version != episode.version:
            raise Conflict(f"version: episode is at version {episode.version}, not {version}; reload and retry")
        if episode.end_date is not None:
            raise _bad("episode", "has ended and cannot be transferred")
        target = _unit_by_code(to_unit_code, "to_unit")
        if target.pk == episode.unit_id:
            raise _bad("to_unit", "is already the episode's unit")
        if not episode.client.registers_in(target):
            raise _bad("to_unit", OTHER_REGISTER)
        if date < episode.referral_date:
            raise _bad("date", "must not be before the referral date")
        if date > timezone.localdate():
            raise _bad("date", "must not be in the future")
        Transfer.objects.create(episode=episode, from_unit=episode.unit, to_unit=target, date=date, reason=reason,
                                by=_username(actor))
        ClientUnit.objects.get_or_create(client=episode.client, unit=target)
        from_code = episode.unit.code
        episode.unit = target
        episode.version += 1
        episode.updated_at = timezone.now()
        episode.save()
        audit.record(actor, "episode.transfer", "episode", episode.pk, detail={"from": from_code, "to": target.code})
    return episode


# ------------------------------------------------------------------------------ appointments

def _check_appointment(episode: Episode, date: dt.date, kind: str, status: str) -> bool:
    """Check an appointment against the episode; apply its effect on the episode's dates.

    An attended assessment sets the assessment date if none is set; an attended treatment
    appointment sets the first treatment date if it is the earliest. Returns whether the episode changed.
    """
    if kind not in rules.AppointmentKind.__members__.values():
        raise _bad("kind", f"must be one of {', '.join(rules.AppointmentKind)}")
    if status not in rules.AppointmentStatus.__members__.values():
        raise _bad("status", f"must be one of {', '.join(rules.AppointmentStatus)}")
    if date < episode.referral_date:
        raise _bad("date", "must not be before the referral date")
    if episode.end_date is not None and date > episode.end_date:
        raise _bad("date", "must not be after the episode's end date")
    today = timezone.localdate()
    if status == rules.AppointmentStatus.BOOKED and date < today:
        raise _bad("status", "a past appointment is attended, did not attend or cancelled, not booked")
    if status in (rules.AppointmentStatus.ATTENDED, rules.AppointmentStatus.DID_NOT_ATTEND) and date > today:
        raise _bad("date", "an appointment in the future can only be booked or cancelled")
    changed = False
    if status == rules.AppointmentStatus.ATTENDED:
        if kind == rules.AppointmentKind.ASSESSMENT and episode.assessment_date is None:
            episode.assessment_date = date
            changed = True
        if kind == rules.AppointmentKind.TREATMENT:
            if episode.assessment_date is None:
                raise _bad("kind", "record the assessment before the first treatment appointment")
            if date < episode.assessment_date:
                raise _bad("date", "a treatment appointment must not be before the assessment date")
            if episode.first_treatment_date is None or date < episode.first_treatment_date:
                episode.first_treatment_date = date
                changed = True
    return changed


def _bump(episode: Episode) -> None:
    episode.version += 1
    episode.updated_at = timezone.now()
    episode.save()


def add_appointment(actor: Any, episode_id: int, date: dt.date, kind: str, status: str) -> Appointment:
    """Record an appointment of an episode (see :func:`_check_appointment` for its effects)."""
    get_episode(actor, episode_id, Perm.CLIENT_WRITE, "appointment.create")  # authorised before the write
    with transaction.atomic():
        episode = get_episode(actor, episode_id, Perm.CLIENT_WRITE, "appointment.create", for_update=True)
        changed = _check_appointment(episode, date, kind, status)
        appointment = Appointment.objects.create(episode=episode, date=date, kind=kind, status=status)
        if changed:
            _bump(episode)
        audit.record(actor, "appointment.create", "appointment", appointment.pk,
                     detail={"episode": episode.pk, "kind": kind, "status": status})
    return appointment


def set_appointment_status(actor: Any, appointment_id: int, status: str) -> Appointment:
    """Mark a booked appointment attended, did not attend or cancelled."""
    authorise_appointment(actor, appointment_id, "appointment.update")  # authorised before the write
    with transaction.atomic():
        appointment = Appointment.objects.filter(pk=appointment_id).first()
        if appointment is None:
            raise NotFound("appointment: not found")
        episode = get_episode(actor, appointment.episode_id, Perm.CLIENT_WRITE, "appointment.update", for_update=True)
        if appointment.status != rules.AppointmentStatus.BOOKED:
            raise _bad("status", "only a booked appointment can be marked")
        if status == rules.AppointmentStatus.BOOKED:
            raise _bad("status", "mark a booked appointment attended, did not attend or cancelled")
        changed = _check_appointment(episode, appointment.date, appointment.kind, status)
        appointment.status = status
        appointment.save(update_fields=["status"])
        if changed:
            _bump(episode)
        audit.record(actor, "appointment.update", "appointment", appointment.pk, detail={"status": status})
    return appointment


def list_appointments(actor: Any, episode_id: int) -> list[Appointment]:
    episode = get_episode(actor, episode_id, action="appointment.list")
    found = list(episode.appointments.all())
    audit.record(actor, "appointment.list", "episode", episode.pk,
                 detail={"count": len(found), "appointments": [a.pk for a in found]})
    return found


# ------------------------------------------------------------------------------ measurements

# The channel of the one answer-set writer that each measurement source is.
_CHANNELS = {"api": Channel.API, "ui": Channel.WEB, "fhir": Channel.FHIR}


def _wording(text: str) -> WordingRef | None:
    """The wording a caller says was shown (the API's ``text_pack``): a wording reference, or
    empty/"porras" for Porras's own."""
    if not text:
        return None
    try:
        return WordingRef.parse(text)
    except WordingError as exc:
        raise _bad("text_pack", str(exc)) from None


def record_measurement(actor: Any, episode_id: int, instrument: str, date: dt.date, answers: Sequence[int | None],
                       *, appointment_id: int | None = None, text_pack: str = "", source: str = "api") -> Measurement:
    """Score ``answers`` (option positions), store them as an answer set (the instruments app's one
    writer, with the wording shown: ``text_pack``) and as the episode's measurement with its risk
    flags, in one transaction. Bad answers raise :class:`InputError` naming each item."""
    scored = score_answers(instrument, answers)
    wording = _wording(text_pack)
    with transaction.atomic():
        episode = get_episode(actor, episode_id, Perm.CLIENT_WRITE, "measurement.create")
        appointment = _measurement_appointment(episode, date, appointment_id)
        response = record_response(scored, channel=_CHANNELS.get(source, Channel.API), wording=wording,
                                   language=current_language() if source == "ui" else None, actor=actor,
                                   field="text_pack")
        return _store_measurement(actor, episode, scored.result, date, appointment, response, source)


def _measurement_appointment(episode: Episode, date: dt.date, appointment_id: int | None) -> Appointment | None:
    """Check the date of a measurement of ``episode``; the appointment it belongs to, if one is named."""
    if date < episode.referral_date:
        raise _bad("date", "must not be before the referral date")
    if date > timezone.localdate():
        raise _bad("date", "must not be in the future")
    if appointment_id is None:
        return None
    appointment = episode.appointments.filter(pk=appointment_id).first()
    if appointment is None:
        raise _bad("appointment", "is not an appointment of this episode")
    return appointment


def _store_measurement(actor: Any, episode: Episode, result: ScoreResult, date: dt.date,
                       appointment: Appointment | None, response: InstrumentResponse, source: str) -> Measurement:
    assert result.total is not None  # the engine scores or refuses; it never stores no total
    measurement = Measurement.objects.create(
        episode=episode, appointment=appointment, response=response, instrument=result.instrument,
        instrument_version=result.version, date=date, item_scores=list(result.scored_item_scores),
        total=float(result.total), severity=result.severity or "", caseness=result.caseness,
        subscores=dict(result.subscores), complete=result.complete, warnings=list(result.warnings), source=source,
    )
    for flag in result.risk_flags:
        RiskFlag.objects.create(episode=episode, measurement=measurement, instrument=result.instrument,
                                item=str(flag["item"]), value=int(flag["value"]))
    audit.record(actor, "measurement.create", "measurement", measurement.pk,
                 detail={"episode": episode.pk, "instrument": result.instrument, "risk_flags": len(result.risk_flags),
                         "source": source})
    return measurement


def list_measurements(actor: Any, episode_id: int) -> list[Measurement]:
    episode = get_episode(actor, episode_id, action="measurement.list")
    found = list(episode.measurements.prefetch_related("risk_flags"))
    audit.record(actor, "measurement.list", "episode", episode.pk,
                 detail={"count": len(found), "measurements": [m.pk for m in found]})
    return found


# ------------------------------------------------------------------------------ risk, safety, follow-up

def open_risk_flags(actor: Any, episode: Episode) -> list[RiskFlag]:
    return list(episode.risk_flags.filter(acknowledged_at__isnull=True).select_related("measurement"))


def acknowledge_risk_flag(actor: Any, flag_id: int, note: str) -> RiskFlag:
    authorise_risk_flag(actor, flag_id, "risk_flag.acknowledge")  # authorised before the write
    with transaction.atomic():
        flag = RiskFlag.objects.select_for_update(of=("self",)).filter(pk=flag_id).first()
        if flag is None:
            raise NotFound("risk flag: not found")
        get_episode(actor, flag.episode_id, Perm.CLIENT_WRITE, "risk_flag.acknowledge")
        flag.acknowledge(_username(actor), note)
        audit.record(actor, "risk_flag.acknowledge", "risk_flag", flag.pk, detail={"episode": flag.episode_id})
    return flag


def list_risk_flags(actor: Any, episode_id: int, *, open_only: bool = False) -> list[RiskFlag]:
    episode = get_episode(actor, episode_id, action="risk_flag.list")
    flags = episode.risk_flags.all()
    if open_only:
        flags = flags.filter(acknowledged_at__isnull=True)
    found = list(flags)
    audit.record(actor, "risk_flag.list", "episode", episode.pk,
                 detail={"count": len(found), "risk_flags": [f.pk for f in found]})
    return found


def list_safety_plans(actor: Any, episode_id: int, perm: Perm = Perm.CLIENT_READ) -> list[SafetyPlan]:
    """The versions of an episode's safety plan, newest first (audited as read)."""
    episode = get_episode(actor, episode_id, perm, action="safety_plan.read")
    plans = list(episode.safety_plans.all())
    audit.record(actor, "safety_plan.read", "episode", episode.pk, detail={"versions": [p.number for p in plans]})
    return plans


SAFETY_PLAN_FIELDS = ("warning_signs", "own_coping", "people_and_places", "professionals_and_crisis_lines",
                      "safe_surroundings")


def save_safety_plan(actor: Any, episode_id: int, fields: Mapping[str, str]) -> SafetyPlan:
    """Add a new version of the episode's safety plan."""
    unknown = [k for k in fields if k not in SAFETY_PLAN_FIELDS]
    if unknown:
        raise _bad(unknown[0], "is not a part of the safety plan")
    if not any((fields.get(k) or "").strip() for k in SAFETY_PLAN_FIELDS):
        raise _bad("safety_plan", "write at least one part of the plan")
    get_episode(actor, episode_id, Perm.CLIENT_WRITE, "safety_plan.create")  # authorised before the write
    with transaction.atomic():
        episode = get_episode(actor, episode_id, Perm.CLIENT_WRITE, "safety_plan.create", for_update=True)
        last = episode.safety_plans.order_by("-number").first()
        plan = SafetyPlan.objects.create(
            episode=episode, number=(last.number + 1) if last else 1, by=_username(actor),
            **{k: (fields.get(k) or "").strip() for k in SAFETY_PLAN_FIELDS},
        )
        audit.record(actor, "safety_plan.create", "safety_plan", plan.pk,
                     detail={"episode": episode.pk, "version": plan.number})
    return plan


def record_self_harm_contact(actor: Any, episode_id: int, reason: str, contact_date: dt.date) -> FollowUp:
    """A suicide attempt or self-harm contact: schedule the follow-up ``followup_days()`` later."""
    if reason not in rules.FollowUpReason.__members__.values():
        raise _bad("reason", f"must be one of {', '.join(rules.FollowUpReason)}")
    if contact_date > timezone.localdate():
        raise _bad("contact_date", "must not be in the future")
    get_episode(actor, episode_id, Perm.CLIENT_WRITE, "followup.create")  # authorised before the write
    with transaction.atomic():
        episode = get_episode(actor, episode_id, Perm.CLIENT_WRITE, "followup.create")
        followup = FollowUp.objects.create(episode=episode, reason=reason, contact_date=contact_date,
                                           due_date=rules.followup_due(contact_date, followup_days()))
        audit.record(actor, "followup.create", "followup", followup.pk,
                     detail={"episode": episode.pk, "reason": reason})
    return followup


def complete_followup(actor: Any, followup_id: int, note: str = "") -> FollowUp:
    authorise_followup(actor, followup_id, "followup.complete")  # authorised before the write
    with transaction.atomic():
        followup = FollowUp.objects.select_for_update(of=("self",)).filter(pk=followup_id).first()
        if followup is None:
            raise NotFound("follow-up: not found")
        get_episode(actor, followup.episode_id, Perm.CLIENT_WRITE, "followup.complete")
        followup.complete(_username(actor), note)
        audit.record(actor, "followup.complete", "followup", followup.pk, detail={"episode": followup.episode_id})
    return followup


def overdue_followups(actor: Any, today: dt.date | None = None) -> list[FollowUp]:
    require_client_access(actor, Perm.CLIENT_READ, "followup.list")
    day = today or timezone.localdate()
    qs = authz.scope_queryset(_user(actor), Perm.CLIENT_READ, FollowUp.objects.all(), unit_field="episode__unit")
    found = list(qs.filter(done_at__isnull=True, due_date__lt=day).select_related("episode__client", "episode__unit"))
    audit.record(actor, "followup.list", "followup", "",
                 detail={"overdue": len(found), "followups": [f.pk for f in found],
                         **_named(sorted({f.episode for f in found}, key=lambda e: e.pk))})
    return found


# ------------------------------------------------------------------------------ worklist

@dataclass
class WorklistRow:
    episode: Episode
    next_appointment: dt.date | None
    measure_due: bool
    open_risk_flags: int
    overdue_followups: int

    @property
    def needs_attention(self) -> bool:
        return bool(self.open_risk_flags or self.overdue_followups or self.measure_due)


def worklist(actor: Any, *, mine_only: bool = True, today: dt.date | None = None) -> list[WorklistRow]:
    """Open episodes of the user's units (``mine_only``: those the user is responsible for), with the
    next booked appointment, whether a measure is due, open risk flags and overdue follow-ups."""
    require_client_access(actor, Perm.CLIENT_READ, "worklist.read")
    day = today or timezone.localdate()
    qs = episodes_in_scope(actor).filter(end_date__isnull=True).select_related("client", "unit")
    if mine_only:
        qs = qs.filter(responsible=_user(actor))
    # Subqueries, not joins: joining appointments, measurements, flags and follow-ups at once would
    # multiply their rows per episode.
    def first(model: Any, field: str, func: Any, **conditions: Any) -> Subquery:
        return Subquery(model.objects.filter(episode=OuterRef("pk"), **conditions).order_by()
                        .values("episode").annotate(v=func(field)).values("v")[:1])

    qs = qs.annotate(
        next_appt=first(Appointment, "date", Min, status="booked", date__gte=day),
        last_attended=first(Appointment, "date", Max, status="attended"),
        last_measured=first(Measurement, "date", Max),
        open_flags=Coalesce(first(RiskFlag, "pk", Count, acknowledged_at__isnull=True), 0),
        late=Coalesce(first(FollowUp, "pk", Count, done_at__isnull=True, due_date__lt=day), 0),
    ).order_by("-pk")
    rows = [
        WorklistRow(e, e.next_appt, rules.measure_due(e.phase, e.last_attended, e.last_measured), e.open_flags, e.late)
        for e in qs[:500]
    ]
    rows.sort(key=lambda r: (not r.open_risk_flags, not r.overdue_followups, not r.measure_due, r.next_appointment or dt.date.max))
    audit.record(actor, "worklist.read", "episode", "",
                 detail={"count": len(rows), "mine_only": mine_only, **_named([r.episode for r in rows])})
    return rows


# ------------------------------------------------------------------------------ FHIR

def _is_clients_identifier(client: Client, system: str, value: str) -> bool:
    """Whether ``system``/``value`` identify ``client`` (compared by pseudonym; the value is not kept)."""
    digest, _, _ = identify(system, value)
    return client.identifier_system == system and is_identifier_of(client, digest)


def check_fhir_link(actor: Any, *, episode_id: int, identifier_system: str, identifier_value: str) -> Episode:
    """The episode a FHIR response names, if the caller may write to it and the identifier
    (``identifier_system`` ``hetu`` or ``local``) is its client's. Writes nothing but the audit of a
    refusal, so call it before the write's transaction too (a rolled-back audit entry is lost).

    Raises :class:`NotFound` when the episode does not exist *or* is outside the caller's units (the
    same answer for both), :class:`InputError` naming ``subject`` (not the episode's client) or
    ``subject.identifier.value`` (not a valid identity code). The identifier is never stored."""
    if identifier_system not in list(IdentifierSystem):
        raise _bad("subject.identifier.system", f"must be one of {', '.join(IdentifierSystem)}")
    try:
        episode = get_episode(actor, episode_id, Perm.CLIENT_WRITE, "measurement.create")
    except PermissionDenied:  # audited as denied by get_episode; answered as if it did not exist
        raise NotFound("episode: not found") from None
    try:
        same_client = _is_clients_identifier(episode.client, identifier_system, identifier_value)
    except InputError:
        what = "identity code" if identifier_system == IdentifierSystem.HETU else "record identifier"
        raise _bad("subject.identifier.value", f"is not a valid {what}") from None
    if not same_client:
        audit.record(actor, "measurement.create", "episode", episode.pk, outcome=audit.Outcome.FAILED,
                     detail={"reason": "subject_does_not_match_episode", "source": "fhir"})
        raise _bad("subject", "the identifier is not that of the episode's client")
    return episode


def store_fhir_measurement(actor: Any, *, episode_id: int, identifier_system: str, identifier_value: str,
                           date: dt.date, response: InstrumentResponse, result: ScoreResult) -> Measurement:
    """Store an answer set received over FHIR (already stored by the instruments app's writer) as a
    measurement of the episode the FHIR app read from its links (checked by :func:`check_fhir_link`,
    again here). Raises what that raises, and :class:`InputError` naming ``date``."""
    with transaction.atomic():
        episode = check_fhir_link(actor, episode_id=episode_id, identifier_system=identifier_system,
                                  identifier_value=identifier_value)
        appointment = _measurement_appointment(episode, date, None)
        return _store_measurement(actor, episode, result, date, appointment, response, "fhir")


# ------------------------------------------------------------------------------ chart data

@dataclass(frozen=True)
class InstrumentSeries:
    instrument: str
    name: str
    score_min: float
    score_max: float
    caseness: float | None
    reliable_change: float | None
    measurements: list[Measurement]


def series_by_instrument(measurements: Iterable[Measurement], language: str = "fi") -> list[InstrumentSeries]:
    grouped: dict[str, list[Measurement]] = {}
    for m in measurements:
        grouped.setdefault(m.instrument, []).append(m)
    out: list[InstrumentSeries] = []
    for instrument_id, items in grouped.items():
        try:
            inst = load_instrument(instrument_id)
        except UnknownInstrument:
            continue
        out.append(InstrumentSeries(
            instrument=instrument_id,
            name=inst.name.get(language) or inst.abbreviation,
            score_min=float(inst.score_range[0]), score_max=float(inst.score_range[1]),
            caseness=inst.caseness.min_total if inst.caseness else None,
            reliable_change=inst.reliable_change.threshold if inst.reliable_change else None,
            measurements=sorted(items, key=lambda m: (m.date, m.pk)),
        ))
    return out
