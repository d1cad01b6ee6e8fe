"""POST /fhir/QuestionnaireResponse honours Idempotency-Key: a retry stores nothing twice."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from porras.fhir.models import QuestionnaireResponseRecord
from porras.instruments.models import InstrumentResponse

pytestmark = pytest.mark.django_db


def gad7(code: str) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": "https://porras.example/fhir/Questionnaire/gad7",
        "item": [{"linkId": str(n), "answer": [{"valueCoding": {"code": code}}]} for n in range(1, 8)],
    }


def post(client: Client, resource: Any, key: str) -> Any:
    return client.post(
        "/fhir/QuestionnaireResponse",
        json.dumps(resource),
        content_type="application/fhir+json",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def test_a_retry_with_the_same_key_returns_the_first_response(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    client = api_client_for(cast.clinician_a)
    first = post(client, gad7("several_days"), "k-1")
    again = post(client, gad7("several_days"), "k-1")
    assert first.status_code == again.status_code == 201
    assert first.json()["entry"][0]["resource"]["id"] == again.json()["entry"][0]["resource"]["id"]
    assert QuestionnaireResponseRecord.objects.count() == 1
    assert InstrumentResponse.objects.count() == 1


def test_the_same_key_with_another_body_is_a_conflict(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    client = api_client_for(cast.clinician_a)
    assert post(client, gad7("several_days"), "k-2").status_code == 201
    conflict = post(client, gad7("not_at_all"), "k-2")
    assert conflict.status_code == 422
    assert conflict.json()["resourceType"] == "OperationOutcome"


def test_keys_are_per_user(cast: Any, api_client_for: Callable[[Any], Client]) -> None:
    assert post(api_client_for(cast.clinician_a), gad7("several_days"), "shared").status_code == 201
    assert post(api_client_for(cast.clinician_b), gad7("not_at_all"), "shared").status_code == 201
    assert QuestionnaireResponseRecord.objects.count() == 2


def test_without_a_key_each_post_is_stored(cast: Any, api_client_for: Callable[[Any], Client]) -> None:
    client = api_client_for(cast.clinician_a)
    for _ in range(2):
        client.post(
            "/fhir/QuestionnaireResponse",
            json.dumps(gad7("not_at_all")),
            content_type="application/fhir+json",
        )
    assert QuestionnaireResponseRecord.objects.count() == 2
