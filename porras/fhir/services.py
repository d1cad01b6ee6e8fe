"""FHIR use cases: the questionnaire registry, importing external questionnaires, receiving responses."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import uuid
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from porras.accounts import audit
from porras.fhir.domain import (
    DEFAULT_BASE_URL,
    FhirInputError,
    QuestionnaireBinding,
    QuestionnaireRegistry,
    ScoredResponse,
    bind_questionnaire,
    score_questionnaire_response,
)
from porras.fhir.models import ImportedQuestionnaire, QuestionnaireResponseRecord
from porras.instruments.models import Channel, InstrumentResponse
from porras.instruments.services import own_wording_ref


def base_url() -> str:
    """Canonical base of our FHIR resources: setting or env ``PORRAS_FHIR_BASE_URL``, else the default."""
    configured = getattr(settings, "PORRAS_FHIR_BASE_URL", None) or os.environ.get("PORRAS_FHIR_BASE_URL")
    return str(configured or DEFAULT_BASE_URL).rstrip("/")


def registry(language: str = "fi") -> QuestionnaireRegistry:
    """Our questionnaires plus every imported one."""
    reg = QuestionnaireRegistry(base_url(), language if language in ("fi", "sv", "en") else "fi")
    for imported in ImportedQuestionnaire.objects.all():
        reg.register(imported.resource, imported.instrument, link_map=imported.link_map, url=imported.url)
    return reg


def import_questionnaire(
    resource: Mapping[str, Any],
    instrument_id: str | None = None,
    *,
    link_map: Mapping[str, str] | None = None,
    url: str | None = None,
    actor: Any = None,
) -> tuple[ImportedQuestionnaire, QuestionnaireBinding]:
    """Validate and map an external Questionnaire, then store it (replacing one with the same URL).
    Raises FhirInputError when it cannot be mapped."""
    binding = bind_questionnaire(resource, instrument_id, link_map=link_map, url=url)
    key = binding.url or (binding.aliases[0] if binding.aliases else None)
    if key is None:
        raise FhirInputError("the questionnaire has neither url nor id; give --url")
    user = getattr(actor, "user", actor)
    with transaction.atomic():
        stored, _ = ImportedQuestionnaire.objects.update_or_create(
            url=key,
            defaults={
                "instrument": binding.instrument.id,
                "link_map": dict(link_map or {}),
                "resource": dict(resource),
                "imported_by": user if getattr(user, "is_authenticated", False) else None,
            },
        )
        audit.record(
            actor, "import", "fhir_questionnaire", stored.pk, detail={"instrument": binding.instrument.id}
        )
    return stored, binding


def find_questionnaire(resource_id: str, language: str = "fi") -> dict[str, Any] | None:
    """Questionnaire/{id}: ours by instrument id, else an imported one by its own id."""
    reg = registry(language)
    for q in reg.search():
        if q.get("id") == resource_id:
            return q
    return None


def _with_ids(scored: ScoredResponse, record_id: uuid.UUID) -> list[dict[str, Any]]:
    observations = copy.deepcopy(scored.observations)
    names = ["total", *scored.result.subscores]
    for obs, name in zip(observations, names, strict=False):
        obs["id"] = f"{record_id}-{name}"
    return observations


class IdempotencyConflict(Exception):
    """The Idempotency-Key was used before with a different request body (409)."""


def request_hash(resource: Any) -> str:
    return hashlib.sha256(json.dumps(resource, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def replay(user: Any, idempotency_key: str, resource: Any) -> QuestionnaireResponseRecord | None:
    """The record an earlier request with this key created, or None; IdempotencyConflict if the
    earlier request had another body."""
    if not idempotency_key or not getattr(user, "pk", None):
        return None
    found = QuestionnaireResponseRecord.objects.filter(
        created_by_id=user.pk, idempotency_key=idempotency_key
    ).first()
    if found is not None and found.request_hash != request_hash(resource):
        raise IdempotencyConflict(idempotency_key)
    return found


def receive_questionnaire_response(
    resource: Any, *, actor: Any = None, language: str = "fi", idempotency_key: str = ""
) -> tuple[QuestionnaireResponseRecord, ScoredResponse | None]:
    """Score and store a QuestionnaireResponse (one transaction). Raises FhirInputError (400).

    With an ``idempotency_key`` a repeated request returns the first request's record (and ``None``
    for the scoring) instead of storing a second copy."""
    user = getattr(actor, "user", actor)
    earlier = replay(user, idempotency_key, resource)
    if earlier is not None:
        return earlier, None
    record_id = uuid.uuid4()
    submitted = copy.deepcopy(resource) if isinstance(resource, dict) else resource
    if isinstance(submitted, dict):
        submitted["id"] = str(record_id)
    reg = registry(language)
    scored = score_questionnaire_response(submitted, reg)
    binding = reg.resolve(scored.questionnaire)
    if binding.external:
        wording = f"questionnaire:{binding.url or scored.questionnaire}|{binding.version or ''}"
        response_language = binding.language or ""
    else:
        response_language = str(scored.response.get("language") or reg.language)[:2]
        wording = own_wording_ref(binding.instrument, response_language)
    observations = _with_ids(scored, record_id)
    creator = user if getattr(user, "is_authenticated", False) else None
    try:
        key = idempotency_key if creator else ""
        with transaction.atomic():
            record = _store(
                scored,
                binding,
                record_id,
                observations,
                language=response_language,
                wording=wording,
                creator=creator,
                actor=actor,
                idempotency=(key, request_hash(resource) if key else ""),
            )
            if _names_a_care_episode(scored.response):
                # A response about a client's episode becomes that episode's measurement, in the
                # same transaction: either both are stored or neither.
                from porras.care.services import store_fhir_measurement

                store_fhir_measurement(user, scored.response, scored)
    except IntegrityError:
        earlier = replay(user, idempotency_key, resource)  # a concurrent twin won the race
        if earlier is None:
            raise
        return earlier, None
    return record, scored


def _names_a_care_episode(resource: Any) -> bool:
    """True when the response carries a subject identifier or an encounter/context: a care link."""
    if not isinstance(resource, dict):
        return False
    subject = resource.get("subject")
    has_identifier = isinstance(subject, dict) and "identifier" in subject
    return has_identifier or "encounter" in resource or "context" in resource


def _store(
    scored: ScoredResponse,
    binding: QuestionnaireBinding,
    record_id: uuid.UUID,
    observations: list[dict[str, Any]],
    *,
    language: str,
    wording: str,
    creator: Any,
    actor: Any,
    idempotency: tuple[str, str],
) -> QuestionnaireResponseRecord:
    response = InstrumentResponse.objects.create(
        instrument=scored.instrument,
        instrument_version=binding.instrument.version,
        channel=Channel.FHIR,
        answers=scored.answers,
        total=scored.result.total,
        severity=scored.result.severity or "",
        caseness=scored.result.caseness,
        has_risk=bool(scored.result.risk_flags),
        result=scored.result.to_dict(),
        language=language,
        wording=wording[:600],
        created_by=creator,
    )
    record = QuestionnaireResponseRecord.objects.create(
        id=record_id,
        response=response,
        questionnaire=scored.questionnaire[:600],
        resource=scored.response,
        observations=observations,
        outcome=scored.outcome,
        submitted_total=scored.submitted_total,
        total_disagrees=scored.total_disagrees,
        created_by=creator,
        idempotency_key=idempotency[0],
        request_hash=idempotency[1],
    )
    audit.record(
        actor,
        "create",
        "QuestionnaireResponse",
        record.pk,
        detail={"instrument": scored.instrument, "risk": bool(scored.result.risk_flags)},
    )
    return record
