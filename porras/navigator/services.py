"""Navigator use cases shared by the API, the CLI and the UI."""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from porras.accounts import audit, authz
from porras.accounts.roles import Perm
from porras.catalogue.services import find_services
from porras.lib.errors import Conflict, NotFound, TooManyRequests
from porras.navigator import limits
from porras.navigator.domain import navigate
from porras.navigator.domain.inputs import peek_age, peek_county
from porras.navigator.domain.ruleset import ruleset_for_person
from porras.navigator.models import SavedAssessment
from porras.navigator.scorer import score_answers

log = logging.getLogger(__name__)

# The code: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), ~59 bits.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
# Validity of a saved self-assessment (docs/product.md §2B: "a random code valid for 30 days").
VALID_FOR = timedelta(days=30)
# Failed code look-ups allowed per professional per window (brute-force protection; not clinical).
LOOKUP_LIMIT = 10
LOOKUP_WINDOW = timedelta(minutes=15)
# Anonymous saves are counted per client address over this window; the limit is the setting
# PORRAS_NAVIGATOR_SAVES_PER_HOUR (flooding protection; not clinical).
SAVE_WINDOW = timedelta(hours=1)


class AssessmentNotFound(NotFound):
    """No live self-assessment has this code (unknown or expired)."""


class TooManyLookups(TooManyRequests):
    """Too many failed code look-ups; try again later."""


class TooManySaves(TooManyRequests):
    """Too many anonymous saves from one address; try again later."""


def catalogue_services(county: str | None, step: int, age: int, language: str) -> list[dict[str, Any]]:
    """The service catalogue's services for the navigator; without a county there is nothing to look
    up (the catalogue lists services by county)."""
    return find_services(county, step, age, language) if county else []


def recommend(data: object) -> dict[str, Any]:
    """Run the navigator with the instruments engine and the service catalogue; raises
    ``NavigatorInputError`` on bad input."""
    return navigate(data, score=score_answers, find_services=catalogue_services)


def normalise_code(code: str) -> str:
    """Upper-case, without spaces and hyphens (codes are shown as XXXX-XXXX-XXXX)."""
    return "".join(ch for ch in code.upper() if ch not in " -")


def format_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode("ascii", "replace")).hexdigest()


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@dataclass(frozen=True)
class Saved:
    code: str  # formatted, shown once to the resident
    expires_at: datetime
    guardian_code: str | None = None  # a young person's: the guardian's own code, shown once


class GuardianAlreadyAnswered(Conflict):
    """A guardian has already answered for this self-assessment."""


def takes_guardian(answers: Any) -> bool:
    """Whether the rule set these answers are navigated with takes a guardian's answers (youth rules)."""
    rules, _ = ruleset_for_person(peek_county(answers), peek_age(answers))
    return rules.guardian_instruments is not None


def save_assessment(answers: dict[str, Any], *, address: str | None = None, now: datetime | None = None) -> Saved:
    """Re-run the navigator on ``answers`` and keep both under a new random code for 30 days.

    ``address`` is the client's address: saves are limited per address (``TooManySaves``); it is
    counted as a keyed hash and not stored with the answers. Input the navigator refuses is neither
    saved nor counted (a refusal writes nothing).
    """
    result = recommend(answers)
    if address is not None:
        decision = limits.take(limits.address_key("save", address), settings.PORRAS_NAVIGATOR_SAVES_PER_HOUR,
                               SAVE_WINDOW, now=now)
        if not decision.allowed:
            raise TooManySaves("too many self-assessments saved from this address; try again later",
                               retry_after=decision.retry_after)
    created = now or timezone.now()
    with transaction.atomic():
        while True:
            code = new_code()
            if not SavedAssessment.objects.filter(code_hash=_hash(code)).exists():
                break
        guardian_code = None
        if takes_guardian(answers) and "guardian" not in answers:
            while guardian_code is None or SavedAssessment.objects.filter(
                guardian_code_hash=_hash(guardian_code)
            ).exists() or guardian_code == code:
                guardian_code = new_code()
        saved = SavedAssessment.objects.create(
            code_hash=_hash(code), guardian_code_hash=_hash(guardian_code) if guardian_code else None,
            created_at=created, expires_at=created + VALID_FOR,
            language=str(answers.get("language", "fi")), county=str(answers.get("county") or ""),
            answers=answers, result=result, ruleset_id=result["ruleset"]["id"],
            ruleset_version=result["ruleset"]["version"], urgency=result["urgency"],
        )
        audit.record(None, "navigator.assessment.save", "SavedAssessment", saved.pk, username="anonymous")
    return Saved(format_code(code), saved.expires_at, format_code(guardian_code) if guardian_code else None)


