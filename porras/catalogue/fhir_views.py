"""``GET /fhir/HealthcareService`` (search) and ``GET /fhir/HealthcareService/{id}`` (read).

Mounted by the FHIR app: ``path("", include("porras.catalogue.fhir_urls"))`` inside ``/fhir/``.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from porras.catalogue import fhir
from porras.catalogue.models import PublicationStatus, Service

CONTENT_TYPE = "application/fhir+json; charset=utf-8"


def _respond(body: dict[str, Any], status: int = 200) -> HttpResponse:
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE)


@require_GET
def search_view(request: HttpRequest) -> HttpResponse:
    base = request.build_absolute_uri("/fhir").rstrip("/")
    try:
        return _respond(fhir.search({key: request.GET[key] for key in request.GET}, base))
    except fhir.FhirSearchError as exc:
        return _respond(fhir.operation_outcome("not-supported", str(exc)), status=400)


@require_GET
def read_view(request: HttpRequest, service_id: str) -> HttpResponse:
    try:
        key = uuid.UUID(service_id)
    except ValueError:
        return _respond(
            fhir.operation_outcome("not-found", f"HealthcareService/{service_id} is not known"), 404
        )
    service = (
        Service.objects.filter(uuid=key, status=PublicationStatus.PUBLISHED)
        .select_related("county", "organization")
        .prefetch_related("terms")
        .first()
    )
    if service is None:
        return _respond(
            fhir.operation_outcome("not-found", f"HealthcareService/{service_id} is not known"), 404
        )
    return _respond(fhir.healthcare_service(service))
