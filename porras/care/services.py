"""Use cases of the care app: one function per action, one transaction per write, audited.

Every function takes the acting user (or request) first, asks :mod:`porras.accounts.authz`, and
writes an audit entry for every read and write of client-level data (denied attempts too). Audit
details never hold identity codes or free text about a person.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from porras.accounts import audit, authz
from porras.accounts.models import County, Unit
from porras.accounts.roles import Perm
from porras.care.domain import codes
from porras.care.domain import episodes as rules
from porras.care.domain.children import BEFORE_REFERRAL, check_children
from porras.care.domain.clients import (
    ClientOrder,
    IdentifierSystem,
    Language,
    SearchBy,
    Sex,
    register_pseudonym,
)
from porras.care.domain.identity_code import IdentityCodeError, parse_identity_code, pseudonym
from porras.care.domain.identity_codes_in_text import contains_identity_code
from porras.care.messages import IDENTITY_CODE_REASONS
from porras.care.models import (
    Appointment,
    Client,
    ClientUnit,
    Correction,
    Episode,
    FollowUp,
    Measurement,
    RiskFlag,
    SafetyPlan,
    StepChange,
    Transfer,
)
from porras.catalogue.models import Service
from porras.instruments.domain import (
    ScoreResult,
    UnknownInstrument,
    WordingError,
    WordingRef,
    load_instrument,
)
from porras.instruments.models import Channel, InstrumentResponse
from porras.instruments.services import ScoredAnswers, record_response, score_answers
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


def therapy_guarantee_warn_days() -> int:
    """How many days before the therapy guarantee's limit the work list warns;
    ``PORRAS_THERAPY_GUARANTEE_WARN_DAYS``, default from data/defaults.yaml."""
    return int(getattr(settings, "PORRAS_THERAPY_GUARANTEE_WARN_DAYS", rules.default_therapy_guarantee()[2]))


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
    local_identifier: str = ""  # with an identity code: the organisation's own identifier, kept as the label


LOOKS_LIKE_IDENTITY_CODE = ("looks like a personal identity code: an identity code is given as one (hetu) and "
                            "kept only as a keyed hash, never as a local identifier")


def check_local_identifier(value: str, field: str) -> str:
    """A local identifier, stripped: printable ASCII, and nothing that reads as an identity code (a local
    identifier is kept in clear as the client's label)."""
    value = value.strip()
    if not codes.is_local_identifier(value):
        raise _bad(field, f"a local identifier is 1–{codes.LOCAL_IDENTIFIER_MAX} printable ASCII "
                          "characters (letters A–Z, digits 0–9, punctuation)")
    if contains_identity_code(value):
        raise _bad(field, LOOKS_LIKE_IDENTITY_CODE)
    return value


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
    check_local_identifier(value, "identifier.value")
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
    label: str  # the local identifier kept in clear ("" when none)


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
    label = ""
    if data.identifier_system == IdentifierSystem.LOCAL:
        label = data.identifier_value.strip()
    elif data.local_identifier and data.local_identifier.strip():
        try:
            label = check_local_identifier(data.local_identifier, "local_identifier")
        except InputError as exc:
            errors += exc.errors
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
                        str(language), found, label)


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
                language=checked.language, local_identifier=checked.label,
            )
        elif checked.label and not client.local_identifier:  # a record from before labels: it gets one now
            client.local_identifier = checked.label
            client.save(update_fields=["local_identifier"])
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


_CLIENT_ORDER = {ClientOrder.NEWEST: ("-pk",), ClientOrder.OLDEST: ("pk",),
                 ClientOrder.LABEL: ("local_identifier", "pk")}


def _client_order(order: str) -> tuple[str, ...]:
    if order not in list(ClientOrder):
        raise _bad("order", f"must be one of {', '.join(ClientOrder)}")
    return _CLIENT_ORDER[ClientOrder(order)]


def list_clients(actor: Any, *, page: int = 1, page_size: int = LIST_LIMIT, order: str = ClientOrder.NEWEST
                 ) -> list[Client]:
    require_client_access(actor, Perm.CLIENT_READ, "client.list")
    clients = list(clients_in_scope(actor).select_related("home_county", "county").order_by(*_client_order(order))
                   [_page(page, page_size)])
    audit.record(actor, "client.list", "client", "", detail={"count": len(clients), "clients": [c.pk for c in clients]})
    return clients


# ------------------------------------------------------------------------------ finding a client

def _register_candidates(actor: Any, system: str, value: str) -> QuerySet[Client]:
    """The records an identifier has in the registers of the caller's units: its pseudonym in each county
    register (and, for a local identifier, each organisation) of those units, computed from the value;
    the value itself is neither kept nor compared."""
    base, _year, _sex = identify(system, value)
    units = list(authz.unit_scope(_user(actor), Perm.CLIENT_READ).select_related("organisation__county"))
    digests = {register_digest(base, unit, system) for unit in units}
    return Client.objects.filter(identifier_system=system, pseudonym__in=sorted(digests))


def find_clients(actor: Any, by: str, value: str, *, page: int = 1, page_size: int = LIST_LIMIT,
                 order: str = ClientOrder.NEWEST) -> list[Client]:
    """Clients of the caller's units found by an identity code or a local identifier (looked up by its
    keyed pseudonym in the registers of the caller's units only, never stored), or by an episode number.

    A local identifier also finds a client registered by identity code whose label it is. Nothing
    outside the caller's units is found, whether it exists or not. The search is audited with the
    ids found, never the value searched for."""
    require_client_access(actor, Perm.CLIENT_READ, "client.search")
    if by not in list(SearchBy):
        raise _bad("system", f"must be one of {', '.join(SearchBy)}")
    if not isinstance(value, str) or not value.strip():
        raise _bad("identifier", "is required")
    scope = clients_in_scope(actor)
    if by == SearchBy.EPISODE:
        number = value.strip().lstrip("#")
        if not number.isascii() or not number.isdigit() or len(number) > 18:
            raise _bad("identifier", "an episode number is digits only")
        found = scope.filter(episodes__in=episodes_in_scope(actor).filter(pk=int(number)))
    else:
        try:
            candidates = _register_candidates(actor, by, value)
        except InputError as exc:  # the identifier's own errors, named as the search's field
            raise InputError([{**e, "field": "identifier"} for e in exc.errors]) from None
        found = scope.filter(pk__in=candidates.values("pk"))
        if by == SearchBy.LOCAL:
            found = found | scope.filter(local_identifier=value.strip())
    clients = list(found.distinct().select_related("home_county", "county").order_by(*_client_order(order))
                   [_page(page, page_size)])
    audit.record(actor, "client.search", "client", "",
                 detail={"by": by, "count": len(clients), "clients": [c.pk for c in clients]})
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


