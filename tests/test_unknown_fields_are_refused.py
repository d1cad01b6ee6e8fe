"""A request body with a field the endpoint does not know is refused (422 naming the field), never
silently ignored: every request-body schema of the OpenAPI document says ``additionalProperties:
false`` (it derives from ``porras.lib.schema.Input``), and every write operation answers so.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from porras.api import api

UNKNOWN = "zz_not_a_field"


def _document() -> dict[str, Any]:
    return api.get_openapi_schema()


def _operations_with_bodies() -> list[tuple[str, str, dict[str, Any]]]:
    return [(method.upper(), path, operation) for path, operations in _document()["paths"].items()
            for method, operation in operations.items() if "requestBody" in operation]


def _open_objects(schema: dict[str, Any], components: dict[str, Any], seen: set[str], top: bool) -> list[str]:
    """Names of the object schemas within ``schema`` that admit unknown fields."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        seen.add(name)
        found = _open_objects(components[name], components, seen, top)
        return [name if f == "" else f for f in found]
    found: list[str] = []
    has_fields = "properties" in schema
    if (has_fields or top) and schema.get("type", "object") == "object" and schema.get("additionalProperties") is not False:
        found.append(schema.get("title", ""))
    for value in schema.get("properties", {}).values():
        found += _open_objects(value, components, seen, False)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            found += _open_objects(schema[key], components, seen, False)
    for key in ("anyOf", "allOf", "oneOf"):
        for value in schema.get(key, []):
            found += _open_objects(value, components, seen, False)
    return found


def test_every_request_body_schema_forbids_unknown_fields() -> None:
    components = _document().get("components", {}).get("schemas", {})
    offenders: dict[str, list[str]] = {}
    for method, path, operation in _operations_with_bodies():
        for content in operation["requestBody"]["content"].values():
            open_objects = _open_objects(content["schema"], components, set(), True)
            if open_objects:
                offenders[f"{method} {path}"] = open_objects
    assert offenders == {}, "request bodies that admit unknown fields (derive them from porras.lib.schema.Input)"


def _signed_in_client(cast: Any) -> Any:
    """A client signed in with the code of a programme (the client's own API answers only such a token)."""
    from django.test import Client

    from porras.care.tests.helpers import make_case
    from porras.selfcare import services

    assigned = services.assign_programme(cast.clinician_a, make_case(cast.clinician_a).episode.pk, "worry")
    return Client(HTTP_AUTHORIZATION=f"Bearer {services.exchange_code(assigned.code, address='test').token}")


@pytest.mark.django_db
def test_every_write_operation_refuses_an_unknown_field_with_422_naming_it(cast, api_client_for) -> None:
    professional = api_client_for(cast.manager_a)  # the schema answers before any permission is asked
    me = _signed_in_client(cast)
    ignored: list[str] = []
    for method, path, _operation in _operations_with_bodies():
        url = re.sub(r"\{\w+\}", "1", path)
        client = me if path.startswith("/api/v1/me/") else professional
        response = client.generic(method, url, json.dumps({UNKNOWN: 1}), content_type="application/json")
        named = response.status_code == 422 and any(
            e.get("field") == UNKNOWN for e in response.json().get("detail", []) if isinstance(e, dict))
        if not named:
            ignored.append(f"{method} {path}: {response.status_code} {response.content[:120]!r}")
    assert ignored == []
