"""Bodies shaped to exhaust the parser's stack get a 400 OperationOutcome, never a 500."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from fhir.resources.R4B.operationoutcome import OperationOutcome

from porras.fhir.models import QuestionnaireResponseRecord

pytestmark = pytest.mark.django_db


def post(client: Client, body: str) -> Any:
    return client.post("/fhir/QuestionnaireResponse", body, content_type="application/fhir+json")


def nested_items(levels: int) -> str:
    # Built as text: the test's own json.dumps would hit the recursion limit first.
    head = '{"resourceType": "QuestionnaireResponse", "status": "completed", ' \
           '"questionnaire": "https://porras.example/fhir/Questionnaire/gad7", "item": ['
    return head + '{"linkId": "x", "item": [' * levels + '{"linkId": "y"}' + "]}" * levels + "]}"


def test_a_body_of_a_hundred_thousand_brackets_is_a_400_operation_outcome(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    response = post(api_client_for(cast.clinician_a), "[" * 100_000)
    assert response.status_code == 400
    OperationOutcome.model_validate(response.json())
    assert "nested" in response.json()["issue"][0]["diagnostics"]


@pytest.mark.parametrize("levels", [300, 5_000])
def test_deeply_nested_items_are_a_400_operation_outcome(
    cast: Any, api_client_for: Callable[[Any], Client], levels: int
) -> None:
    response = post(api_client_for(cast.clinician_a), nested_items(levels))
    assert response.status_code == 400
    OperationOutcome.model_validate(response.json())
    assert not QuestionnaireResponseRecord.objects.exists()
