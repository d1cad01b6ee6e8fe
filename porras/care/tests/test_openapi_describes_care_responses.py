"""The OpenAPI document describes every care response field by field (typed response schemas)."""

from __future__ import annotations

from typing import Any

import pytest

from porras.api import api

pytestmark = pytest.mark.django_db


def _schema(path: str, method: str, status: int) -> dict[str, Any]:
    document = api.get_openapi_schema()
    content = document["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]
    if "$ref" in content:
        return document["components"]["schemas"][content["$ref"].rsplit("/", 1)[-1]]
    if content.get("type") == "array" and "$ref" in content.get("items", {}):
        return document["components"]["schemas"][content["items"]["$ref"].rsplit("/", 1)[-1]]
    return content


@pytest.mark.parametrize("path,method,status,fields", [
    ("/api/v1/clients", "post", 201, {"id", "birth_year", "sex", "county", "language"}),
    ("/api/v1/clients/{client_id}", "get", 200, {"id", "episodes"}),
    ("/api/v1/episodes", "get", 200, {"id", "client_id", "unit", "phase", "referral_date", "version"}),
    ("/api/v1/episodes/{episode_id}", "patch", 200, {"id", "version", "end_reason"}),
    ("/api/v1/episodes/{episode_id}/appointments", "post", 201, {"id", "date", "kind", "status"}),
    ("/api/v1/episodes/{episode_id}/measurements", "get", 200, {"id", "instrument", "score", "risk_flags"}),
    ("/api/v1/episodes/{episode_id}/risk-flags", "get", 200, {"id", "item", "value", "open"}),
    ("/api/v1/episodes/{episode_id}/safety-plan", "get", 200, {"id", "version", "warning_signs"}),
    ("/api/v1/followups/overdue", "get", 200, {"id", "due_date", "done", "overdue"}),
    ("/api/v1/worklist", "get", 200, {"episode", "client", "next_appointment", "measure_due", "open_risk_flags",
                                       "last_scores"}),
    ("/api/v1/clients", "get", 200, {"id", "label", "local_identifier", "language"}),
    ("/api/v1/clients/search", "post", 200, {"id", "label"}),
    ("/api/v1/episodes/{episode_id}/void", "post", 200, {"id", "voided", "version"}),
    ("/api/v1/episodes/{episode_id}/corrections", "get", 200, {"record_type", "record_id", "action", "reason",
                                                               "changes", "by", "at"}),
    ("/api/v1/measurements/{measurement_id}/void", "post", 200, {"id", "voided", "corrects"}),
    ("/api/v1/measurements/{measurement_id}/correct", "post", 201, {"id", "corrects", "score"}),
    ("/api/v1/appointments/{appointment_id}/correct", "post", 200, {"id", "date", "voided"}),
    ("/api/v1/episodes/from-assessment", "post", 201, {"id", "referral_source", "navigator_recommendation"}),
])
def test_each_care_response_names_its_fields(path: str, method: str, status: int, fields: set[str]) -> None:
    schema = _schema(path, method, status)
    assert fields <= set(schema.get("properties", {})), (path, schema)
