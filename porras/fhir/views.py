"""The FHIR R4 REST API under ``/fhir/`` (JSON only). Errors are OperationOutcomes."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from porras.accounts import audit, authn, authz
from porras.accounts.roles import Perm
from porras.care.services import FhirLinkError
from porras.fhir import services
from porras.fhir.domain import FhirInputError, issue, operation_outcome
from porras.fhir.models import QuestionnaireResponseRecord
from porras.lib.errors import InputError

FHIR_JSON = "application/fhir+json; charset=utf-8"


def fhir_response(
    resource: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None
) -> HttpResponse:
    response = HttpResponse(json.dumps(resource, ensure_ascii=False), status=status, content_type=FHIR_JSON)
    for key, value in (headers or {}).items():
        response[key] = value
    return response


def outcome(status: int, code: str, diagnostics: str, severity: str = "error") -> HttpResponse:
    return fhir_response(operation_outcome([issue(severity, code, diagnostics)]), status)


def _language(request: HttpRequest) -> str:
    return getattr(request, "LANGUAGE_CODE", "fi") or "fi"


def _authenticated(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Bearer token (integrators) or, for reads, the web session; porras.accounts.authn decides,
    second factor included."""

    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = authn.api_user(request, allow_session=request.method == "GET")
        if user is None:
            response = outcome(401, "login", "a valid bearer token is required")
            response["WWW-Authenticate"] = 'Bearer realm="porras"'
            return response
        request.user = user
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@require_GET
def metadata(request: HttpRequest) -> HttpResponse:
    """The CapabilityStatement."""
    base = services.base_url()
    statement: dict[str, Any] = {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-11-23",
        "publisher": "Porras",
        "kind": "instance",
        "software": {"name": "Porras"},
        "implementation": {"description": "Porras FHIR R4 API", "url": base},
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json", "json"],
        "rest": [
            {
                "mode": "server",
                "security": {
                    "description": "Bearer tokens (porras token create); reads of definitions are open."
                },
                "resource": [
                    {
                        "type": "Questionnaire",
                        "interaction": [{"code": "read"}, {"code": "search-type"}],
                        "searchParam": [
                            {"name": "url", "type": "uri"},
                            {"name": "code", "type": "token"},
                        ],
                    },
                    {
                        "type": "QuestionnaireResponse",
                        "interaction": [{"code": "create"}, {"code": "read"}],
                    },
                    {
                        "type": "HealthcareService",
                        "interaction": [{"code": "read"}, {"code": "search-type"}],
                        "searchParam": [
                            {"name": "name", "type": "string"},
                            {"name": "service-category", "type": "token"},
                            {"name": "county", "type": "token"},
                        ],
                    },
                    {
                        "type": "Observation",
                        "interaction": [{"code": "search-type"}],
                        "searchParam": [
                            {"name": "code", "type": "token"},
                            {"name": "subject", "type": "reference"},
                            {"name": "derived-from", "type": "reference"},
                            {"name": "_count", "type": "number"},
                        ],
                    },
                ],
            }
        ],
    }
    CapabilityStatement.model_validate(statement)
    return fhir_response(statement)


@require_GET
def questionnaire_search(request: HttpRequest) -> HttpResponse:
    reg = services.registry(_language(request))
    found = reg.search(url=request.GET.get("url") or None, code=request.GET.get("code") or None)
    base = services.base_url()
    bundle = {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(found),
        "entry": [
            {"fullUrl": f"{base}/Questionnaire/{q['id']}", "resource": q, "search": {"mode": "match"}}
            for q in found
        ],
    }
    return fhir_response(bundle)


@require_GET
def questionnaire_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    found = services.find_questionnaire(resource_id, _language(request))
    if found is None:
        return outcome(404, "not-found", f"Questionnaire/{resource_id} is not known")
    return fhir_response(found)


