"""Use cases of integrated care: specialist consultations. Every read and write audited.

Who sees a consultation (through :mod:`porras.accounts.authz`): the asking side - users with client
access to the episode's unit - and the answering side - users with client access to the specialist
unit it is addressed to. Anyone else gets :class:`NotFound`, exactly as for a missing one. Only the
asking side asks (client write on the episode's unit); only the specialist unit answers (client write
there). Writes are authorised before their transaction opens, so that the audit entry of a denial is
not rolled back with the write.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from porras.accounts import audit, authz
from porras.accounts.models import Unit
from porras.accounts.roles import Perm
from porras.care import services as care
from porras.care.models import Episode
from porras.integrated.domain import consultation as rules
from porras.integrated.domain import social_care as social_rules
from porras.integrated.domain import somatic
from porras.integrated.models import Consultation, SocialCareMember, SomaticCheck, SomaticRiskGroup
from porras.lib.errors import Conflict, InputError, NotFound


def _user(actor: Any) -> Any:
    return getattr(actor, "user", actor)


def _refuse(errors: list[rules.RuleError]) -> None:
    if errors:
        raise InputError([{"field": e.field, "reason": e.reason} for e in errors])


def _hide(actor: Any, action: str, pk: Any) -> NotFound:
    audit.record(actor, action, "consultation", pk, outcome=audit.Outcome.DENIED)
    return NotFound("consultation: not found")


def specialist_units(episode: Episode) -> QuerySet[Unit]:
    """The units that may be asked about ``episode``: specialised psychiatry and substance-use units
    of the episode's county (the register the episode belongs to)."""
    return (Unit.objects.filter(kind__in=rules.SPECIALIST_UNIT_KINDS,
                                organisation__county_id=episode.unit.organisation.county_id)
            .select_related("organisation").order_by("name_fi"))


def visible(actor: Any, perm: Perm = Perm.CLIENT_READ) -> QuerySet[Consultation]:
    """Consultations of the user's units: asked from them or addressed to them."""
    units = authz.unit_scope(_user(actor), perm)
    return (Consultation.objects.filter(Q(episode__unit__in=units) | Q(specialist_unit__in=units))
            .select_related("episode__client", "episode__unit", "asking_unit", "specialist_unit",
                            "asked_by", "answered_by"))


def authorise_ask(actor: Any, episode_id: int) -> Episode:
    """May the caller ask about this episode? (Before any transaction: a denial stays audited.)"""
    return care.get_episode(actor, episode_id, Perm.CLIENT_WRITE, "consultation.create")


def authorise_answer(actor: Any, pk: int) -> Consultation:
    """May the caller answer this consultation? Only its specialist unit may; anyone else NotFound."""
    care.require_client_access(actor, Perm.CLIENT_WRITE, "consultation.answer", "consultation", pk)
    found = Consultation.objects.select_related("specialist_unit__organisation").filter(pk=pk).first()
    if found is None:
        raise NotFound("consultation: not found")
    if not authz.may(_user(actor), Perm.CLIENT_WRITE, found.specialist_unit):
        raise _hide(actor, "consultation.answer", pk)
    return found


def ask(actor: Any, episode_id: int, specialist_unit: str, question: str, urgency: str,
        preferred_form: str) -> Consultation:
    """Ask a specialist unit of the episode's county a question about an open episode."""
    episode = authorise_ask(actor, episode_id)
    errors = rules.question_errors(question)
    if urgency not in list(rules.Urgency):
        errors.append(rules.RuleError("urgency", rules.REQUIRED))
    if preferred_form not in list(rules.PreferredForm):
        errors.append(rules.RuleError("preferred_form", rules.REQUIRED))
    if episode.voided or episode.end_date is not None:
        errors.append(rules.RuleError("episode", rules.EPISODE_CLOSED))
    target = Unit.objects.select_related("organisation").filter(code=specialist_unit).first()
    if target is None or target.kind not in rules.SPECIALIST_UNIT_KINDS:
        errors.append(rules.RuleError("specialist_unit", rules.NOT_A_SPECIALIST_UNIT))
    elif target.organisation.county_id != episode.unit.organisation.county_id:
        errors.append(rules.RuleError("specialist_unit", rules.OTHER_COUNTY))
    _refuse(errors)
    assert target is not None
    with transaction.atomic():
        consultation = Consultation.objects.create(
            episode=episode, asking_unit=episode.unit, specialist_unit=target, question=question.strip(),
            urgency=urgency, preferred_form=preferred_form, asked_by=_user(actor))
        audit.record(actor, "consultation.create", "consultation", consultation.pk,
                     detail={"episode": episode.pk, "specialist_unit": target.code})
    return consultation