class OpenEpisodeExists(Conflict):
    """The client has an open episode in the unit: continue it, or open another beside it only with a
    reason (``second_episode_reason``). The API's 409 names it (``open_episode``)."""

    def __init__(self, episode_id: int) -> None:
        self.episode_id = episode_id
        self.extra = {"open_episode": episode_id, "open_episode_url": f"/api/v1/episodes/{episode_id}"}
        super().__init__(f"client: has an open episode ({episode_id}) in this unit; continue it, or give "
                         "second_episode_reason to open another one beside it")


class EpisodeVoided(Conflict):
    """The episode was voided as entered in error: nothing is added to it or changed in it."""

    def __init__(self, episode_id: int) -> None:
        self.episode_id = episode_id
        super().__init__(f"episode: {episode_id} was voided as entered in error; nothing can be added to it")


def _live(episode: Episode) -> Episode:
    """``episode``, unless it was voided (then :class:`EpisodeVoided`)."""
    if episode.voided_at is not None:
        raise EpisodeVoided(episode.pk)
    return episode


def open_episode_of(client: Client, unit: Unit) -> Episode | None:
    """The client's open episode in the unit (the first one opened, when a second was confirmed)."""
    return (Episode.objects.filter(client=client, unit=unit, end_date__isnull=True, voided_at__isnull=True)
            .order_by(F("opened_beside").asc(nulls_first=True), "pk").first())


@dataclass(frozen=True)
class ReferralChecks:
    concerns: list[str]
    second_episode_reason: str


def check_referral(referral_date: dt.date, concerns: Iterable[str], referral_source: str,
                   second_episode_reason: str | None = None) -> ReferralChecks:
    """The referral's own input, checked before anything is read or written."""
    values = _check_concerns(concerns)
    if referral_source not in rules.ReferralSource.__members__.values():
        raise _bad("referral_source", f"must be one of {', '.join(rules.ReferralSource)}")
    try:
        rules.check_dates(rules.EpisodeDates(referral_date), today=timezone.localdate())
    except rules.EpisodeRuleError as exc:
        raise _bad(exc.field, exc.reason) from None
    return ReferralChecks(values, (second_episode_reason or "").strip())


def _refuse_second_open_episode(actor: Any, client: Client, unit: Unit, reason: str) -> Episode | None:
    """The open episode a new one would be beside: refused (audited) without a reason; with one, returned."""
    existing = open_episode_of(client, unit)
    if existing is not None and not reason:
        audit.record(actor, "episode.create", "client", client.pk, outcome=audit.Outcome.FAILED,
                     detail={"unit": unit.code, "reason": "open_episode_exists", "open_episode": existing.pk})
        raise OpenEpisodeExists(existing.pk)
    return existing


def authorise_referral(actor: Any, client_id: int, unit_code: str | None, second_episode_reason: str | None) -> None:
    """Everything :func:`open_episode` refuses from what is stored, checked (and audited) before the
    write's transaction: the client and the unit may be reached, and no open episode is there unless a
    reason confirms a second one."""
    client = get_client(actor, client_id, Perm.CLIENT_READ, "episode.create")
    unit = writable_unit(actor, unit_code, "episode.create")
    _refuse_second_open_episode(actor, client, unit, (second_episode_reason or "").strip())


def authorise_new_client_referral(actor: Any, data: ClientInput, second_episode_reason: str | None) -> Registration:
    """A referral of a client who may not be registered yet, checked (and refusals audited) before the
    write's transaction: the registration, and no open episode of a record found there unless a reason
    confirms a second one."""
    registration = prepare_registration(actor, data)
    if registration.found is not None:
        _refuse_second_open_episode(actor, registration.found, registration.unit, (second_episode_reason or "").strip())
    return registration


def open_episode(actor: Any, client_id: int, unit_code: str | None, referral_date: dt.date,
                 concerns: Iterable[str] = (), referral_source: str = "other",
                 navigator: Mapping[str, Any] | None = None, *, second_episode_reason: str | None = None) -> Episode:
    """A referral: a new episode of a client in a unit.

    A client has one open episode in a unit: a second referral there is refused with
    :class:`OpenEpisodeExists` naming the open one, unless ``second_episode_reason`` says why another
    is opened beside it (kept on the episode and in the audit entry)."""
    require_client_access(actor, Perm.CLIENT_WRITE, "episode.create")
    checked = check_referral(referral_date, concerns, referral_source, second_episode_reason)
    client = get_client(actor, client_id, Perm.CLIENT_READ, "episode.create")
    unit = writable_unit(actor, unit_code, "episode.create")
    if not client.registers_in(unit):
        raise _bad("unit", OTHER_REGISTER)
    _refuse_second_open_episode(actor, client, unit, checked.second_episode_reason)  # audited outside the write
    with transaction.atomic():
        Client.objects.select_for_update().filter(pk=client.pk).first()  # one referral of a client at a time
        beside = _refuse_second_open_episode(actor, client, unit, checked.second_episode_reason)
        ClientUnit.objects.get_or_create(client=client, unit=unit)
        nav = dict(navigator or {})
        episode = Episode.objects.create(
            client=client, unit=unit, responsible=_user(actor), referral_date=referral_date,
            referral_source=referral_source, concerns=checked.concerns,
            problem=checked.concerns[0] if checked.concerns else "",
            navigator_recommendation=nav.get("recommendation"),
            navigator_ruleset_id=str(nav.get("ruleset_id") or ""),
            navigator_ruleset_version=str(nav.get("ruleset_version") or ""),
            opened_beside=beside, opened_beside_reason=checked.second_episode_reason if beside else "",
        )
        detail: dict[str, Any] = {"unit": unit.code, "client": client.pk}
        if beside is not None:
            detail["opened_beside"] = beside.pk  # the explicit confirmation, recorded
        audit.record(actor, "episode.create", "episode", episode.pk, detail=detail)
    return episode


