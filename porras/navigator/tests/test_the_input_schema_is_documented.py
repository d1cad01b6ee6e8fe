"""The API document shows the navigator's input as a closed schema (no object admits unknown fields),
and it agrees with what the navigator itself accepts and refuses."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from porras.api import api
from porras.navigator.domain import NavigatorInputError, navigate
from porras.navigator.scorer import score_answers

from .conftest import person, phq9

OPERATIONS = ["/api/v1/navigator", "/api/v1/navigator/assessments", "/api/v1/navigator/assessments/open"]


def _document() -> dict[str, Any]:
    return api.get_openapi_schema()


def _body_schema(path: str) -> dict[str, Any]:
    schema = _document()["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in schema:
        schema = _document()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _open_objects(schema: dict[str, Any], where: str = "body") -> list[str]:
    """Where an object schema with fields of its own (or the body itself) admits unknown fields."""
    found = []
    if ("properties" in schema or where == "body") and schema.get("additionalProperties") is not False:
        found.append(where)
    for name, value in schema.get("properties", {}).items():
        found += _open_objects(value, f"{where}.{name}")
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            found += _open_objects(schema[key], f"{where}[{key}]")
    return found


@pytest.mark.parametrize("path", OPERATIONS)
def test_no_object_of_the_documented_input_admits_unknown_fields(path):
    assert _open_objects(_body_schema(path)) == []


def test_the_documented_example_is_valid_input():
    content = _document()["paths"]["/api/v1/navigator"]["post"]["requestBody"]["content"]["application/json"]
    jsonschema.Draft202012Validator(content["schema"]).validate(content["example"])
    navigate(content["example"], score=score_answers)


VALID = [
    person(),
    person(scores={"phq9": phq9("mild", item9=None, total=7)}, concerns=["depression", "anxiety"]),
    person(responses={"phq9": [1, 1, 1, 1, 1, 1, 1, 1, 0, None]}, risk={"plan_to_end_life": False},
           history=[{"step": 1, "reliable_improvement": False}], preferences={"delivery": "digital"}),
]
UNKNOWN_FIELD = [
    person(zz=1),
    person(scores={"phq9": {"severity": "mild", "zz": 1}}),
    person(risk={"plan_to_end_life": False, "zz": 1}),
    person(history=[{"step": 1, "reliable_improvement": False, "zz": 1}]),
    person(preferences={"zz": 1}),
]


@pytest.mark.parametrize("data", VALID)
def test_what_the_navigator_accepts_the_document_accepts(data):
    navigate(data, score=score_answers)
    jsonschema.Draft202012Validator(_body_schema("/api/v1/navigator")).validate(data)


@pytest.mark.parametrize("data", UNKNOWN_FIELD)
def test_an_unknown_field_at_any_level_is_refused_by_both(data):
    with pytest.raises(NavigatorInputError):
        navigate(data, score=score_answers)
    assert not jsonschema.Draft202012Validator(_body_schema("/api/v1/navigator")).is_valid(data)