def get(actor: Any, pk: int) -> Consultation:
    """One consultation of the user's units (asked or addressed); else NotFound, audited as denied."""
    care.require_client_access(actor, Perm.CLIENT_READ, "consultation.read", "consultation", pk)
    consultation = visible(actor).filter(pk=pk).first()
    if consultation is None:
        if Consultation.objects.filter(pk=pk).exists():
            raise _hide(actor, "consultation.read", pk)
        raise NotFound("consultation: not found")
    audit.record(actor, "consultation.read", "consultation", pk, detail={"episode": consultation.episode_id})
    return consultation


def may_answer(actor: Any, consultation: Consultation) -> bool:
    return (consultation.answered_at is None and consultation.withdrawn_at is None
            and authz.may(_user(actor), Perm.CLIENT_WRITE, consultation.specialist_unit))


def may_withdraw(actor: Any, consultation: Consultation) -> bool:
    return (consultation.answered_at is None and consultation.withdrawn_at is None
            and authz.may(_user(actor), Perm.CLIENT_WRITE, consultation.episode.unit))


def authorise_withdraw(actor: Any, pk: int) -> Consultation:
    """Only the asking side (client write on the episode's unit) withdraws; anyone else NotFound."""
    care.require_client_access(actor, Perm.CLIENT_WRITE, "consultation.withdraw", "consultation", pk)
    found = Consultation.objects.select_related("episode__unit").filter(pk=pk).first()
    if found is None:
        raise NotFound("consultation: not found")
    if not authz.may(_user(actor), Perm.CLIENT_WRITE, found.episode.unit):
        raise _hide(actor, "consultation.withdraw", pk)
    return found


def withdraw(actor: Any, pk: int) -> Consultation:
    """The asking unit withdraws an unanswered question: it leaves the specialist queue (shown as
    withdrawn) and every consultation figure. Answered or withdrawn already: Conflict."""
    authorise_withdraw(actor, pk)
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=pk)
        consultation.withdraw(_user(actor))
        audit.record(actor, "consultation.withdraw", "consultation", pk, detail={"episode": consultation.episode_id})
    return consultation


@dataclass(frozen=True)
class Queue:
    open: list[Consultation]
    answered: list[Consultation]
    units: list[Unit]


ANSWERED_SHOWN = 50


def queue(actor: Any) -> Queue:
    """The specialist units' queue: open requests, urgent first and then the oldest; and the latest
    answered ones. Only requests addressed to the user's units."""
    care.require_client_access(actor, Perm.CLIENT_READ, "consultation.list", "consultation")
    units = list(authz.unit_scope(_user(actor), Perm.CLIENT_READ).filter(kind__in=rules.SPECIALIST_UNIT_KINDS))
    qs = Consultation.objects.filter(specialist_unit__in=units).select_related(
        "episode__client", "asking_unit", "specialist_unit")
    waiting = sorted(qs.filter(answered_at__isnull=True, withdrawn_at__isnull=True),
                     key=lambda c: (c.urgency != rules.Urgency.URGENT, c.asked_at, c.pk))
    # answered and withdrawn ones, the latest first (a withdrawn one shows as withdrawn)
    answered = sorted(list(qs.filter(answered_at__isnull=False).order_by("-answered_at", "-pk")[:ANSWERED_SHOWN])
                      + list(qs.filter(withdrawn_at__isnull=False).order_by("-withdrawn_at", "-pk")[:ANSWERED_SHOWN]),
                      key=lambda c: (c.answered_at or c.withdrawn_at, c.pk), reverse=True)[:ANSWERED_SHOWN]
    audit.record(actor, "consultation.list", "consultation", "",
                 detail={"consultations": [c.pk for c in waiting + answered],
                         "episodes": sorted({c.episode_id for c in waiting + answered})})
    return Queue(waiting, answered, units)


