"""FHIR use cases: the questionnaire registry, importing questionnaires and text packs, receiving
QuestionnaireResponses, reading them back and searching their score Observations.

Services raise domain errors (:mod:`porras.lib.errors`), :class:`FhirInputError` for content that is
not usable FHIR (HTTP 400) and ``PermissionDenied``; :mod:`porras.fhir.views` answers them.
"""

from __future__ import annotations

import copy
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from porras.accounts import audit, authz
from porras.accounts.roles import Perm
from porras.care import services as care_services
from porras.care.services import check_fhir_link, store_fhir_measurement
from porras.catalogue.models import Service
from porras.fhir.domain import (
    DEFAULT_BASE_URL,
    NO_ISSUES,
    FhirInputError,
    QuestionnaireBinding,
    QuestionnaireRegistry,
    ScoredResponse,
    bind_questionnaire,
    import_text_pack,
    issue,
    score_questionnaire_response,
)
from porras.fhir.domain import episode as episode_domain
from porras.fhir.domain.links import CareLink, care_link
from porras.fhir.domain.privacy import redact
from porras.fhir.models import ImportedQuestionnaire, QuestionnaireResponseRecord
from porras.instruments.domain import WordingKind, WordingRef, load_instrument
from porras.instruments.models import Channel, TextPack
from porras.instruments.services import ScoredAnswers, record_response, save_text_pack
from porras.lib import jsonsafe
from porras.lib.errors import InputError, NotFound


def base_url() -> str:
    """Canonical base of our FHIR resources: setting or env ``PORRAS_FHIR_BASE_URL``, else the default.
    The one base URL of every FHIR resource Porras serves (questionnaires, responses, services)."""
    configured = getattr(settings, "PORRAS_FHIR_BASE_URL", None) or os.environ.get("PORRAS_FHIR_BASE_URL")
    return str(configured or DEFAULT_BASE_URL).rstrip("/")


def _user(actor: Any) -> Any:
    return getattr(actor, "user", actor)


def _require(actor: Any, perm: Perm, action: str, object_type: str, object_id: Any = "") -> None:
    if not authz.may(_user(actor), perm):
        audit.record(actor, action, object_type, object_id, outcome=audit.Outcome.DENIED)
        raise PermissionDenied(f"{perm.value} permission is required")


# ------------------------------------------------------------------------------ questionnaires

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
    user = _user(actor)
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


def find_questionnaire(resource_id: str, language: str = "fi") -> dict[str, Any]:
    """Questionnaire/{id}: ours by instrument id, else an imported one by its own id. NotFound else."""
    for q in registry(language).search():
        if q.get("id") == resource_id:
            return q
    raise NotFound(f"Questionnaire/{resource_id} is not known")


def read_json_file(path: Path | str) -> Any:
    """A JSON file from an operator (a Questionnaire to import); FhirInputError if it is not JSON."""
    path = Path(path)
    try:
        return jsonsafe.loads(path.read_bytes())
    except (OSError, jsonsafe.JsonError) as exc:
        raise FhirInputError(f"{path.name}: cannot read a JSON Questionnaire ({exc})") from None


def import_text_pack_file(
    path: Path | str, instrument_id: str, language: str, *, name: str | None = None, actor: Any = None
) -> TextPack:
    """Import (or replace) a text pack from a FHIR Questionnaire JSON file: the official wording of
    the instrument's items in ``language``, matched by LOINC item code. Raises FhirInputError."""
    path = Path(path)
    load_instrument(instrument_id)  # UnknownInstrument early
    resource = read_json_file(path)
    try:
        texts = import_text_pack(resource, instrument_id, language)
    except FhirInputError as exc:
        raise FhirInputError(f"{path.name}: {exc}", exc.issues) from None
    source = str(resource.get("url") or path.name)
    pack_name = name or str(resource.get("title") or resource.get("name") or path.stem)
    return save_text_pack(instrument_id, language, pack_name, source=source, texts=texts, actor=actor)


# ------------------------------------------------------------------------------ responses

def _wording(binding: QuestionnaireBinding, scored: ScoredResponse, language: str) -> tuple[WordingRef, str]:
    """Which wording the response was given in, and its language."""
    if binding.external:
        url = (binding.url or scored.questionnaire).split("|", 1)[0]
        return WordingRef.questionnaire(url, binding.version), binding.language or ""
    # Porras's own questionnaire: the writer fills in instrument, version and language.
    return WordingRef(WordingKind.OWN), str(scored.response.get("language") or language)[:2]


def _with_ids(observations: list[dict[str, Any]], scored: ScoredResponse, record_id: uuid.UUID) -> None:
    names = ["total", *scored.result.subscores]
    for obs, name in zip(observations, names, strict=False):
        obs["id"] = f"{record_id}-{name}"


