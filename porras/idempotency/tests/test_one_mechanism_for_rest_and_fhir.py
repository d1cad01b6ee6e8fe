"""One Idempotency-Key mechanism for the REST API and FHIR: the same table, the same replay (the first
answer, marked Idempotent-Replayed), the same 422 naming the header for a reused key or a bad one."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from porras.care.models import Measurement
from porras.care.tests.helpers import make_case
from porras.fhir.models import QuestionnaireResponseRecord
from porras.idempotency.models import IdempotencyRecord

pytestmark = pytest.mark.django_db


def gad7(code: str) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": "https://porras.example/fhir/Questionnaire/gad7",
        "item": [{"linkId": str(n), "answer": [{"valueCoding": {"code": code}}]} for n in range(1, 8)],
    }


def fhir_post(client: Client, resource: Any, key: str) -> Any:
    return client.post("/fhir/QuestionnaireResponse", json.dumps(resource), content_type="application/fhir+json",
                       HTTP_IDEMPOTENCY_KEY=key)


def rest_post(client: Client, path: str, body: Any, key: str) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)


def test_a_fhir_replay_is_the_first_answer_marked_as_replayed(cast: Any, api_client_for: Callable[[Any], Client]) -> None:
    client = api_client_for(cast.clinician_a)
    first = fhir_post(client, gad7("several_days"), "k-1")
    again = fhir_post(client, gad7("several_days"), "k-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Location"] == first["Location"]
    assert again["Idempotent-Replayed"] == "true" and not first.has_header("Idempotent-Replayed")
    assert QuestionnaireResponseRecord.objects.count() == 1
    assert IdempotencyRecord.objects.get().endpoint == "fhir.QuestionnaireResponse"


def test_both_apis_refuse_a_reused_key_alike(cast: Any, api_client_for: Callable[[Any], Client]) -> None:
    client = api_client_for(cast.clinician_a)
    fhir_post(client, gad7("several_days"), "reused")
    fhir_refusal = fhir_post(client, gad7("not_at_all"), "reused")
    case = make_case(cast.clinician_a)
    path = f"/api/v1/episodes/{case.episode.pk}/measurements"
    body = {"instrument": "gad7", "date": dt.date.today().isoformat(), "answers": [0] * 7}
    rest_post(client, path, body, "reused-too")
    rest_refusal = rest_post(client, path, body | {"answers": [1] * 7}, "reused-too")
    assert fhir_refusal.status_code == rest_refusal.status_code == 422
    assert fhir_refusal.json()["issue"][0]["expression"] == ["Idempotency-Key"]
    assert rest_refusal.json()["detail"][0]["field"] == "Idempotency-Key"
    assert QuestionnaireResponseRecord.objects.count() == 1
    assert Measurement.objects.count() == 1


def test_a_key_too_long_is_refused_not_cut_short(cast: Any, api_client_for: Callable[[Any], Client]) -> None:
    client = api_client_for(cast.clinician_a)
    response = fhir_post(client, gad7("several_days"), "k" * 201)
    assert response.status_code == 422
    assert response.json()["issue"][0]["expression"] == ["Idempotency-Key"]
    assert not QuestionnaireResponseRecord.objects.exists()


def test_a_refused_request_stores_no_answer_and_may_be_retried(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    client = api_client_for(cast.clinician_a)
    broken = gad7("several_days")
    del broken["item"][6]
    assert fhir_post(client, broken, "k-2").status_code == 400
    assert not IdempotencyRecord.objects.exists()
    assert fhir_post(client, gad7("several_days"), "k-2").status_code == 201