def asked_from_my_units(actor: Any) -> list[Consultation]:
    """Requests the user's own units have asked (the asking side's list), newest first."""
    care.require_client_access(actor, Perm.CLIENT_READ, "consultation.list", "consultation")
    units = authz.unit_scope(_user(actor), Perm.CLIENT_READ)
    found = list(Consultation.objects.filter(episode__unit__in=units).select_related(
        "episode__client", "asking_unit", "specialist_unit")[:ANSWERED_SHOWN])
    audit.record(actor, "consultation.list", "consultation", "",
                 detail={"consultations": [c.pk for c in found], "episodes": sorted({c.episode_id for c in found})})
    return found


def for_episode(actor: Any, episode: Episode) -> list[Consultation]:
    """The consultations of an episode the caller has just read (its page shows them)."""
    found = list(episode.consultations.select_related("specialist_unit", "asked_by", "answered_by")
                 .order_by("asked_at", "pk"))
    if found:
        audit.record(actor, "consultation.list", "consultation", "",
                     detail={"consultations": [c.pk for c in found], "episodes": [episode.pk]})
    return found


def answer(actor: Any, pk: int, text: str, outcome: str) -> Consultation:
    """The specialist unit's answer; it lands on the episode. Answered once (else Conflict)."""
    authorise_answer(actor, pk)
    errors = rules.answer_errors(text)
    if outcome not in list(rules.Outcome):
        errors.append(rules.RuleError("outcome", rules.REQUIRED))
    _refuse(errors)
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=pk)
        consultation.record_answer(_user(actor), text, outcome)
        audit.record(actor, "consultation.answer", "consultation", pk,
                     detail={"episode": consultation.episode_id, "outcome": outcome})
    return consultation


def read_episode(actor: Any, episode_id: int) -> Episode:
    """The episode, read as care reads it (audited there)."""
    return care.get_episode(actor, episode_id)


def latest_scores(consultation: Consultation) -> list[Any]:
    """The episode's last score of each instrument (voided ones left out), for the specialist who
    answers: the consultation's read covers them."""
    latest: dict[str, Any] = {}
    for m in consultation.episode.measurements.filter(voided_at__isnull=True).order_by("date", "pk"):
        latest[m.instrument] = m
    return list(latest.values())


# ---------------------------------------------------------------------------------------------------
# Social welfare in the episode's team


def social_services(episode: Episode) -> QuerySet[Any]:
    """Published catalogue services of the episode's county in a social-welfare category."""
    from porras.catalogue.models import Service

    return (Service.objects.filter(status="published", county_id=episode.unit.organisation.county_id,
                                   terms__vocabulary="category",
                                   terms__code__in=social_rules.social_care_categories().codes)
            .distinct().order_by("name_fi"))


def authorise_team_change(actor: Any, episode_id: int) -> Episode:
    return care.get_episode(actor, episode_id, Perm.CLIENT_WRITE, "social_care.create")


