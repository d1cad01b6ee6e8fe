"""A field the endpoint does not know answers 422 naming it; nothing is written."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from porras.care.models import Client, Episode
from porras.care.tests.helpers import HETU, make_case

pytestmark = pytest.mark.django_db


def _fields(response) -> set[str]:
    return {e["field"] for e in response.json()["detail"]}


def test_an_unknown_field_of_a_new_client_is_named(cast, api_client_for) -> None:
    response = api_client_for(cast.clinician_a).post(
        "/api/v1/clients", json.dumps({"identifier": {"system": "hetu", "value": HETU}, "county": "helsinki",
                                       "name": "Matti Meikäläinen"}), content_type="application/json")
    assert response.status_code == 422
    assert "name" in _fields(response)
    assert not Client.objects.exists()


def test_an_unknown_field_of_the_identifier_is_named(cast, api_client_for) -> None:
    response = api_client_for(cast.clinician_a).post(
        "/api/v1/clients", json.dumps({"identifier": {"system": "hetu", "value": HETU, "use": "official"},
                                       "county": "helsinki"}), content_type="application/json")
    assert response.status_code == 422
    assert "identifier.use" in _fields(response)


def test_an_unknown_field_of_an_episode_change_is_named_and_the_episode_unchanged(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    response = api_client_for(cast.clinician_a).patch(
        f"/api/v1/episodes/{case.episode.pk}", json.dumps({"version": 1, "end_dat": dt.date.today().isoformat()}),
        content_type="application/json")
    assert response.status_code == 422
    assert "end_dat" in _fields(response)
    assert Episode.objects.get(pk=case.episode.pk).version == 1


@pytest.mark.parametrize("path,body", [
    ("appointments", {"date": "2026-01-05", "kind": "assessment", "status": "attended", "room": "2"}),
    ("followups", {"reason": "self_harm", "contact_date": "2026-01-05", "severity": "high"}),
    ("safety-plan", {"warning_signs": "Sleeplessness", "reasons_for_living": "Kids"}),
])
def test_an_unknown_field_of_an_episode_write_is_named(cast, api_client_for, path: str, body: dict) -> None:
    case = make_case(cast.clinician_a)
    response = api_client_for(cast.clinician_a).post(f"/api/v1/episodes/{case.episode.pk}/{path}", json.dumps(body),
                                                     content_type="application/json")
    assert response.status_code == 422
    assert (set(body) - {"date", "kind", "status", "reason", "contact_date", "warning_signs"}) <= _fields(response)