def residents_own(found: SavedAssessment) -> tuple[dict[str, Any], dict[str, Any]]:
    """The answers and result a young person sees of their own saved self-assessment: without the
    guardian's answers (the guardian's answers are for the professional, as the young person's are
    not shown to the guardian)."""
    if "guardian" not in found.answers:
        return found.answers, found.result
    own = {key: value for key, value in found.answers.items() if key != "guardian"}
    return own, recommend(own)


def add_guardian_answers(
    guardian: dict[str, Any], code: str, *, address: str, now: datetime | None = None
) -> tuple[SavedAssessment, dict[str, Any]]:
    """A guardian answers, on their own device, with the guardian code of a young person's saved
    self-assessment: their answers join the young person's (never overwriting them) and the
    recommendation is made again from both. Anonymous; failed codes are limited per client address
    like the resident's look-up. Raises ``NavigatorInputError`` for answers the navigator refuses
    (nothing is written), ``AssessmentNotFound``, ``TooManyLookups`` or ``GuardianAlreadyAnswered``.
    Returns the assessment and the result of the guardian's own risk answers (``urgency`` and
    ``crisis_contacts``, read from the guardian's answers alone, so that nothing of the young
    person's answers is shown to the guardian).
    """
    key = limits.address_key("guardian", address)
    decision = limits.take(key, LOOKUP_LIMIT, LOOKUP_WINDOW, now=now)
    if not decision.allowed:
        raise TooManyLookups("too many codes that did not match; try again later", retry_after=decision.retry_after)
    moment = now or timezone.now()
    found = SavedAssessment.objects.filter(guardian_code_hash=_hash(code), expires_at__gt=moment).first()
    if found is None:
        raise AssessmentNotFound("no saved self-assessment with this code (unknown or expired)")
    limits.give_back(key)
    if found.guardian_answered_at is not None:
        raise GuardianAlreadyAnswered("a guardian has already answered for this self-assessment")
    answers = {**found.answers, "guardian": guardian}
    result = recommend(answers)  # refused answers raise here, before anything is written
    own = recommend({"age": answers.get("age", 0), "language": answers.get("language", "fi"),
                     "guardian": {"risk": guardian.get("risk", {})}})
    with transaction.atomic():
        updated = SavedAssessment.objects.filter(pk=found.pk, guardian_answered_at__isnull=True).update(
            answers=answers, result=result, urgency=result["urgency"], guardian_answered_at=moment,
        )
        if not updated:  # answered meanwhile by another request
            raise GuardianAlreadyAnswered("a guardian has already answered for this self-assessment")
        audit.record(None, "navigator.assessment.guardian", "SavedAssessment", found.pk, username="anonymous")
    found.refresh_from_db()
    return found, {"urgency": own["urgency"], "crisis_contacts": own["crisis_contacts"]}


def _lookup_key(user: Any) -> str:
    return f"lookup:{user.pk}"


def open_assessment(request: Any, code: str, *, now: datetime | None = None) -> SavedAssessment:
    """A professional opens a saved self-assessment by its code: authorised, rate-limited, audited."""
    user = request.user
    if not authz.may(user, Perm.ASSESSMENT_OPEN):
        audit.record(request, "navigator.assessment.open", "SavedAssessment", "", audit.Outcome.DENIED)
        authz.require(user, Perm.ASSESSMENT_OPEN)
    # Every look-up takes a place among the failures allowed before it runs (so that parallel
    # look-ups cannot all pass one check), and gives it back when the code is found.
    key = _lookup_key(user)
    decision = limits.take(key, LOOKUP_LIMIT, LOOKUP_WINDOW, now=now)
    if not decision.allowed:
        audit.record(request, "navigator.assessment.open", "SavedAssessment", "", audit.Outcome.DENIED,
                     {"reason": "rate_limited"})
        raise TooManyLookups("too many failed code look-ups; try again later", retry_after=decision.retry_after)
    found = SavedAssessment.objects.filter(
        code_hash=_hash(code), expires_at__gt=now or timezone.now()
    ).first()
    if found is None:
        audit.record(request, "navigator.assessment.open", "SavedAssessment", "", audit.Outcome.FAILED,
                     {"reason": "unknown_or_expired_code"})
        raise AssessmentNotFound("no saved self-assessment with this code (unknown or expired)")
    limits.give_back(key)
    audit.record(request, "navigator.assessment.open", "SavedAssessment", found.pk)
    return found


