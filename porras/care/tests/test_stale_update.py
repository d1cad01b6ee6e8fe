"""Concurrent edits of an episode are detected: an update naming an old version gets 409."""

from __future__ import annotations

import json

import pytest

from porras.care.models import Episode
from porras.care.tests.helpers import make_case

pytestmark = pytest.mark.django_db


def _patch(client, episode_id: int, body: dict):
    return client.patch(f"/api/v1/episodes/{episode_id}", json.dumps(body), content_type="application/json")


def test_the_second_of_two_edits_from_the_same_version_gets_409(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    first = _patch(api_client_for(cast.clinician_a), case.episode.pk, {"version": 1, "intervention": "guided_self_care"})
    assert first.status_code == 200
    assert first.json()["version"] == 2
    second = _patch(api_client_for(cast.colleague_a), case.episode.pk, {"version": 1, "intervention": "ipc"})
    assert second.status_code == 409
    assert second.json()["error"] == "conflict"
    assert Episode.objects.get().intervention == "guided_self_care"


def test_an_update_from_the_current_version_succeeds(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    _patch(client, case.episode.pk, {"version": 1, "intervention": "guided_self_care"})
    again = _patch(client, case.episode.pk, {"version": 2, "intervention": "ipc"})
    assert again.status_code == 200
    assert again.json()["version"] == 3


def test_a_patch_without_a_version_is_refused(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    response = _patch(api_client_for(cast.clinician_a), case.episode.pk, {"intervention": "ipc"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "version"
