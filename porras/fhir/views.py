"""The FHIR R4 REST API under ``/fhir/`` (JSON only): the one HTTP module of every FHIR resource.

Everything HTTP about FHIR is here, once: who the caller is (:func:`authenticate`), how a resource
or an error is answered (:func:`fhir_response`, :func:`error_response`: every error is an
OperationOutcome, a domain error with the status of :func:`porras.lib.errors.http_status`), the
methods each endpoint allows and ``Idempotency-Key`` (:mod:`porras.idempotency`). The resources
come from :mod:`porras.fhir.services` (questionnaires, responses, Observations) and
:mod:`porras.catalogue.fhir` (HealthcareService).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from porras.accounts import authn
from porras.catalogue import fhir as healthcare_services
from porras.fhir import services
from porras.fhir.domain import FhirInputError, issue, operation_outcome
from porras.fhir.domain import episode as episode_domain
from porras.idempotency import services as idempotency
from porras.lib import jsonsafe
from porras.lib.errors import DomainError, InputError, TooManyRequests, http_status
from porras.lib.language import current_language

FHIR_JSON = "application/fhir+json; charset=utf-8"

# OperationOutcome issue type of each HTTP status (http://hl7.org/fhir/issue-type).
ISSUE_TYPE = {400: "invalid", 401: "login", 403: "forbidden", 404: "not-found", 405: "not-supported",
              409: "conflict", 422: "invalid", 429: "throttled", 503: "transient"}


# ------------------------------------------------------------------------------ answering

def fhir_response(resource: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None) -> HttpResponse:
    response = HttpResponse(json.dumps(resource, ensure_ascii=False), status=status, content_type=FHIR_JSON)
    for key, value in (headers or {}).items():
        response[key] = value
    return response


def outcome(status: int, diagnostics: str, expression: str | None = None) -> HttpResponse:
    """An error answered as a one-issue OperationOutcome."""
    return fhir_response(
        operation_outcome([issue("error", ISSUE_TYPE.get(status, "exception"), diagnostics, expression)]), status
    )


def error_response(exc: Exception) -> HttpResponse | None:
    """The one mapping of errors to OperationOutcomes; None for what is not an answerable error.

    Content that is not usable FHIR (unparsable JSON, invalid R4, an unknown questionnaire, answers
    that cannot be scored, an unsupported search parameter) is 400, as FHIR's create and search
    define it; a domain error has the status of :func:`porras.lib.errors.http_status` (an input
    error on well-formed FHIR is 422, FHIR's "violates a business rule"), one issue per field."""
    if isinstance(exc, FhirInputError):
        return fhir_response(exc.to_operation_outcome(), 400)
    if isinstance(exc, healthcare_services.FhirSearchError | jsonsafe.JsonError):
        return outcome(400, str(exc))
    if isinstance(exc, PermissionDenied):
        return outcome(403, str(exc) or "not allowed")
    if isinstance(exc, InputError):
        issues = [issue("error", "invalid", f"{e.get('field', e.get('item', ''))}: {e.get('reason', '')}",
                        str(e.get("field", e.get("item", "")))) for e in exc.errors]
        return fhir_response(operation_outcome(issues), http_status(exc)[0])
    if isinstance(exc, DomainError):
        status, _ = http_status(exc)
        response = outcome(status, str(exc) or type(exc).__name__)
        if isinstance(exc, TooManyRequests) and exc.retry_after:
            response["Retry-After"] = str(exc.retry_after)
        return response
    return None


# ------------------------------------------------------------------------------ who is calling

def authenticate(request: HttpRequest) -> Any | None:
    """The user a FHIR request acts for, or None: the ONE place that decides it for /fhir/.

    A bearer token (integrators), or, for reads, the web session (the UI's own calls; writes take
    tokens only, so they need no CSRF protection). :func:`porras.accounts.authn.api_user` decides,
    the required second factor included."""
    return authn.api_user(request, allow_session=request.method == "GET")


def endpoint(*methods: str, authenticated: bool = False) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A FHIR endpoint: the caller authenticated when required (else 401), only ``methods`` (else
    405), and every error answered by :func:`error_response`."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @csrf_exempt  # writes take bearer tokens only: no cookie, so no CSRF exposure
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if authenticated:  # first: an anonymous caller learns nothing, not even the methods
                user = authenticate(request)
                if user is None:
                    response = outcome(401, "a valid bearer token is required")
                    response["WWW-Authenticate"] = 'Bearer realm="porras"'
                    return response
                request.user = user
            if request.method not in methods:
                response = outcome(405, f"use {' or '.join(methods)}")
                response["Allow"] = ", ".join(methods)
                return response
            try:
                return view(request, *args, **kwargs)
            except Exception as exc:
                answer = error_response(exc)
                if answer is None:
                    raise
                return answer

        return wrapper

    return decorate


def _searchset(base: str, resource_type: str, found: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(found),
        "entry": [
            {"fullUrl": f"{base}/{resource_type}/{r['id']}", "resource": r, "search": {"mode": "match"}}
            for r in found
        ],
    }


# ------------------------------------------------------------------------------ endpoints

@endpoint("GET")
def metadata(request: HttpRequest) -> HttpResponse:
    """The CapabilityStatement."""
    statement: dict[str, Any] = {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-11-30",
        "publisher": "Porras",
        "kind": "instance",
        "software": {"name": "Porras"},
        "implementation": {"description": "Porras FHIR R4 API", "url": services.base_url()},
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
                        "type": "EpisodeOfCare",
                        "interaction": [{"code": "read"}, {"code": "update"}],
                        "documentation": (
                            "The children of the client as extensions (read and update; update changes "
                            "only these): " + ", ".join(
                                episode_domain.extension_url(services.base_url(), name)
                                for name in episode_domain.CHILDREN_EXTENSIONS)
                        ),
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


@endpoint("GET")
def questionnaire_search(request: HttpRequest) -> HttpResponse:
    found = services.registry(current_language()).search(
        url=request.GET.get("url") or None, code=request.GET.get("code") or None
    )
    return fhir_response(_searchset(services.base_url(), "Questionnaire", found))


@endpoint("GET")
def questionnaire_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    return fhir_response(services.find_questionnaire(resource_id, current_language()))


@endpoint("POST", authenticated=True)
def questionnaire_response_create(request: HttpRequest) -> HttpResponse:
    """Create: 201 with the stored response, its Observations and an OperationOutcome. With an
    ``Idempotency-Key`` a retry answers the first answer again (``Idempotent-Replayed: true``)."""
    resource = jsonsafe.loads(request.body or b"null")
    # Checked before the write's transaction opens, so that a refused attempt stays audited.
    checked = services.check_questionnaire_response(resource, actor=request, language=current_language())

    def create() -> tuple[int, Any]:
        return 201, services.created_bundle(services.store_questionnaire_response(checked, actor=request))

    answer = idempotency.execute(request, "fhir.QuestionnaireResponse", resource, create)
    headers = {"Location": answer.body["entry"][0]["fullUrl"]}
    if answer.replayed:
        headers[idempotency.REPLAYED] = "true"
    return fhir_response(answer.body, answer.status, headers)


@endpoint("GET", authenticated=True)
def questionnaire_response_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    return fhir_response(services.read_questionnaire_response(request, resource_id))


@endpoint("GET", authenticated=True)
def observation_search(request: HttpRequest) -> HttpResponse:
    """Score Observations derived from the QuestionnaireResponses this user submitted."""
    raw_count = request.GET.get("_count", "50")
    if not (raw_count.isascii() and raw_count.isdigit()) or not 1 <= int(raw_count) <= 10_000:
        raise FhirInputError("_count must be a whole number from 1 to 10000 (at most 200 are returned)")
    found = services.search_observations(
        request,
        code=request.GET.get("code"),
        subject=request.GET.get("subject"),
        derived_from=request.GET.get("derived-from"),
        count=min(int(raw_count), 200),
    )
    return fhir_response(_searchset(services.base_url(), "Observation", found))


@endpoint("GET")
def healthcare_service_search(request: HttpRequest) -> HttpResponse:
    params = {key: request.GET[key] for key in request.GET}
    return fhir_response(healthcare_services.search(params, services.base_url()))


@endpoint("GET")
def healthcare_service_read(request: HttpRequest, service_id: str) -> HttpResponse:
    return fhir_response(healthcare_services.read(service_id))


@endpoint("GET", "PUT", authenticated=True)
def episode_of_care(request: HttpRequest, episode_id: int) -> HttpResponse:
    """Read (``client_read``) or update (``client_write``, bearer token) an episode as an
    EpisodeOfCare; an update changes only the children-of-the-client extensions, at the version
    given in ``meta.versionId`` (a stale one is 409)."""
    if request.method == "PUT":
        resource = jsonsafe.loads(request.body or b"null")
        return fhir_response(services.update_episode_children(request, episode_id, resource))
    return fhir_response(services.read_episode_of_care(request, episode_id))