def register_referral(actor: Any, data: ClientInput, referral_date: dt.date, concerns: Iterable[str] = (),
                      referral_source: str = "other", *, second_episode_reason: str | None = None) -> Episode:
    """A referral of a client who may not be registered yet (the web form): the client registered or
    found in the unit's county register and the episode opened, all in one transaction - an invalid
    referral leaves no client, unit link or audit entry behind."""
    check_referral(referral_date, concerns, referral_source, second_episode_reason)
    authorise_new_client_referral(actor, data, second_episode_reason)  # refusals audited before the transaction
    with transaction.atomic():
        client, _created = register_client(actor, data)
        return open_episode(actor, client.pk, data.unit, referral_date, concerns, referral_source,
                            second_episode_reason=second_episode_reason)


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
        qs = qs.filter(end_date__isnull=True, voided_at__isnull=True)
    found = list(qs[_page(page, page_size)])
    audit.record(actor, "episode.list", "episode", "", detail={"count": len(found), **_named(found)})
    return found


# The children of the client (porras.care.domain.children); family_service is a catalogue service id.
CHILDREN_FIELDS = ("minor_children", "children_discussed_date", "children_discussion_method", "family_referral_date",
                   "family_service")

EDITABLE = ("referral_date", "referral_source", "concerns", "assessment_date", "step", "step_reason",
            "intervention", "end_date", "end_reason", "navigator_recommendation", "navigator_ruleset_id",
            "navigator_ruleset_version", *CHILDREN_FIELDS)


def update_episode(actor: Any, episode_id: int, version: int, changes: Mapping[str, Any]) -> Episode:
    """Change an episode. ``version`` must be the current one, else :class:`StaleVersion`."""
    unknown = [k for k in changes if k not in EDITABLE]
    if unknown:
        raise _bad(unknown[0], "cannot be changed here")
    get_episode(actor, episode_id, Perm.CLIENT_WRITE, "episode.update")  # authorised before the write
    with transaction.atomic():
        episode = _live(get_episode(actor, episode_id, Perm.CLIENT_WRITE, "episode.update", for_update=True))
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
        if "referral_date" in changes or any(name in changes for name in CHILDREN_FIELDS):
            _apply_children(episode, changes)
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


def family_services(episode: Episode) -> QuerySet[Service]:
    """The published family services (family centres) of the episode's county in the catalogue."""
    return Service.objects.filter(county=episode.unit.organisation.county_id, status="published",
                                  terms__vocabulary="category", terms__code="family_centre").order_by("name_fi")


def _apply_children(episode: Episode, changes: Mapping[str, Any]) -> None:
    """Set the children's fields named in ``changes`` and check them together (least data: yes / no /
    unknown and dates; the method and the service only beside their dates)."""
    for name in ("minor_children", "children_discussion_method"):
        if name in changes:
            setattr(episode, name, str(changes[name] or ("unknown" if name == "minor_children" else "")))
    for name in ("children_discussed_date", "family_referral_date"):
        if name in changes:
            setattr(episode, name, changes[name])
    if "family_service" in changes:
        chosen = changes["family_service"]
        if chosen is None:
            episode.family_service = None
        else:
            found = family_services(episode).filter(pk=chosen).first()
            if found is None:
                raise _bad("family_service", "is not a family service of the episode's county")
            episode.family_service = found
    try:
        check_children(episode.children(), episode.referral_date, timezone.localdate())
    except rules.EpisodeRuleError as exc:
        if exc.reason == BEFORE_REFERRAL and exc.field not in changes:  # the referral moved past them
            raise _bad("referral_date", "must not be after the dates recorded about the client's children") from None
        raise _bad(exc.field, exc.reason) from None


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
        episode = _live(get_episode(actor, episode_id, Perm.CLIENT_WRITE, "episode.transfer", for_update=True))
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
        episode = _live(get_episode(actor, episode_id, Perm.CLIENT_WRITE, "appointment.create", for_update=True))
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
        episode = _live(get_episode(actor, appointment.episode_id, Perm.CLIENT_WRITE, "appointment.update",
                                    for_update=True))
        if appointment.voided:
            raise _bad("appointment", "has been voided")
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
_CHANNELS = {"api": Channel.API, "ui": Channel.WEB, "fhir": Channel.FHIR, "navigator": Channel.NAVIGATOR,
             "client": Channel.CLIENT}


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
        episode = _live(get_episode(actor, episode_id, Perm.CLIENT_WRITE, "measurement.create"))
        appointment = _measurement_appointment(episode, date, appointment_id)
        response = record_response(scored, channel=_CHANNELS.get(source, Channel.API), wording=wording,
                                   language=current_language() if source == "ui" else None, actor=actor,
                                   field="text_pack")
        return _store_measurement(actor, episode, scored.result, date, appointment, response, source)


