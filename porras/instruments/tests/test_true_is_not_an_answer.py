"""`true` is not an option position on any channel: not scored as 1, refused naming the item."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from porras.care.models import Measurement
from porras.care.tests.helpers import make_case
from porras.fhir import services as fhir
from porras.fhir.domain import FhirInputError
from porras.instruments.domain import ScoringError, score
from porras.instruments.models import InstrumentResponse

pytestmark = pytest.mark.django_db


def test_the_engine_refuses_true_naming_the_item() -> None:
    with pytest.raises(ScoringError) as caught:
        score("gad7", [True, 0, 0, 0, 0, 0, 0])
    assert caught.value.errors[0]["item"] == "1"


def test_the_scoring_api_refuses_true(client: Client) -> None:
    response = client.post("/api/v1/instruments/gad7/score", json.dumps({"answers": [True] + [0] * 6}),
                           content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["item"] == "1"


def test_the_care_measurement_api_refuses_true_and_stores_nothing(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    case = make_case(cast.clinician_a)
    body = {"instrument": "gad7", "date": dt.date.today().isoformat(), "answers": [True] + [0] * 6}
    response = api_client_for(cast.clinician_a).post(
        f"/api/v1/episodes/{case.episode.pk}/measurements", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    assert "answers.0" in json.dumps(response.json())
    assert not Measurement.objects.exists()
    assert not InstrumentResponse.objects.exists()


def test_the_web_form_takes_true_for_no_answer(cast: Any) -> None:
    client = Client()
    client.force_login(cast.clinician_a)
    data = {f"item-{n}": "0" for n in range(2, 8)} | {"item-1": "True"}
    response = client.post("/instruments/gad7/", data)
    assert response.status_code == 400
    assert not InstrumentResponse.objects.exists()


def _integer_questionnaire(weight: Any) -> dict[str, Any]:
    """An external GAD-7 whose options are integers 0–3 carrying ordinalValue scores; the first
    option's score is ``weight``."""
    ordinal = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
    options = [{"valueInteger": n, "extension": [{"url": ordinal, "valueInteger": weight if n == 0 else n}]}
               for n in range(4)]
    return {
        "resourceType": "Questionnaire", "status": "active", "url": "https://example.fi/Questionnaire/gad7-int",
        "item": [{"linkId": f"q{n}", "type": "choice", "text": f"Q{n}", "answerOption": options}
                 for n in range(1, 8)],
    }


LINKS = {f"q{n}": str(n) for n in range(1, 8)}


def test_a_fhir_answer_of_true_is_refused_naming_the_item(cast: Any) -> None:
    fhir.import_questionnaire(_integer_questionnaire(0), "gad7", link_map=LINKS)
    resource = {
        "resourceType": "QuestionnaireResponse", "status": "completed",
        "questionnaire": "https://example.fi/Questionnaire/gad7-int",
        "item": [{"linkId": f"q{n}", "answer": [{"valueInteger": True if n == 1 else 0}]} for n in range(1, 8)],
    }
    with pytest.raises(FhirInputError) as caught:
        fhir.receive_questionnaire_response(resource, actor=cast.clinician_a)
    assert caught.value.issues[0]["code"] == "code-invalid"
    assert "'q1'" in caught.value.issues[0]["diagnostics"]
    assert not InstrumentResponse.objects.exists()


def test_a_questionnaire_scoring_an_option_true_does_not_score_it_as_1() -> None:
    # R4B accepts valueInteger true; read as 1 it would map option 0 onto "several days" (score 1)
    with pytest.raises(FhirInputError, match="cannot be mapped"):
        fhir.import_questionnaire(_integer_questionnaire(True), "gad7", link_map=LINKS)