@csrf_exempt  # bearer tokens only: no cookie, so no CSRF exposure
@_authenticated
def questionnaire_response_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return outcome(405, "not-supported", "use POST to create a QuestionnaireResponse")
    if not authz.may(request.user, Perm.CLIENT_WRITE):
        audit.record(request, "create", "QuestionnaireResponse", outcome=audit.Outcome.DENIED)
        return outcome(403, "forbidden", "client_write permission is required")
    try:
        resource = json.loads(request.body or b"null")
    except ValueError as exc:
        return outcome(400, "invalid", f"body is not valid JSON: {exc}")
    try:
        record, _scored = services.receive_questionnaire_response(
            resource,
            actor=request,
            language=_language(request),
            idempotency_key=request.headers.get("Idempotency-Key", "")[:200],
        )
    except FhirInputError as exc:
        return fhir_response(exc.to_operation_outcome(), 400)
    except FhirLinkError as exc:
        return outcome(400, "invalid", f"{exc.field}: {exc.reason}")
    except InputError as exc:
        return outcome(400, "invalid", str(exc))
    except PermissionDenied:
        return outcome(403, "forbidden", "the episode is outside your units")
    except services.IdempotencyConflict:
        # 422 as in the REST API (porras.lib.idempotency) and the IETF Idempotency-Key draft.
        return outcome(422, "conflict", "this Idempotency-Key was used with a different request body")
    base = services.base_url()
    entries = [{"fullUrl": f"{base}/QuestionnaireResponse/{record.pk}", "resource": record.resource}]
    entries += [{"fullUrl": f"{base}/Observation/{o['id']}", "resource": o} for o in record.observations]
    entries.append({"resource": record.outcome})
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
    return fhir_response(bundle, 201, {"Location": f"{base}/QuestionnaireResponse/{record.pk}"})


@require_GET
@_authenticated
def questionnaire_response_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    if not authz.may(request.user, Perm.CLIENT_READ):
        audit.record(request, "read", "QuestionnaireResponse", resource_id, outcome=audit.Outcome.DENIED)
        return outcome(403, "forbidden", "client_read permission is required")
    record = (
        QuestionnaireResponseRecord.objects.filter(pk=resource_id).first() if _is_uuid(resource_id) else None
    )
    if record is None or record.created_by_id != request.user.pk:  # creators only: no unit is recorded
        return outcome(404, "not-found", f"QuestionnaireResponse/{resource_id} is not known")
    audit.record(request, "read", "QuestionnaireResponse", record.pk)
    return fhir_response(record.resource)


def _is_uuid(value: str) -> bool:
    import uuid

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


@require_GET
@_authenticated
def observation_search(request: HttpRequest) -> HttpResponse:
    """Score Observations derived from the QuestionnaireResponses this user submitted."""
    if not authz.may(request.user, Perm.CLIENT_READ):
        audit.record(request, "search", "Observation", outcome=audit.Outcome.DENIED)
        return outcome(403, "forbidden", "client_read permission is required")
    try:
        count = min(int(request.GET.get("_count", "50")), 200)
    except ValueError:
        return outcome(400, "invalid", "_count must be an integer")
    code = request.GET.get("code")
    subject = request.GET.get("subject")
    derived = request.GET.get("derived-from")
    found: list[dict[str, Any]] = []
    records = QuestionnaireResponseRecord.objects.filter(created_by_id=request.user.pk).order_by(
        "-created_at"
    )
    for record in records.iterator():
        for obs in record.observations:
            if code and not _matches_code(obs, code):
                continue
            if subject and obs.get("subject", {}).get("reference") != subject:
                continue
            if derived and derived not in (d.get("reference") for d in obs.get("derivedFrom", [])):
                continue
            found.append(obs)
        if len(found) >= count:
            break
    found = found[:count]
    audit.record(request, "search", "Observation", detail={"results": len(found)})
    base = services.base_url()
    bundle = {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(found),
        "entry": [
            {"fullUrl": f"{base}/Observation/{o['id']}", "resource": o, "search": {"mode": "match"}}
            for o in found
        ],
    }
    return fhir_response(bundle)