def record_client_measurement(episode_id: int, scored: ScoredAnswers, *, language: str, username: str,
                              detail: Mapping[str, Any] | None = None) -> Measurement:
    """The client's own answers (channel ``client``: a programme module or a questionnaire before the
    next appointment), dated today, with their risk flags in the same transaction. The caller has tied
    the client to the episode (the selfcare app's client access); ``username`` names the client in the
    audit log without identifying them. An ended or voided episode takes no more answers (Conflict)."""
    with transaction.atomic():
        episode = Episode.objects.select_for_update(of=("self",)).filter(pk=episode_id).first()
        if episode is None:
            raise NotFound("episode: not found")
        if _live(episode).end_date is not None:
            raise Conflict("episode: it has ended; it takes no more answers")
        response = record_response(scored, channel=Channel.CLIENT, language=language, actor=None)
        return _store_measurement(None, episode, scored.result, timezone.localdate(), None, response, "client",
                                  username=username, detail=detail)


def _measurement_appointment(episode: Episode, date: dt.date, appointment_id: int | None) -> Appointment | None:
    """Check the date of a measurement of ``episode``; the appointment it belongs to, if one is named."""
    if date < episode.referral_date:
        raise _bad("date", "must not be before the referral date")
    if date > timezone.localdate():
        raise _bad("date", "must not be in the future")
    if appointment_id is None:
        return None
    appointment = episode.appointments.filter(pk=appointment_id, voided_at__isnull=True).first()
    if appointment is None:
        raise _bad("appointment", "is not an appointment of this episode")
    return appointment


def _store_measurement(actor: Any, episode: Episode, result: ScoreResult, date: dt.date,
                       appointment: Appointment | None, response: InstrumentResponse, source: str,
                       corrects: Measurement | None = None, *, username: str | None = None,
                       detail: Mapping[str, Any] | None = None) -> Measurement:
    assert result.total is not None  # the engine scores or refuses; it never stores no total
    measurement = Measurement.objects.create(
        episode=episode, appointment=appointment, response=response, instrument=result.instrument,
        instrument_version=result.version, date=date, item_scores=list(result.scored_item_scores),
        total=float(result.total), severity=result.severity or "", caseness=result.caseness,
        subscores=dict(result.subscores), complete=result.complete, warnings=list(result.warnings), source=source,
        corrects=corrects,
    )
    for flag in result.risk_flags:
        RiskFlag.objects.create(episode=episode, measurement=measurement, instrument=result.instrument,
                                item=str(flag["item"]), value=int(flag["value"]))
    audit.record(actor, "measurement.create", "measurement", measurement.pk,
                 detail={"episode": episode.pk, "instrument": result.instrument, "risk_flags": len(result.risk_flags),
                         "source": source, **(detail or {})}, username=username)
    return measurement


def list_measurements(actor: Any, episode_id: int) -> list[Measurement]:
    episode = get_episode(actor, episode_id, action="measurement.list")
    found = list(episode.measurements.prefetch_related("risk_flags"))
    audit.record(actor, "measurement.list", "episode", episode.pk,
                 detail={"count": len(found), "measurements": [m.pk for m in found]})
    return found


# ------------------------------------------------------------------------------ corrections
# A record entered in error is voided (it stays, out of charts, work lists, exports and reports) or
# corrected; each correction is kept in the episode's history (Correction: who, when, why, what changed)
# and audited. A risk flag is never hidden: a measurement with an open one is voided or corrected only
# after the flag is acknowledged; an episode only without open risk flags and follow-ups.

REASON_MAX = 2000


