"""Use cases of method competence: method cards, training records, trained capacity against need.

Authorisation through :mod:`porras.accounts.authz` only; every read and write of training records
(they link episodes as training cases) is audited.

Who may do what with a training record:

- a professional keeps their own records, in a unit where they deliver care (``CLIENT_WRITE``);
- a unit manager (``USER_ADMIN`` in the unit) keeps the records of the professionals they manage;
- nobody else sees them: a record outside the caller's reach answers as a missing one (404).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from porras.accounts import audit, authz
from porras.accounts.domain.areas import CollaborativeArea, collaborative_areas
from porras.accounts.models import County, Unit, User
from porras.accounts.roles import Perm
from porras.care.models import Episode
from porras.competence.domain import capacity as cap
from porras.competence.domain.centres import CompetenceCentre, load_centres
from porras.competence.domain.methods import MethodCard, method_card, method_cards
from porras.competence.domain.rules import training_errors
from porras.competence.models import TrainingRecord
from porras.lib import disclosure
from porras.lib.errors import Conflict, InputError, NotFound
from porras.lib.language import current_language
from porras.outcomes import services as reports

RECORD_FIELDS = ("course", "provider", "started_on", "completed_on", "certified_on", "supervision_sessions")


# ------------------------------------------------------------------------------ methods

def get_method(code: str) -> MethodCard:
    card = method_card(code)
    if card is None:
        raise NotFound(f"no method {code!r}")
    return card


def list_methods() -> list[MethodCard]:
    return sorted(method_cards().values(), key=lambda c: (c.step, c.code))


# ------------------------------------------------------------------------------ who may

def delivering_units(user: Any) -> QuerySet[Unit]:
    """Units where ``user`` delivers care (writes client data)."""
    return authz.unit_scope(user, Perm.CLIENT_WRITE)


def managed_units(user: Any) -> QuerySet[Unit]:
    return authz.unit_scope(user, Perm.USER_ADMIN)


def may_keep_records(user: Any) -> bool:
    return delivering_units(user).exists() or managed_units(user).exists()


def visible_records(user: Any) -> QuerySet[TrainingRecord]:
    if not getattr(user, "is_authenticated", False):
        return TrainingRecord.objects.none()
    managed = authz.scope_queryset(user, Perm.USER_ADMIN, TrainingRecord.objects.all())
    return (TrainingRecord.objects.filter(Q(professional=user) | Q(pk__in=managed.values("pk")))
            .select_related("professional", "unit"))


def professionals_for(user: Any) -> QuerySet[User]:
    """Whose training ``user`` may record: themselves, and the professionals they manage."""
    managed = authz.manageable_users(user).filter(memberships__unit__isnull=False)
    return User.objects.filter(Q(pk=user.pk) | Q(pk__in=managed.values("pk"))).distinct().order_by("username")


def units_for(user: Any) -> QuerySet[Unit]:
    return Unit.objects.filter(Q(pk__in=delivering_units(user).values("pk")) |
                               Q(pk__in=managed_units(user).values("pk"))).order_by("name_fi")


def _may_write(actor: Any, professional: User, unit: Unit) -> bool:
    if professional.pk == actor.pk:
        return authz.may(actor, Perm.CLIENT_WRITE, unit) or authz.may(actor, Perm.USER_ADMIN, unit)
    return authz.may(actor, Perm.USER_ADMIN, unit) and authz.may_manage_user(actor, professional)


# ------------------------------------------------------------------------------ training records

def list_records(actor: Any) -> list[TrainingRecord]:
    if not may_keep_records(actor):
        audit.record(actor, "competence.training.list", "training_record", outcome=audit.Outcome.DENIED)
        raise PermissionDenied(Perm.CLIENT_WRITE.value)
    records = list(visible_records(actor).prefetch_related("training_cases"))
    audit.record(actor, "competence.training.list", "training_record",
                 detail={"records": [r.pk for r in records]})
    return records


def get_record(actor: Any, pk: int) -> TrainingRecord:
    """A record the actor may see; another's answers as a missing one (404), and to those who keep no
    training records anywhere (analysts), 403."""
    if not may_keep_records(actor):
        audit.record(actor, "competence.training.read", "training_record", pk, outcome=audit.Outcome.DENIED)
        raise PermissionDenied(Perm.CLIENT_WRITE.value)
    record = visible_records(actor).filter(pk=pk).first()
    if record is None:
        audit.record(actor, "competence.training.read", "training_record", pk, outcome=audit.Outcome.DENIED)
        raise NotFound(f"no training record {pk}")
    audit.record(actor, "competence.training.read", "training_record", pk,
                 detail={"episodes": sorted(e.pk for e in record.training_cases.all())})
    return record


def _training_cases(actor: Any, unit: Unit, professional: User, episode_ids: list[int]) -> list[Episode]:
    """Training cases are episodes of the record's unit that the actor may read; any other number
    is refused as unknown (whether it exists elsewhere is not told)."""
    readable = authz.scope_queryset(actor, Perm.CLIENT_READ, Episode.objects.filter(unit=unit, voided_at__isnull=True))
    found = {e.pk: e for e in readable.filter(pk__in=episode_ids)}
    unknown = [i for i in episode_ids if i not in found]
    if unknown:
        raise InputError.of("training_cases", "not an episode of this unit")
    return [found[i] for i in episode_ids]


@dataclass(frozen=True)
class _Checked:
    existing: TrainingRecord | None
    professional: User
    unit: Unit
    method: MethodCard
    supervision: int
    cases: list[Episode]


def _check(actor: Any, values: dict[str, Any], pk: int | None, action: str) -> _Checked:
    """Every rule of a training record, before anything is written (denials are audited)."""
    existing = None
    if pk is not None:
        existing = visible_records(actor).filter(pk=pk).first()
        if existing is None:
            audit.record(actor, action, "training_record", pk, outcome=audit.Outcome.DENIED)
            raise NotFound(f"no training record {pk}")
    professional = User.objects.filter(username=values.get("professional"), is_active=True).first()
    unit = Unit.objects.filter(code=values.get("unit")).first()
    if professional is None:
        raise InputError.of("professional", "is not a user you may record training for")
    if unit is None:
        raise InputError.of("unit", "is not a unit code")
    if not _may_write(actor, professional, unit):
        audit.record(actor, action, "training_record", pk or "", outcome=audit.Outcome.DENIED,
                     detail={"unit": unit.code})
        if pk is not None:
            raise NotFound(f"no training record {pk}")
        raise PermissionDenied(Perm.USER_ADMIN.value)
    if not authz.may(professional, Perm.CLIENT_WRITE, unit):
        raise InputError.of("unit", "the professional does not deliver care in this unit")
    method = method_card(str(values.get("method") or ""))
    if method is None:
        raise InputError.of("method", "is not a method card")
    supervision = int(values.get("supervision_sessions") or 0)
    errors = training_errors(values.get("started_on"), values.get("completed_on"), values.get("certified_on"),
                             supervision, timezone.localdate())
    if errors:
        raise InputError([e.as_dict() for e in errors])
    cases = _training_cases(actor, unit, professional, list(values.get("training_cases") or []))
    return _Checked(existing, professional, unit, method, supervision, cases)


def _write(actor: Any, checked: _Checked, values: dict[str, Any], action: str, *, version: int | None,
           origin: str, keep_cases: bool = False) -> TrainingRecord:
    professional, method = checked.professional, checked.method
    if checked.existing is None:
        if TrainingRecord.objects.filter(professional=professional, method=method.code).exists():
            raise Conflict("this professional already has a training record for this method")
        record = TrainingRecord(professional=professional, method=method.code, created_by=actor.username,
                                origin=origin)
    else:
        record = TrainingRecord.objects.select_for_update().get(pk=checked.existing.pk)
        if version is not None and record.version != version:
            raise Conflict("the training record was changed meanwhile")
        if (record.professional_id, record.method) != (professional.pk, method.code) and \
                TrainingRecord.objects.filter(professional=professional, method=method.code).exclude(
                    pk=record.pk).exists():
            raise Conflict("this professional already has a training record for this method")
        record.professional, record.method = professional, method.code
        record.version += 1
        record.updated_at = timezone.now()
        record.origin = origin if origin == "imported" else record.origin
    record.unit = checked.unit
    for name in RECORD_FIELDS:
        setattr(record, name, values.get(name) if name != "supervision_sessions" else checked.supervision)
    for name in ("course", "provider"):
        setattr(record, name, str(values.get(name) or ""))
    record.save()
    if not keep_cases:
        record.training_cases.set(checked.cases)
    audit.record(actor, action, "training_record", record.pk, detail={
        "professional": professional.username, "unit": checked.unit.code, "method": method.code,
        "episodes": sorted(e.pk for e in record.training_cases.all()),
    })
    return record


def save_record(
    actor: Any,
    values: dict[str, Any],
    *,
    pk: int | None = None,
    version: int | None = None,
    origin: str = "entered",
) -> TrainingRecord:
    """Create (``pk`` None) or change a training record. ``values``: professional (username), unit
    (code), method (card code), course, provider, started_on, completed_on, certified_on,
    supervision_sessions, training_cases (episode ids)."""
    action = "competence.training.create" if pk is None else "competence.training.update"
    checked = _check(actor, values, pk, action)
    with transaction.atomic():
        return _write(actor, checked, values, action, version=version, origin=origin)


def import_records(actor: Any, rows: list[dict[str, Any]]) -> list[TrainingRecord]:
    """A training provider's rows (:mod:`porras.competence.domain.importing`), all or nothing: every
    row is checked first; any error refuses the whole file with the row numbers (``item``). A row for
    a professional and method already recorded updates that record (its training cases are kept)."""
    if not may_keep_records(actor):
        raise PermissionDenied(Perm.CLIENT_WRITE.value)
    checked: list[tuple[_Checked, dict[str, Any], str]] = []
    errors: list[dict[str, Any]] = []
    for number, values in enumerate(rows, start=2):  # row 1 is the header
        existing = visible_records(actor).filter(professional__username=values.get("professional"),
                                                 method=values.get("method")).first()
        action = "competence.training.update" if existing else "competence.training.create"
        try:
            checked.append((_check(actor, values, existing.pk if existing else None, action), values, action))
        except InputError as exc:
            errors.extend({"item": number, **e} for e in exc.errors)
        except (PermissionDenied, NotFound):
            errors.append({"item": number, "field": "professional",
                           "reason": "is not a user you may record training for"})
    seen: set[tuple[int, str]] = set()
    for number, (c, _, _) in enumerate(checked, start=2):
        key = (c.professional.pk, c.method.code)
        if key in seen:
            errors.append({"item": number, "field": "method", "reason": "appears twice for this professional"})
        seen.add(key)
    if errors:
        raise InputError(errors)
    with transaction.atomic():
        saved = [_write(actor, c, values, action, version=None, origin="imported", keep_cases=c.existing is not None)
                 for c, values, action in checked]
        audit.record(actor, "competence.training.import", "training_record", "",
                     detail={"records": [r.pk for r in saved]})
    return saved


# ------------------------------------------------------------------------------ the episode's notice

def untrained_method(episode: Episode, on: dt.date | None = None) -> MethodCard | None:
    """The episode's method when it asks for training that the responsible professional has not
    completed (a notice on the episode page, never a block); else None."""
    card = method_card(episode.intervention) if episode.intervention else None
    if card is None or not card.requires_training or episode.responsible_id is None:
        return None
    day = on or timezone.localdate()
    done = TrainingRecord.objects.filter(professional_id=episode.responsible_id, method=card.code,
                                         completed_on__lte=day).exists()
    return None if done else card


# ------------------------------------------------------------------------------ capacity against need

@dataclass(frozen=True)
class MethodCapacity:
    card: MethodCard
    trained: int


@dataclass(frozen=True)
class GroupCapacity:
    group: cap.NeedGroup
    estimate: cap.Estimate
    methods: list[MethodCapacity]
    referrals: int | None  # referrals seen in the last year (disclosure-controlled; None: withheld)


@dataclass(frozen=True)
class AreaCapacity:
    code: str
    name: str
    kind: str  # county | collaborative_area | nation
    collaborative_area: CollaborativeArea | None
    groups: list[GroupCapacity]
    population: cap.Population
    assumptions: cap.Assumptions
    county_codes: list[str]
    centre: CompetenceCentre | None = None  # the competence centre serving the area
    centre_residents: int | None = None  # residents the centre serves (population file)

    @property
    def centre_funding(self) -> Decimal | None:
        """The proposed yearly funding of the centre (a euro per resident), from the population file."""
        if self.centre is None or self.centre_residents is None:
            return None
        return load_centres().yearly_funding(self.centre_residents)


def capacity_areas(actor: Any) -> tuple[list[County], bool]:
    """Counties the actor may see aggregates of, and whether they see the nation (and its areas)."""
    counties = list(authz.county_scope(actor, Perm.AGGREGATE_READ).order_by("name_fi"))
    return counties, authz.scope(actor, Perm.AGGREGATE_READ).everywhere


def _area(actor: Any, code: str) -> tuple[str, str, list[str], CollaborativeArea | None]:
    counties, national = capacity_areas(actor)
    areas = collaborative_areas()
    language = current_language()
    county = next((c for c in counties if c.code == code), None)
    if county is not None:
        area = next((a for a in areas.values() if county.code in a.counties), None)
        return "county", county.name, [county.code], area
    if national and code in areas:
        return "collaborative_area", areas[code].label(language), list(areas[code].counties), areas[code]
    if national and code == "national":
        return "nation", "", [c.code for c in County.objects.all()], None
    if not counties and not national:
        raise PermissionDenied(Perm.AGGREGATE_READ.value)
    raise NotFound(f"no area {code!r}")


def estimate_groups(code: str, county_codes: list[str], on: dt.date | None = None
                    ) -> list[tuple[cap.NeedGroup, cap.Estimate, list[MethodCapacity]]]:
    """The estimate of every need group for an area (``code``: a county, a collaborative area or
    ``national``, made of ``county_codes``). No permission: the caller has checked it."""
    day = on or timezone.localdate()
    assumptions = cap.load_assumptions()
    population = cap.load_population()
    if code not in population.counts:
        population = population.combined(code, county_codes)
    per_year = assumptions.contacts_per_professional_year.value
    completed = TrainingRecord.objects.filter(completed_on__lte=day, unit__organisation__county__code__in=county_codes)
    trained_by_method: dict[str, set[int]] = {}
    for method, professional in completed.values_list("method", "professional_id"):
        trained_by_method.setdefault(method, set()).add(professional)
    out = []
    for group in assumptions.groups.values():
        cards = [c for c in list_methods() if c.need_group == group.code]
        people: set[int] = set().union(*(trained_by_method.get(c.code, set()) for c in cards))
        estimate = cap.estimate(population.aged(code, group.age_min, group.age_max), group, len(people), per_year)
        out.append((group, estimate, [MethodCapacity(c, len(trained_by_method.get(c.code, set()))) for c in cards]))
    return out


def area_capacity(actor: Any, code: str, on: dt.date | None = None) -> AreaCapacity:
    kind, name, county_codes, collab = _area(actor, code)
    day = on or timezone.localdate()
    referrals = _referrals_by_group(actor, county_codes, day)
    groups = [GroupCapacity(group, estimate, methods, referrals.get(group.code))
              for group, estimate, methods in estimate_groups(code, county_codes, day)]
    population = cap.load_population()
    centre, served = _centre(kind, collab, county_codes)
    residents = None
    if centre is not None:
        scope = f"centre:{centre.code}"
        residents = population.combined(scope, served).aged(scope, None, None)
    audit.record(actor, "competence.capacity.read", "area", code, detail={"kind": kind})
    return AreaCapacity(code, name, kind, collab, groups, population, cap.load_assumptions(), county_codes,
                        centre, residents)


def _centre(kind: str, collab: CollaborativeArea | None, county_codes: list[str]
            ) -> tuple[CompetenceCentre | None, list[str]]:
    """The centre serving an area and the counties it serves: the national centre for the nation,
    the collaborative area's centre for an area or a county."""
    centres = load_centres()
    if kind == "nation":
        return centres.for_scope("national"), county_codes
    if collab is None:
        return None, []
    return centres.for_scope(collab.code), list(collab.counties)