def add_social_care(actor: Any, episode_id: int, category: str, professional: str, contact: str,
                    start_date: dt.date | None, end_date: dt.date | None = None,
                    service: str | None = None) -> SocialCareMember:
    """Add a social-welfare professional or service to the episode's team."""
    episode = authorise_team_change(actor, episode_id)
    errors = social_rules.member_errors(category, professional, start_date, end_date, timezone.localdate())
    found_service = None
    if service:
        found_service = social_services(episode).filter(uuid=service).first() if _is_uuid(service) else None
        if found_service is None:
            errors.append(rules.RuleError("service", social_rules.NOT_SOCIAL_WELFARE))
    if episode.voided:
        errors.append(rules.RuleError("episode", rules.EPISODE_CLOSED))
    _refuse(errors)
    assert start_date is not None  # member_errors refuses a missing start
    with transaction.atomic():
        member = SocialCareMember.objects.create(
            episode=episode, category=category, service=found_service, professional=professional.strip(),
            contact=contact.strip(), start_date=start_date, end_date=end_date, added_by=_user(actor))
        audit.record(actor, "social_care.create", "social_care", member.pk,
                     detail={"episode": episode.pk, "category": category})
    return member


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def social_care_of(actor: Any, episode: Episode) -> list[SocialCareMember]:
    """The social-welfare members of an episode the caller has just read (audited as a list)."""
    found = list(episode.social_care.select_related("service").order_by("start_date", "pk"))
    if found:
        audit.record(actor, "social_care.list", "social_care", "",
                     detail={"members": [m.pk for m in found], "episodes": [episode.pk]})
    return found


def end_social_care(actor: Any, pk: int, end_date: dt.date) -> SocialCareMember:
    """Record that a member left the episode's team."""
    care.require_client_access(actor, Perm.CLIENT_WRITE, "social_care.end", "social_care", pk)
    episode_id = SocialCareMember.objects.filter(pk=pk).values_list("episode_id", flat=True).first()
    if episode_id is None:
        raise NotFound("social care: not found")
    care.get_episode(actor, episode_id, Perm.CLIENT_WRITE, "social_care.end")
    member = SocialCareMember.objects.get(pk=pk)
    if member.end_date is not None:
        _refuse([rules.RuleError("end_date", social_rules.ALREADY_ENDED)])
    _refuse([e for e in social_rules.member_errors(member.category, member.professional, member.start_date,
                                                   end_date, timezone.localdate()) if e.field == "end_date"])
    with transaction.atomic():
        member = SocialCareMember.objects.select_for_update().get(pk=pk)
        member.end(end_date)
        audit.record(actor, "social_care.end", "social_care", pk, detail={"episode": member.episode_id})
    return member


def social_care_member(actor: Any, pk: int, perm: Perm = Perm.CLIENT_WRITE) -> SocialCareMember:
    """One member of an episode's team, if the caller may reach the episode (else NotFound)."""
    care.require_client_access(actor, perm, "social_care.read", "social_care", pk)
    member = SocialCareMember.objects.select_related("episode__unit").filter(pk=pk).first()
    if member is None:
        raise NotFound("social care: not found")
    care.get_episode(actor, member.episode_id, perm, "social_care.read")
    audit.record(actor, "social_care.read", "social_care", pk, detail={"episode": member.episode_id})
    return member


# ---------------------------------------------------------------------------------------------------
# Somatic health check


def authorise_somatic_check(actor: Any, episode_id: int) -> Episode:
    return care.get_episode(actor, episode_id, Perm.CLIENT_WRITE, "somatic_check.create")


def record_somatic_check(actor: Any, episode_id: int, date: dt.date, values: dict[str, Any]) -> SomaticCheck:
    """Record a check's values; those out of their reference range are flagged for follow-up."""
    episode = care.get_episode(actor, episode_id, Perm.CLIENT_WRITE, "somatic_check.create")
    errors = [rules.RuleError(field, reason) for field, reason in somatic.value_errors(values)]
    if date > timezone.localdate():
        errors.append(rules.RuleError("date", social_rules.IN_THE_FUTURE))
    if episode.voided:
        errors.append(rules.RuleError("episode", rules.EPISODE_CLOSED))
    _refuse(errors)
    kept = {k: v for k, v in values.items() if v is not None}
    with transaction.atomic():
        check = SomaticCheck.objects.create(
            episode=episode, date=date, values=kept, flagged=somatic.flagged(kept, episode.client.sex),
            spec_version=somatic.load_check().version, recorded_by=_user(actor))
        audit.record(actor, "somatic_check.create", "somatic_check", check.pk,
                     detail={"episode": episode.pk, "flagged": check.flagged})
    return check


