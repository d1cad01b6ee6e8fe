"""POSTs with an Idempotency-Key: a retry returns the first result and writes nothing twice."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from porras.care import services
from porras.care.models import Episode, Measurement
from porras.care.tests.helpers import PHQ9_NO_RISK, make_case
from porras.idempotency.models import IdempotencyRecord

pytestmark = pytest.mark.django_db


def _post(client, path: str, body: dict, key: str):
    return client.post(path, json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)


def test_a_retried_episode_post_returns_the_first_result_and_creates_one_episode(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    services.update_episode(cast.clinician_a, case.episode.pk, case.episode.version,  # ended: a new one may open
                            {"end_date": dt.date.today(), "end_reason": "completed"})
    client = api_client_for(cast.clinician_a)
    body = {"client_id": case.client.pk, "unit": "unit-a", "referral_date": dt.date.today().isoformat(),
            "concerns": ["anxiety"]}
    first = _post(client, "/api/v1/episodes", body, "key-1")
    again = _post(client, "/api/v1/episodes", body, "key-1")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Episode.objects.count() == 2  # the helper's and this one


def test_a_retried_measurement_is_stored_once(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    body = {"instrument": "phq9", "date": dt.date.today().isoformat(), "answers": PHQ9_NO_RISK}
    path = f"/api/v1/episodes/{case.episode.pk}/measurements"
    ids = {_post(client, path, body, "m-1").json()["id"] for _ in range(3)}
    assert len(ids) == 1
    assert Measurement.objects.count() == 1


def test_a_reused_key_with_a_different_body_is_refused(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    path = f"/api/v1/episodes/{case.episode.pk}/measurements"
    _post(client, path, {"instrument": "phq9", "date": dt.date.today().isoformat(), "answers": PHQ9_NO_RISK}, "k")
    other = _post(client, path, {"instrument": "phq9", "date": dt.date.today().isoformat(),
                                 "answers": [0] * 10}, "k")
    assert other.status_code == 422
    assert other.json()["detail"][0]["field"] == "Idempotency-Key"
    assert Measurement.objects.count() == 1


def test_keys_belong_to_their_user(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    body = {"instrument": "phq9", "date": dt.date.today().isoformat(), "answers": PHQ9_NO_RISK}
    path = f"/api/v1/episodes/{case.episode.pk}/measurements"
    _post(api_client_for(cast.clinician_a), path, body, "shared")
    _post(api_client_for(cast.colleague_a), path, body, "shared")
    assert Measurement.objects.count() == 2


def test_a_failed_request_stores_no_answer_and_may_be_retried(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    path = f"/api/v1/episodes/{case.episode.pk}/measurements"
    bad = _post(client, path, {"instrument": "phq9", "date": dt.date.today().isoformat(), "answers": [9]}, "k2")
    assert bad.status_code == 422
    assert not IdempotencyRecord.objects.exists()


def test_a_replayed_answer_is_audited(cast, api_client_for) -> None:
    from porras.accounts.models import AuditEntry

    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    body = {"instrument": "phq9", "date": dt.date.today().isoformat(), "answers": PHQ9_NO_RISK}
    path = f"/api/v1/episodes/{case.episode.pk}/measurements"
    _post(client, path, body, "audited")
    _post(client, path, body, "audited")
    entry = AuditEntry.objects.order_by("-seq").first()
    assert (entry.action, entry.object_id, entry.username) == (
        "request.replay", f"episodes.{case.episode.pk}.measurements", "clinician_a")
