"""A body of 100,000 `[` (or anything nested deeper than porras.lib.jsonsafe.MAX_DEPTH) is a 400
in the navigator's save form and in the API, never a 500."""

from __future__ import annotations

import json

import pytest

from porras.navigator.models import SavedAssessment

from .conftest import person

BRACKETS = "[" * 100_000


def nested(levels: int) -> str:
    return json.dumps(person()).replace('"age": 30', '"age": 30, "history": ' + "[" * levels + "]" * levels)


def test_the_save_form_answers_400_to_a_hundred_thousand_brackets(client, db):
    response = client.post("/navigator/save/", {"payload": BRACKETS})
    assert response.status_code == 400
    assert not SavedAssessment.objects.exists()


@pytest.mark.parametrize("path", ["/api/v1/navigator", "/api/v1/navigator/assessments"])
def test_the_api_answers_400_to_a_hundred_thousand_brackets(client, db, path):
    response = client.post(path, data=BRACKETS, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"


@pytest.mark.parametrize("path", ["/api/v1/navigator", "/api/v1/navigator/assessments"])
def test_the_api_refuses_a_body_nested_past_the_limit_before_parsing_it(client, db, path):
    response = client.post(path, data=nested(100), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"


def test_a_body_within_the_limit_is_read(client, db):
    response = client.post("/api/v1/navigator", data=nested(3), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "history[0]"