def somatic_checks_of(actor: Any, episode: Episode) -> list[SomaticCheck]:
    found = list(episode.somatic_checks.all())
    if found:
        audit.record(actor, "somatic_check.list", "somatic_check", "",
                     detail={"checks": [c.pk for c in found], "episodes": [episode.pk]})
    return found


@dataclass(frozen=True)
class DueRow:
    episode: Episode
    last_check: SomaticCheck | None
    due: bool

    @property
    def flagged(self) -> list[str]:
        """The latest check's flagged values still to follow up (none once acknowledged)."""
        if self.last_check is None or self.last_check.acknowledged_at is not None:
            return []
        return list(self.last_check.flagged)


def _latest_checks(episodes: list[Episode]) -> dict[int, SomaticCheck]:
    latest: dict[int, SomaticCheck] = {}
    for check in SomaticCheck.objects.filter(episode__in=episodes).order_by("date", "pk"):
        latest[check.episode_id] = check
    return latest


def eligible_episode_ids(actor: Any, day: dt.date) -> dict[int, bool]:
    """The open episodes of the user's units that carry the yearly check on ``day`` (long, or with a
    somatic-risk group recorded), each with whether it had a check within the interval: computed by
    the SQL of the somatic report (:mod:`porras.integrated.domain.somatic_report`)."""
    from django.db import connection

    from porras.integrated import reports
    from porras.integrated.domain import somatic_report
    from porras.outcomes.domain.engine import _fetch

    codes = list(authz.unit_scope(_user(actor), Perm.CLIENT_READ).values_list("code", flat=True))
    relations = reports.database_somatic_relations([(None, codes)])
    dialect = reports._dialect()
    rows = _fetch(connection, somatic_report.eligible_sql(dialect, relations, reports.somatic_rules(), day), dialect)
    return {int(episode_id): bool(checked) for episode_id, checked in rows}


def somatic_worklist(actor: Any, today: dt.date | None = None) -> list[DueRow]:
    """Open episodes of the user's units that carry the yearly check and are due, or whose latest
    check flagged a value not yet acknowledged; due ones first, then by referral."""
    care.require_client_access(actor, Perm.CLIENT_READ, "somatic_check.list", "somatic_check")
    day = today or timezone.localdate()
    eligible = eligible_episode_ids(actor, day)
    episodes = list(care.episodes_in_scope(actor).filter(pk__in=list(eligible), end_date__isnull=True,
                                                           voided_at__isnull=True).select_related("client", "unit"))
    latest = _latest_checks(episodes)
    rows = []
    for e in episodes:
        last = latest.get(e.pk)
        due = not eligible[e.pk]
        if due or (last and last.flagged and last.acknowledged_at is None):
            rows.append(DueRow(e, last, due))
    rows.sort(key=lambda r: (not r.due, r.episode.referral_date, r.episode.pk))
    audit.record(actor, "somatic_check.list", "somatic_check", "",
                 detail={"episodes": [r.episode.pk for r in rows]})
    return rows


def somatic_check(actor: Any, pk: int, perm: Perm = Perm.CLIENT_WRITE, action: str = "somatic_check.acknowledge"
                  ) -> SomaticCheck:
    """A check of an episode of the user's units; else NotFound (audited as denied)."""
    care.require_client_access(actor, perm, action, "somatic_check", pk)
    found = SomaticCheck.objects.select_related("episode__unit").filter(pk=pk).first()
    if found is None:
        raise NotFound("somatic_check: not found")
    if not authz.may(_user(actor), perm, found.episode.unit):
        audit.record(actor, action, "somatic_check", pk, outcome=audit.Outcome.DENIED)
        raise NotFound("somatic_check: not found")
    return found