def _reason_text(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise _bad("reason", "is required: say why the record is corrected or voided")
    if len(text) > REASON_MAX:
        raise _bad("reason", f"must be at most {REASON_MAX} characters")
    return text


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` of the fields that changed (dates as ISO text)."""
    return {k: [_iso(before[k]), _iso(after[k])] for k in after if before.get(k) != after[k]}


def _correction(actor: Any, episode: Episode, record_type: str, record_id: int, action: str, reason: str,
                changes: Mapping[str, Any] | None = None) -> Correction:
    return Correction.objects.create(episode=episode, record_type=record_type, record_id=record_id, action=action,
                                     reason=reason, changes=dict(changes or {}), by=_username(actor))


def authorise_measurement(actor: Any, measurement_id: int, action: str) -> Episode:
    return _episode_of(actor, Measurement, "measurement", measurement_id, Perm.CLIENT_WRITE, action)


NO_HIDDEN_RISK = ("has an open risk flag: assess the risk and acknowledge the flag first (a risk answer is "
                  "never hidden)")


def _measurement_for_change(actor: Any, measurement_id: int, action: str) -> tuple[Episode, Measurement]:
    """The measurement (locked) and its live episode, if the caller may change it and it may be changed."""
    measurement = Measurement.objects.select_for_update(of=("self",)).filter(pk=measurement_id).first()
    if measurement is None:
        raise NotFound("measurement: not found")
    episode = _live(get_episode(actor, measurement.episode_id, Perm.CLIENT_WRITE, action, for_update=True))
    if measurement.voided:
        raise _bad("measurement", "has already been voided")
    if measurement.risk_flags.filter(acknowledged_at__isnull=True).exists():
        raise _bad("risk_flags", NO_HIDDEN_RISK)
    return episode, measurement


def void_measurement(actor: Any, measurement_id: int, reason: str) -> Measurement:
    """Void a measurement entered in error: it leaves the charts, the work list, exports and reports."""
    text = _reason_text(reason)
    authorise_measurement(actor, measurement_id, "measurement.void")  # authorised before the write
    with transaction.atomic():
        episode, measurement = _measurement_for_change(actor, measurement_id, "measurement.void")
        measurement.void(_username(actor), text)
        _correction(actor, episode, rules.CorrectedRecord.MEASUREMENT, measurement.pk, rules.CorrectionAction.VOID, text)
        _bump(episode)
        audit.record(actor, "measurement.void", "measurement", measurement.pk, detail={"episode": episode.pk})
    return measurement


def correct_measurement(actor: Any, measurement_id: int, reason: str, *, date: dt.date | None = None,
                        answers: Sequence[int | None] | None = None, source: str = "api") -> Measurement:
    """Correct a measurement: a new one with the corrected date and/or answers (scored by the
    instruments engine, stored by its one writer; risk answers raise flags), and the old one voided
    with the reason. Returns the new measurement; the history names both."""
    text = _reason_text(reason)
    authorise_measurement(actor, measurement_id, "measurement.correct")  # authorised before the write
    old = Measurement.objects.filter(pk=measurement_id).first()
    if old is None:
        raise NotFound("measurement: not found")
    if answers is None and old.response is None:
        raise _bad("answers", "are required: this measurement was imported as a total without answers")
    new_answers = list(answers) if answers is not None else list(old.answers or [])
    new_date = date or old.date
    if new_answers == list(old.answers or []) and new_date == old.date:
        raise _bad("measurement", "nothing to correct: give another date or other answers")
    scored = score_answers(old.instrument, new_answers)
    wording = WordingRef.parse(old.response.wording) if old.response is not None else None
    with transaction.atomic():
        episode, old = _measurement_for_change(actor, measurement_id, "measurement.correct")
        appointment = old.appointment if old.appointment is not None and not old.appointment.voided else None
        if new_date < episode.referral_date and not (old.source == "navigator" and new_date == old.date):
            raise _bad("date", "must not be before the referral date")
        if new_date > timezone.localdate():
            raise _bad("date", "must not be in the future")
        response = record_response(scored, channel=_CHANNELS.get(source, Channel.API), wording=wording,
                                   language=old.response.language if old.response is not None else None,
                                   actor=actor, field="answers")
        new = _store_measurement(actor, episode, scored.result, new_date, appointment, response, source, corrects=old)
        old.void(_username(actor), text)
        _correction(actor, episode, rules.CorrectedRecord.MEASUREMENT, old.pk, rules.CorrectionAction.CORRECT, text,
                    {**_changes({"date": old.date, "total": old.total}, {"date": new.date, "total": new.total}),
                     "replaced_by": new.pk})
        _bump(episode)
        audit.record(actor, "measurement.correct", "measurement", old.pk,
                     detail={"episode": episode.pk, "replaced_by": new.pk})
    return new


def _appointment_for_change(actor: Any, appointment_id: int, action: str) -> tuple[Episode, Appointment]:
    appointment = Appointment.objects.select_for_update(of=("self",)).filter(pk=appointment_id).first()
    if appointment is None:
        raise NotFound("appointment: not found")
    episode = _live(get_episode(actor, appointment.episode_id, Perm.CLIENT_WRITE, action, for_update=True))
    if appointment.voided:
        raise _bad("appointment", "has already been voided")
    return episode, appointment


def _fact(a: Appointment) -> rules.AppointmentFact:
    return rules.AppointmentFact(a.date, a.kind, a.status)


DATES_OUT_OF_ORDER = ("gives the episode its assessment or first treatment date, and without it they would be out "
                      "of order: correct its date instead, or void the treatment appointments first")


def _redate(episode: Episode, appointment: Appointment, new: rules.AppointmentFact | None) -> dict[str, list[Any]]:
    """Take ``appointment`` out of the episode's dates and, when corrected, add ``new`` back (with the checks
    a new appointment gets). Returns the episode's date changes."""
    before = {"assessment_date": episode.assessment_date, "first_treatment_date": episode.first_treatment_date}
    others = [_fact(a) for a in episode.appointments.filter(voided_at__isnull=True).exclude(pk=appointment.pk)]
    dates = rules.dates_without(episode.dates(), _fact(appointment), others)
    episode.assessment_date, episode.first_treatment_date = dates.assessment_date, dates.first_treatment_date
    if new is not None:
        _check_appointment(episode, new.date, new.kind, new.status)
    try:
        rules.check_dates(episode.dates())
    except rules.EpisodeRuleError:
        raise _bad("appointment", DATES_OUT_OF_ORDER) from None
    return _changes(before, {"assessment_date": episode.assessment_date,
                             "first_treatment_date": episode.first_treatment_date})


def void_appointment(actor: Any, appointment_id: int, reason: str) -> Appointment:
    """Void an appointment entered in error; the episode's assessment and first treatment dates it gave
    go with it (the earliest remaining attended appointment's take their place)."""
    text = _reason_text(reason)
    authorise_appointment(actor, appointment_id, "appointment.void")  # authorised before the write
    with transaction.atomic():
        episode, appointment = _appointment_for_change(actor, appointment_id, "appointment.void")
        changed = _redate(episode, appointment, None)
        appointment.void(_username(actor), text)
        _correction(actor, episode, rules.CorrectedRecord.APPOINTMENT, appointment.pk, rules.CorrectionAction.VOID,
                    text, changed)
        _bump(episode)
        audit.record(actor, "appointment.void", "appointment", appointment.pk,
                     detail={"episode": episode.pk, "episode_dates": sorted(changed)})
    return appointment


def correct_appointment(actor: Any, appointment_id: int, reason: str, *, date: dt.date | None = None,
                        kind: str | None = None, status: str | None = None) -> Appointment:
    """Correct an appointment's date, kind or status in place (the history keeps the values before);
    the episode's dates follow as if it had been entered right."""
    text = _reason_text(reason)
    authorise_appointment(actor, appointment_id, "appointment.correct")  # authorised before the write
    with transaction.atomic():
        episode, appointment = _appointment_for_change(actor, appointment_id, "appointment.correct")
        before: dict[str, Any] = {"date": appointment.date, "kind": appointment.kind, "status": appointment.status}
        after: dict[str, Any] = {"date": date or appointment.date, "kind": kind or appointment.kind,
                                 "status": status or appointment.status}
        if after == before:
            raise _bad("appointment", "nothing to correct: give another date, kind or status")
        changed = _redate(episode, appointment, rules.AppointmentFact(after["date"], after["kind"], after["status"]))
        appointment.date, appointment.kind, appointment.status = after["date"], after["kind"], after["status"]
        appointment.save(update_fields=["date", "kind", "status"])
        _correction(actor, episode, rules.CorrectedRecord.APPOINTMENT, appointment.pk, rules.CorrectionAction.CORRECT,
                    text, {**_changes(before, after), **changed})
        _bump(episode)
        audit.record(actor, "appointment.correct", "appointment", appointment.pk,
                     detail={"episode": episode.pk, "fields": sorted(_changes(before, after))})
    return appointment


def void_episode(actor: Any, episode_id: int, version: int, reason: str) -> Episode:
    """Void a referral entered in error: the episode, its appointments and its measurements leave the
    work list, charts, exports and reports (they stay, marked, in the client's history). Refused while
    a risk flag is open or a follow-up is not done (those are never hidden)."""
    text = _reason_text(reason)
    get_episode(actor, episode_id, Perm.CLIENT_WRITE, "episode.void")  # authorised before the write
    with transaction.atomic():
        episode = _live(get_episode(actor, episode_id, Perm.CLIENT_WRITE, "episode.void", for_update=True))
        if version != episode.version:
            raise Conflict(f"version: episode is at version {episode.version}, not {version}; reload and retry")
        if episode.risk_flags.filter(acknowledged_at__isnull=True).exists():
            raise _bad("risk_flags", "the episode has an open risk flag: assess the risk and acknowledge it first "
                                     "(a risk answer is never hidden)")
        if episode.followups.filter(done_at__isnull=True).exists():
            raise _bad("followups", "the episode has a follow-up that is not done: a follow-up after a suicide "
                                    "attempt or self-harm contact is never hidden; complete it first")
        by, now = _username(actor), timezone.now()
        episode.void(by, text, at=now)
        appointments = list(episode.appointments.filter(voided_at__isnull=True).values_list("pk", flat=True))
        measurements = list(episode.measurements.filter(voided_at__isnull=True).values_list("pk", flat=True))
        Appointment.objects.filter(pk__in=appointments).update(voided_at=now, voided_by=by, void_reason=text)
        Measurement.objects.filter(pk__in=measurements).update(voided_at=now, voided_by=by, void_reason=text)
        _correction(actor, episode, rules.CorrectedRecord.EPISODE, episode.pk, rules.CorrectionAction.VOID, text,
                    {"appointments": appointments, "measurements": measurements})
        _bump(episode)
        audit.record(actor, "episode.void", "episode", episode.pk,
                     detail={"client": episode.client_id, "appointments": appointments, "measurements": measurements})
    return episode


REFERRAL_FIELDS = ("referral_date", "referral_source", "concerns")


def correct_referral(actor: Any, episode_id: int, version: int, reason: str, changes: Mapping[str, Any]) -> Episode:
    """Correct what the referral recorded (date, source, concerns), with the reason kept in the history."""
    text = _reason_text(reason)
    unknown = [k for k in changes if k not in REFERRAL_FIELDS]
    if unknown:
        raise _bad(unknown[0], "is not a part of the referral")
    get_episode(actor, episode_id, Perm.CLIENT_WRITE, "episode.correct")  # authorised before the write
    with transaction.atomic():
        episode = _live(get_episode(actor, episode_id, Perm.CLIENT_WRITE, "episode.correct", for_update=True))
        before = {k: getattr(episode, k) for k in REFERRAL_FIELDS}
        after = {**before, **{k: (list(v) if k == "concerns" else v) for k, v in changes.items()}}
        if after == before:
            raise _bad("episode", "nothing to correct: the referral already says this")
        if after["referral_date"] > timezone.localdate():
            raise _bad("referral_date", "must not be in the future")
        if after["referral_date"] > min([m.date for m in episode.measurements.filter(voided_at__isnull=True)
                                         .exclude(source="navigator")], default=dt.date.max):
            raise _bad("referral_date", "must not be after the episode's first measurement")
        updated = update_episode(actor, episode.pk, version, dict(changes))
        _correction(actor, updated, rules.CorrectedRecord.EPISODE, updated.pk, rules.CorrectionAction.CORRECT, text,
                    _changes(before, {k: getattr(updated, k) for k in REFERRAL_FIELDS}))
        audit.record(actor, "episode.correct", "episode", updated.pk, detail={"fields": sorted(changes)})
    return updated


def corrections(actor: Any, episode_id: int) -> list[Correction]:
    """The episode's history of corrections (audited as read)."""
    episode = get_episode(actor, episode_id, action="correction.list")
    found = list(episode.corrections.all())
    audit.record(actor, "correction.list", "episode", episode.pk, detail={"corrections": [c.pk for c in found]})
    return found


# ------------------------------------------------------------------------------ a referral from a self-assessment
# A professional who opened a resident's saved self-assessment (its 30-day code) starts a referral from
# it, as self-referral portals feed IAPTus: the episode's referral source is the navigator and it keeps
# the recommendation; the answers to the questionnaires become the episode's baseline measurements on
# the day the resident saved them (through the instruments app's one writer, channel "navigator"), so a
# baseline may come before the referral date; risk answers raise flags - a plan to end one's life too.

# Navigator concerns that are care concerns of the same meaning (others are left for the professional).
NAVIGATOR_CONCERNS = {"depression": "depression", "anxiety": "anxiety", "panic": "panic", "alcohol": "alcohol"}
PLAN_TO_END_LIFE = ("navigator", "plan_to_end_life")  # (instrument, item) of the risk flag it raises


@dataclass(frozen=True)
class SelfAssessment:
    """A saved self-assessment as a referral reads it."""

    pk: int
    saved_on: dt.date
    language: str
    county: str
    concerns: list[str]  # as care concerns
    answers: dict[str, list[int | None]]  # instrument -> option positions
    plan_to_end_life: bool
    result: dict[str, Any]
    ruleset_id: str
    ruleset_version: str

    @property
    def questionnaires(self) -> list[str]:
        """The short names of the questionnaires answered (PHQ-9, GAD-7)."""
        return [_abbreviation(instrument) for instrument in self.answers]


def read_self_assessment(actor: Any, code: str) -> SelfAssessment:
    """Open a saved self-assessment by its code (the navigator's look-up: permission, the limit on
    failed look-ups and the audit entry are its own). Raises its NotFound / TooManyRequests."""
    from porras.navigator import services as navigator  # the navigator does not import care

    # the navigator's look-up takes a request (or anything with its user): a user alone is wrapped
    found = navigator.open_assessment(actor if hasattr(actor, "user") else SimpleNamespace(user=actor), code)
    answers = found.answers or {}
    responses = answers.get("responses") or {}
    concerns = [NAVIGATOR_CONCERNS[c] for c in answers.get("concerns") or [] if c in NAVIGATOR_CONCERNS]
    return SelfAssessment(
        pk=found.pk, saved_on=timezone.localtime(found.created_at).date(), language=found.language,
        county=found.county, concerns=list(dict.fromkeys(concerns)),
        answers={str(k): list(v) for k, v in responses.items() if isinstance(v, list)},
        plan_to_end_life=bool((answers.get("risk") or {}).get("plan_to_end_life")),
        result=dict(found.result or {}), ruleset_id=found.ruleset_id, ruleset_version=found.ruleset_version,
    )


def referral_from_assessment(actor: Any, code: str, data: ClientInput, referral_date: dt.date,
                             concerns: Iterable[str] = (), *, second_episode_reason: str | None = None) -> Episode:
    """Register the client, open the episode (referral source: the navigator, with its recommendation)
    and store the self-assessment's answers as baseline measurements, in one transaction.

    Everything the caller gives is checked before the code is opened; opening it is counted and audited
    by the navigator whether or not the referral is then written."""
    checked = check_referral(referral_date, concerns, rules.ReferralSource.NAVIGATOR, second_episode_reason)
    authorise_new_client_referral(actor, data, second_episode_reason)  # refusals audited before the transaction
    assessment = read_self_assessment(actor, code)
    baseline = []
    for instrument_id, positions in assessment.answers.items():
        try:
            baseline.append(score_answers(instrument_id, positions))
        except InputError as exc:
            raise InputError([{**e, "field": f"responses.{instrument_id}"} for e in exc.errors]) from None
    with transaction.atomic():
        client, _created = register_client(actor, data)
        episode = open_episode(
            actor, client.pk, data.unit, referral_date, checked.concerns, rules.ReferralSource.NAVIGATOR,
            {"recommendation": assessment.result, "ruleset_id": assessment.ruleset_id,
             "ruleset_version": assessment.ruleset_version},
            second_episode_reason=second_episode_reason)
        measurements = []
        for scored in baseline:
            response = record_response(scored, channel=Channel.NAVIGATOR, language=assessment.language, actor=actor,
                                       field="code")
            measurements.append(_store_measurement(actor, episode, scored.result, assessment.saved_on, None, response,
                                                   "navigator"))
        if assessment.plan_to_end_life:
            instrument, item = PLAN_TO_END_LIFE
            RiskFlag.objects.create(episode=episode, measurement=None, instrument=instrument, item=item, value=1,
                                    answered_on=assessment.saved_on)
        audit.record(actor, "episode.from_assessment", "episode", episode.pk,
                     detail={"assessment": assessment.pk, "measurements": [m.pk for m in measurements],
                             "plan_to_end_life": assessment.plan_to_end_life})
    return episode


# ------------------------------------------------------------------------------ risk, safety, follow-up

def open_risk_flags(actor: Any, episode: Episode) -> list[RiskFlag]:
    return list(episode.risk_flags.filter(acknowledged_at__isnull=True).select_related("measurement"))


@dataclass(frozen=True)
class EpisodeContents:
    """What an episode shows, on its page and in its printed summary alike: the live measurements (a
    correction in the place of the one it corrects) and appointments, the voided ones apart, and its
    risk flags read as question and answer. The caller has authorised and audited the read."""

    measurements: list[Measurement]
    voided_measurements: list[Measurement]
    appointments: list[Appointment]
    voided_appointments: list[Appointment]
    open_flags: list[RiskFlag]
    acknowledged_flags: list[RiskFlag]


def episode_contents(actor: Any, episode: Episode, language: str) -> EpisodeContents:
    measurements = list(episode.measurements.prefetch_related("risk_flags").select_related("corrects"))
    live = sorted((m for m in measurements if not m.voided), key=lambda m: (m.date, m.corrects_id or m.pk))
    appointments = list(episode.appointments.all())
    open_flags = open_risk_flags(actor, episode)
    acknowledged_flags = list(episode.risk_flags.filter(acknowledged_at__isnull=False).select_related("measurement"))
    for flag in open_flags + acknowledged_flags:  # the question's text and the answer's label
        flag.words = flag.in_words(language)  # type: ignore[attr-defined]
    return EpisodeContents(
        measurements=live, voided_measurements=[m for m in measurements if m.voided],
        appointments=[a for a in appointments if not a.voided], voided_appointments=[a for a in appointments if a.voided],
        open_flags=open_flags, acknowledged_flags=acknowledged_flags,
    )


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
        episode = _live(get_episode(actor, episode_id, Perm.CLIENT_WRITE, "safety_plan.create", for_update=True))
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
        episode = _live(get_episode(actor, episode_id, Perm.CLIENT_WRITE, "followup.create"))
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

@dataclass(frozen=True)
class LastScore:
    """The latest score of one instrument in an episode (voided measurements left out)."""

    instrument: str
    abbreviation: str
    total: float
    date: dt.date
    severity: str

    @property
    def total_text(self) -> str:
        return f"{self.total:g}"


@dataclass
class WorklistRow:
    episode: Episode
    next_appointment: dt.date | None
    measure_due: bool
    open_risk_flags: int
    overdue_followups: int
    last_scores: list[LastScore] = dataclasses.field(default_factory=list)
    # Days until treatment must start under the therapy guarantee (negative: overdue); None: not covered.
    guarantee_days_left: int | None = None
    guarantee_warn_days: int = 7

    @property
    def guarantee_days_late(self) -> int:
        return -self.guarantee_days_left if self.guarantee_days_left is not None and self.guarantee_days_left < 0 else 0

    @property
    def guarantee_warning(self) -> bool:
        return self.guarantee_days_left is not None and self.guarantee_days_left <= self.guarantee_warn_days

    @property
    def needs_attention(self) -> bool:
        return bool(self.open_risk_flags or self.overdue_followups or self.measure_due or self.guarantee_warning)


@dataclass
class WorklistPage:
    rows: list[WorklistRow]
    page: int
    page_size: int
    total: int
    order: str

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def previous_page(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next_page(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None


WORKLIST_PAGE_SIZE = 50


def _abbreviation(instrument_id: str) -> str:
    try:
        return load_instrument(instrument_id).abbreviation
    except UnknownInstrument:
        return instrument_id


def last_scores(episode_ids: Sequence[int]) -> dict[int, list[LastScore]]:
    """Per episode, the latest score of each instrument measured in it (voided measurements left out),
    in the order the instruments were first measured."""
    out: dict[int, dict[str, LastScore]] = {}
    rows = (Measurement.objects.filter(episode_id__in=list(episode_ids), voided_at__isnull=True)
            .order_by("episode_id", "date", "pk").values_list("episode_id", "instrument", "total", "date", "severity"))
    for episode_id, instrument, total, date, severity in rows:
        out.setdefault(episode_id, {})[instrument] = LastScore(instrument, _abbreviation(instrument), float(total),
                                                               date, severity)
    return {episode_id: list(scores.values()) for episode_id, scores in out.items()}


def _worklist_order(order: str) -> list[Any]:
    if order not in list(rules.WorklistOrder):
        raise _bad("order", f"must be one of {', '.join(rules.WorklistOrder)}")
    soonest = F("next_appt").asc(nulls_last=True)
    orders: dict[str, list[Any]] = {
        rules.WorklistOrder.ATTENTION: [F("open_flags").desc(), F("late").desc(), F("due").desc(), soonest, "-pk"],
        rules.WorklistOrder.NEXT_APPOINTMENT: [soonest, "-pk"],
        rules.WorklistOrder.WAITING: ["referral_date", "pk"],
        rules.WorklistOrder.CLIENT: ["client__local_identifier", "client_id", "pk"],
    }
    return orders[rules.WorklistOrder(order)]


def worklist(actor: Any, *, mine_only: bool = True, today: dt.date | None = None, page: int = 1,
             page_size: int = WORKLIST_PAGE_SIZE, order: str = rules.WorklistOrder.ATTENTION) -> WorklistPage:
    """Open episodes of the user's units (``mine_only``: those the user is responsible for), with the
    next booked appointment, whether a measure is due, open risk flags, overdue follow-ups and the last
    score of each instrument; one page of them, sorted by ``order`` (those needing attention first by
    default). Voided episodes, appointments and measurements are left out; risk flags never are."""
    require_client_access(actor, Perm.CLIENT_READ, "worklist.read")
    day = today or timezone.localdate()
    sort = _worklist_order(order)
    qs = (episodes_in_scope(actor).filter(end_date__isnull=True, voided_at__isnull=True)
          .select_related("client", "unit"))
    if mine_only:
        qs = qs.filter(responsible=_user(actor))
    # Subqueries, not joins: joining appointments, measurements, flags and follow-ups at once would
    # multiply their rows per episode.
    def first(model: Any, field: str, func: Any, **conditions: Any) -> Subquery:
        return Subquery(model.objects.filter(episode=OuterRef("pk"), **conditions).order_by()
                        .values("episode").annotate(v=func(field)).values("v")[:1])

    qs = qs.annotate(
        next_appt=first(Appointment, "date", Min, status="booked", date__gte=day, voided_at__isnull=True),
        last_attended=first(Appointment, "date", Max, status="attended", voided_at__isnull=True),
        last_measured=first(Measurement, "date", Max, voided_at__isnull=True),
        open_flags=Coalesce(first(RiskFlag, "pk", Count, acknowledged_at__isnull=True), 0),
        late=Coalesce(first(FollowUp, "pk", Count, done_at__isnull=True, due_date__lt=day), 0),
    ).annotate(
        # rules.measure_due, as SQL for sorting (an open episode: due when the last attended appointment
        # has no measurement on or after its date); the rows below take the rule itself
        due=Case(When(Q(last_attended__isnull=False) & (Q(last_measured__isnull=True)
                                                        | Q(last_measured__lt=F("last_attended"))), then=Value(1)),
                 default=Value(0), output_field=IntegerField()),
    )
    total = qs.count()
    size = max(1, min(page_size, LIST_LIMIT))
    pages = max(1, -(-total // size))
    if page > pages:
        raise _bad("page", f"must be between 1 and {pages}")
    episodes = list(qs.order_by(*sort)[_page(page, size)])
    scores = last_scores([e.pk for e in episodes])
    age_limit, days, _ = rules.default_therapy_guarantee()
    warn = therapy_guarantee_warn_days()
    rows = [
        WorklistRow(e, e.next_appt, rules.measure_due(e.phase, e.last_attended, e.last_measured), e.open_flags, e.late,
                    scores.get(e.pk, []),
                    rules.therapy_guarantee_days_left(e.client.birth_year, e.assessment_date, e.first_treatment_date,
                                                      day, age_limit=age_limit, days=days), warn)
        for e in episodes
    ]
    audit.record(actor, "worklist.read", "episode", "",
                 detail={"count": len(rows), "mine_only": mine_only, "page": page, **_named([r.episode for r in rows])})
    return WorklistPage(rows, page, size, total, order)


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
    _live(episode)
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