def _pseudonymised(
    scored: ScoredResponse, record_id: uuid.UUID, subject: dict[str, Any] | None
) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    """What is stored and returned: the response, its Observations and OperationOutcome with the
    subject replaced by ``subject`` (a pseudonymous reference) or, for a response tied to no client,
    reduced to its reference, and every identity code elsewhere removed (each place reported)."""
    resource = copy.deepcopy(scored.response)
    observations = copy.deepcopy(scored.observations)
    outcome = copy.deepcopy(scored.outcome)
    original = resource.get("subject")
    if subject is None and isinstance(original, Mapping) and isinstance(original.get("reference"), str):
        subject = {"reference": original["reference"]}
    if original is not None:
        if subject is None:
            del resource["subject"]
        else:
            resource["subject"] = subject
    for obs in observations:
        obs.pop("subject", None)
        if subject is not None:
            obs["subject"] = subject
    removed = redact(resource) + [f"Observation{p}" for p in redact(observations)] + redact(outcome["issue"], "issue")
    notes: list[dict[str, Any]] = []
    if original is not None and original != resource.get("subject"):
        kept = resource.get("subject")
        notes.append(issue(
            "information", "informational",
            f"subject stored as {kept['reference'] if kept else 'nothing'}: Porras keeps no identity codes or names",
            "subject",
        ))
    notes += [
        issue("warning", "informational", f"an identity code was removed from {where}: Porras stores none; send "
              "it only in subject.identifier of a response that names its episode", where)
        for where in removed
    ]
    _with_ids(observations, scored, record_id)
    if notes:
        outcome["issue"] = [i for i in outcome["issue"] if i.get("diagnostics") != NO_ISSUES] + notes
    return resource, observations, outcome


@dataclass(frozen=True)
class CheckedResponse:
    """A QuestionnaireResponse parsed, scored and checked against its care link, not yet stored."""

    record_id: uuid.UUID
    scored: ScoredResponse
    binding: QuestionnaireBinding
    link: CareLink | None
    wording: WordingRef
    language: str


def check_questionnaire_response(resource: Any, *, actor: Any, language: str = "fi") -> CheckedResponse:
    """Everything :func:`receive_questionnaire_response` refuses, refused before anything is written.

    Meant to run outside the write's transaction, so that a refused attempt stays in the audit log
    (an outsider's try at an episode is audited as denied, and answered as if it did not exist).
    Raises FhirInputError (not usable FHIR), :class:`InputError` (well-formed but refused: e.g. the
    subject is not the episode's client), :class:`NotFound` (the episode does not exist or is not
    the caller's to write), ``PermissionDenied`` (no client_write at all)."""
    _require(actor, Perm.CLIENT_WRITE, "create", "QuestionnaireResponse")
    record_id = uuid.uuid4()
    submitted = copy.deepcopy(resource) if isinstance(resource, dict) else resource
    if isinstance(submitted, dict):
        submitted["id"] = str(record_id)
    reg = registry(language)
    scored = score_questionnaire_response(submitted, reg)
    binding = reg.resolve(scored.questionnaire)
    link = care_link(scored.response)
    if link is not None:
        check_fhir_link(actor, episode_id=link.episode_id, identifier_system=link.identifier_system,
                        identifier_value=link.identifier_value)
    wording, response_language = _wording(binding, scored, reg.language)
    return CheckedResponse(record_id, scored, binding, link, wording, response_language)


def store_questionnaire_response(checked: CheckedResponse, *, actor: Any) -> QuestionnaireResponseRecord:
    """Store a checked response, in one transaction: its answer set (the instruments app's one
    writer, channel ``fhir``, the wording of the questionnaire answered), the episode's measurement
    when it names one, and the record of what was received and answered. What is stored and
    returned holds no identity code: the subject becomes ``Patient/<client id>`` (Porras's
    pseudonymous client), or just its reference when no client is named, and identity codes
    anywhere else are removed."""
    scored, link = checked.scored, checked.link
    user = _user(actor)
    creator = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        answers = ScoredAnswers(checked.binding.instrument, tuple(scored.answers), scored.result)
        response = record_response(answers, channel=Channel.FHIR, wording=checked.wording,
                                   language=checked.language, actor=actor)
        subject = None
        if link is not None:
            measurement = store_fhir_measurement(
                actor, episode_id=link.episode_id, identifier_system=link.identifier_system,
                identifier_value=link.identifier_value, date=link.date or timezone.localdate(),
                response=response, result=scored.result,
            )
            subject = {"reference": f"Patient/{measurement.episode.client_id}"}
        stored, observations, outcome = _pseudonymised(scored, checked.record_id, subject)
        record = QuestionnaireResponseRecord.objects.create(
            id=checked.record_id,
            response=response,
            questionnaire=scored.questionnaire[:600],
            resource=stored,
            observations=observations,
            outcome=outcome,
            submitted_total=scored.submitted_total,
            total_disagrees=scored.total_disagrees,
            created_by=creator,
        )
        audit.record(
            actor,
            "create",
            "QuestionnaireResponse",
            record.pk,
            detail={"instrument": scored.instrument, "risk": bool(scored.result.risk_flags)},
        )
    return record


def receive_questionnaire_response(resource: Any, *, actor: Any, language: str = "fi") -> QuestionnaireResponseRecord:
    """Check, score and store a QuestionnaireResponse (see the two steps for what each does)."""
    return store_questionnaire_response(check_questionnaire_response(resource, actor=actor, language=language),
                                        actor=actor)