def _resident_lookup(code: str, address: str, now: datetime | None) -> SavedAssessment:
    """A live self-assessment by its code, for the resident who holds it: limited per client address
    like the professional look-up (each look-up takes a place among the failures allowed and gives it
    back when the code is found)."""
    key = limits.address_key("reopen", address)
    decision = limits.take(key, LOOKUP_LIMIT, LOOKUP_WINDOW, now=now)
    if not decision.allowed:
        raise TooManyLookups("too many codes that did not match; try again later", retry_after=decision.retry_after)
    found = SavedAssessment.objects.filter(code_hash=_hash(code), expires_at__gt=now or timezone.now()).first()
    if found is None:
        raise AssessmentNotFound("no saved self-assessment with this code (unknown or expired)")
    limits.give_back(key)
    return found


def _signed_in(actor: Any) -> bool:
    user = getattr(actor, "user", None)
    return bool(user is not None and user.is_authenticated)


def reopen_own_assessment(actor: Any, code: str, *, address: str, now: datetime | None = None) -> SavedAssessment:
    """The resident reopens their own saved self-assessment with the code (anonymous, no login).

    An anonymous read writes no audit entry (nothing identifies the reader, and the code is the
    resident's own); a signed-in user reading this way is audited as a professional look-up is, so
    that the resident's way in is no way around the audit.
    """
    found = _resident_lookup(code, address, now)
    if _signed_in(actor):
        audit.record(actor, "navigator.assessment.reopen", "SavedAssessment", found.pk)
    return found


def delete_own_assessment(actor: Any, code: str, *, address: str, now: datetime | None = None) -> None:
    """The resident deletes their saved self-assessment with the code, at once (limited like a look-up).

    The look-up runs outside the deleting transaction, so that a code that did not match stays counted.
    """
    found = _resident_lookup(code, address, now)
    with transaction.atomic():
        deleted, _ = SavedAssessment.objects.filter(pk=found.pk).delete()
        if not deleted:  # deleted meanwhile by another request
            raise AssessmentNotFound("no saved self-assessment with this code (unknown or expired)")
        if _signed_in(actor):
            audit.record(actor, "navigator.assessment.delete", "SavedAssessment", found.pk)
        else:
            audit.record(None, "navigator.assessment.delete", "SavedAssessment", found.pk, username="anonymous")


def purge_expired(*, now: datetime | None = None) -> int:
    """Delete every saved self-assessment whose validity has ended, and the rate-limit counters whose
    window has ended; returns how many self-assessments."""
    with transaction.atomic():
        limits.forget_expired(now=now)
        deleted, _ = SavedAssessment.objects.filter(expires_at__lte=now or timezone.now()).delete()
        if deleted:
            detail = {"deleted": deleted}
            audit.record(None, "navigator.assessment.purge", "SavedAssessment", "", detail=detail)
    return deleted


def open_own_assessment(code: str, *, address: str, now: datetime | None = None) -> SavedAssessment:
    """A resident fetches their own saved self-assessment by its code (for its PDF): no login, so the
    failed look-ups are limited per client address (``LOOKUP_LIMIT`` per ``LOOKUP_WINDOW``, the
    address kept only as a keyed hash), and every look-up is audited as an anonymous one."""
    key = limits.address_key("own", address)
    decision = limits.take(key, LOOKUP_LIMIT, LOOKUP_WINDOW, now=now)
    if not decision.allowed:
        audit.record(None, "navigator.assessment.print", "SavedAssessment", "", audit.Outcome.DENIED,
                     {"reason": "rate_limited"}, username="anonymous")
        raise TooManyLookups("too many failed code look-ups; try again later", retry_after=decision.retry_after)
    found = SavedAssessment.objects.filter(code_hash=_hash(code), expires_at__gt=now or timezone.now()).first()
    if found is None:
        audit.record(None, "navigator.assessment.print", "SavedAssessment", "", audit.Outcome.FAILED,
                     {"reason": "unknown_or_expired_code"}, username="anonymous")
        raise AssessmentNotFound("no saved self-assessment with this code (unknown or expired)")
    limits.give_back(key)
    audit.record(None, "navigator.assessment.print", "SavedAssessment", found.pk, username="anonymous")
    return found