def acknowledge_somatic_check(actor: Any, pk: int, note: str) -> SomaticCheck:
    """A professional has seen a check's flagged values (who, when, a short note); they stay flagged,
    shown as acknowledged, and leave the due list. Only a check with flags; once (else Conflict)."""
    somatic_check(actor, pk)
    text = (note or "").strip()
    errors = []
    if len(text) > somatic.NOTE_MAX:
        errors.append(rules.RuleError("note", somatic.NOTE_TOO_LONG))
    _refuse(errors)
    with transaction.atomic():
        check = SomaticCheck.objects.select_for_update().get(pk=pk)
        if not check.flagged:
            raise Conflict(f"somatic_check: {somatic.NOTHING_FLAGGED}")
        if check.acknowledged_at is not None:
            raise Conflict(f"somatic_check: {somatic.ALREADY_ACKNOWLEDGED}")
        check.acknowledged_by = _user(actor)
        check.acknowledged_at = timezone.now()
        check.acknowledgement_note = text
        check.save(update_fields=["acknowledged_by", "acknowledged_at", "acknowledgement_note"])
        audit.record(actor, "somatic_check.acknowledge", "somatic_check", pk,
                     detail={"episode": check.episode_id, "flagged": check.flagged})
    return check


# Somatic-risk diagnosis groups


def risk_groups_of(actor: Any, episode: Episode) -> list[SomaticRiskGroup]:
    found = list(episode.somatic_risk_groups.all())
    if found:
        audit.record(actor, "somatic_risk_group.list", "somatic_risk_group", "",
                     detail={"groups": [g.pk for g in found], "episodes": [episode.pk]})
    return found


def add_risk_group(actor: Any, episode_id: int, risk_group: str) -> SomaticRiskGroup:
    """Record that a somatic-risk diagnosis group of the data applies to the episode's client."""
    episode = care.get_episode(actor, episode_id, Perm.CLIENT_WRITE, "somatic_risk_group.create")
    errors = []
    if somatic.load_check().risk_group(risk_group) is None:
        errors.append(rules.RuleError("risk_group", somatic.UNKNOWN_RISK_GROUP))
    if episode.voided or episode.end_date is not None:
        errors.append(rules.RuleError("episode", somatic.EPISODE_ENDED))
    _refuse(errors)
    with transaction.atomic():
        if episode.somatic_risk_groups.filter(risk_group=risk_group).exists():
            raise Conflict(f"risk_group: {somatic.ALREADY_RECORDED}")
        group = SomaticRiskGroup.objects.create(episode=episode, risk_group=risk_group, recorded_by=_user(actor))
        audit.record(actor, "somatic_risk_group.create", "somatic_risk_group", group.pk,
                     detail={"episode": episode.pk, "risk_group": risk_group})
    return group


def risk_group(actor: Any, pk: int) -> SomaticRiskGroup:
    """A group recorded on an episode of the user's units; else NotFound."""
    found = SomaticRiskGroup.objects.select_related("episode__unit").filter(pk=pk).first()
    if found is None or not authz.may(_user(actor), Perm.CLIENT_WRITE, found.episode.unit):
        raise NotFound("somatic_risk_group: not found")
    return found


def remove_risk_group(actor: Any, pk: int) -> None:
    """Remove a group recorded in error or no longer applying (audited with what it was)."""
    care.require_client_access(actor, Perm.CLIENT_WRITE, "somatic_risk_group.delete", "somatic_risk_group", pk)
    found = SomaticRiskGroup.objects.select_related("episode__unit").filter(pk=pk).first()
    if found is None or not authz.may(_user(actor), Perm.CLIENT_WRITE, found.episode.unit):
        if found is not None:
            audit.record(actor, "somatic_risk_group.delete", "somatic_risk_group", pk, outcome=audit.Outcome.DENIED)
        raise NotFound("somatic_risk_group: not found")
    with transaction.atomic():
        audit.record(actor, "somatic_risk_group.delete", "somatic_risk_group", pk,
                     detail={"episode": found.episode_id, "risk_group": found.risk_group})
        found.delete()