def created_bundle(record: QuestionnaireResponseRecord) -> dict[str, Any]:
    """The answer to a create: the stored response, its score Observations and the OperationOutcome."""
    base = base_url()
    entries = [{"fullUrl": f"{base}/QuestionnaireResponse/{record.pk}", "resource": record.resource}]
    entries += [{"fullUrl": f"{base}/Observation/{o['id']}", "resource": o} for o in record.observations]
    entries.append({"resource": record.outcome})
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def read_questionnaire_response(actor: Any, resource_id: str) -> dict[str, Any]:
    """A response its reader created (no unit is recorded with an unlinked response); NotFound else."""
    _require(actor, Perm.CLIENT_READ, "read", "QuestionnaireResponse", resource_id)
    record = None
    if _is_uuid(resource_id):
        record = QuestionnaireResponseRecord.objects.filter(pk=resource_id, created_by_id=_user(actor).pk).first()
    if record is None:
        raise NotFound(f"QuestionnaireResponse/{resource_id} is not known")
    audit.record(actor, "read", "QuestionnaireResponse", record.pk)
    resource = dict(record.resource)
    if _voided(record):  # its measurement was voided as entered in error (care)
        resource["status"] = "entered-in-error"
    return resource


def _voided(record: QuestionnaireResponseRecord) -> bool:
    measurement = getattr(record.response, "measurement", None)
    return measurement is not None and measurement.voided


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _matches_code(observation: dict[str, Any], wanted: str) -> bool:
    system, _, code = wanted.rpartition("|")
    return any(
        c.get("code") == code and (not system or c.get("system") == system)
        for c in observation.get("code", {}).get("coding", [])
    )


def search_observations(
    actor: Any, *, code: str | None = None, subject: str | None = None, derived_from: str | None = None,
    count: int = 50,
) -> list[dict[str, Any]]:
    """Score Observations derived from the QuestionnaireResponses this user submitted, newest first;
    those of a measurement voided as entered in error are left out, as from charts and reports."""
    _require(actor, Perm.CLIENT_READ, "search", "Observation")
    found: list[dict[str, Any]] = []
    records = (
        QuestionnaireResponseRecord.objects.filter(created_by_id=_user(actor).pk)
        .exclude(response__measurement__voided_at__isnull=False)
        .order_by("-created_at")
    )
    for record in records.iterator():
        for obs in record.observations:
            if code and not _matches_code(obs, code):
                continue
            if subject and obs.get("subject", {}).get("reference") != subject:
                continue
            if derived_from and derived_from not in (d.get("reference") for d in obs.get("derivedFrom", [])):
                continue
            found.append(obs)
        if len(found) >= count:
            break
    found = found[:count]
    audit.record(actor, "search", "Observation", detail={"results": len(found)})
    return found



# ------------------------------------------------------------------------------ EpisodeOfCare

def _episode_facts(episode: Any) -> episode_domain.EpisodeFacts:
    return episode_domain.EpisodeFacts(
        id=episode.pk, version=episode.version, client_id=episode.client_id, unit_code=episode.unit.code,
        unit_name=episode.unit.name_fi, referral_date=episode.referral_date, end_date=episode.end_date,
        started=episode.assessment_date is not None or episode.first_treatment_date is not None,
        voided=episode.voided_at is not None, minor_children=episode.minor_children,
        children_discussed_date=episode.children_discussed_date,
        children_discussion_method=episode.children_discussion_method,
        family_referral_date=episode.family_referral_date,
        family_service_uuid=str(episode.family_service.uuid) if episode.family_service_id else None,
    )


def read_episode_of_care(actor: Any, episode_id: int) -> dict[str, Any]:
    """The episode as an EpisodeOfCare (read audited as ``episode.read``; another unit's is NotFound)."""
    episode = care_services.read_episode(actor, episode_id)
    return episode_domain.episode_of_care(_episode_facts(episode), base_url())


def update_episode_children(actor: Any, episode_id: int, resource: Any) -> dict[str, Any]:
    """Update the children of the client from a submitted EpisodeOfCare's extensions (its other
    elements are Porras's records and are not changed here). Written and audited by the care service
    (``episode.update``) with its rules; a refused value names the extension; nothing is written."""
    base = base_url()
    version, changes = episode_domain.children_from_resource(resource, episode_id, base)
    if changes["family_service"] is not None:
        care_services.get_episode(actor, episode_id, Perm.CLIENT_WRITE, "episode.update")  # authorised first
        found = Service.objects.filter(uuid=changes["family_service"]).values_list("pk", flat=True).first()
        if found is None:
            raise InputError.of(episode_domain.element(base, "family_service"), "is not a service of the catalogue")
        changes["family_service"] = found
    try:
        episode = care_services.update_episode(actor, episode_id, version, changes)
    except InputError as exc:
        raise InputError(
            [{**e, "field": episode_domain.element(base, str(e.get("field", "")))} for e in exc.errors]) from None
    return episode_domain.episode_of_care(_episode_facts(episode), base)
