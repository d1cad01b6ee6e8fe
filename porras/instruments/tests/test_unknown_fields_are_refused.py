"""The instruments API refuses a body field it does not know (422 naming it) instead of ignoring it."""

from __future__ import annotations

import json

from django.test import Client


def test_an_unknown_field_in_a_scoring_request_is_422_naming_it(client: Client) -> None:
    response = client.post("/api/v1/instruments/gad7/score", json.dumps({"answers": [0] * 7, "anwsers": [3] * 7}),
                           content_type="application/json")
    assert response.status_code == 422
    assert [d["field"] for d in response.json()["detail"]] == ["anwsers"]
