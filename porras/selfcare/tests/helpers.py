"""Shared set-up for the selfcare tests: an episode in unit A (through care's services) and a
client signed in to a programme assigned to it (through the API)."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from porras.care.tests.helpers import HETU_2000, PHQ9_NO_RISK, PHQ9_WITH_RISK, Case, make_case

__all__ = ["HETU_2000", "PHQ9_NO_RISK", "PHQ9_WITH_RISK", "Case", "assign", "client_for", "make_case", "post"]


def post(client: Client, url: str, body: Any, **headers: Any) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def assign(professional: Client, episode_id: int, programme: str = "low-mood", **extra: Any) -> dict[str, Any]:
    response = post(professional, f"/api/v1/episodes/{episode_id}/selfcare", {"programme": programme, **extra})
    assert response.status_code == 201, response.content
    return response.json()  # type: ignore[no-any-return]


def client_for(code: str) -> Client:
    """A test client carrying the bearer token the code was exchanged for."""
    response = post(Client(), "/api/v1/client-access", {"code": code})
    assert response.status_code == 200, response.content
    return Client(HTTP_AUTHORIZATION=f"Bearer {response.json()['token']}")