def _referrals_by_group(actor: Any, county_codes: list[str], day: dt.date) -> dict[str, int | None]:
    """Referrals of the last 365 days whose intervention is a method of each need group, within the
    actor's scope of aggregates (as the reports scope them: a unit manager's own units), published
    through the disclosure rule under the actor's policy (as the reports publish them)."""
    since = day - dt.timedelta(days=365)
    codes = {c.code: c.need_group for c in method_cards().values() if c.need_group}
    episodes = Episode.objects.filter(voided_at__isnull=True, referral_date__gt=since, referral_date__lte=day,
                                      unit__organisation__county__code__in=county_codes,
                                      intervention__in=list(codes))
    counties, units = reports.user_scope(actor)
    if counties is not None or units is not None:
        episodes = episodes.filter(Q(unit__organisation__county__code__in=counties or []) |
                                   Q(unit__code__in=units or []))
    counts: dict[str, int] = {}
    for intervention in episodes.values_list("intervention", flat=True):
        group = codes[intervention]
        counts[group] = counts.get(group, 0) + 1
    spec = disclosure.TableSpec(keys=("group",), population="referrals", counts=("referrals",))
    rows = disclosure.protect(spec, [{"group": g, "referrals": n} for g, n in counts.items()],
                              reports.policy_for(actor))
    return {row["group"]: row["referrals"] for row in rows}
