"""POST /fhir/QuestionnaireResponse naming a client and an episode stores the episode's measurement."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from porras.care.models import Measurement
from porras.care.tests.helpers import HETU, make_case
from porras.fhir.models import QuestionnaireResponseRecord

pytestmark = pytest.mark.django_db


def gad7_for(episode_id: int, hetu: str = HETU, code: str = "LA6569-3") -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": "https://porras.example/fhir/Questionnaire/gad7",
        "subject": {"identifier": {"system": "urn:oid:1.2.246.21", "value": hetu}},
        "encounter": {"reference": f"EpisodeOfCare/{episode_id}"},
        "authored": dt.date.today().isoformat(),
        "item": [{"linkId": str(n), "answer": [{"valueCoding": {"code": code}}]} for n in range(1, 8)],
    }


def post(client: Client, resource: Any) -> Any:
    return client.post("/fhir/QuestionnaireResponse", json.dumps(resource), content_type="application/fhir+json")


def test_a_response_naming_the_episode_becomes_its_measurement(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    case = make_case(cast.clinician_a)
    response = post(api_client_for(cast.clinician_a), gad7_for(case.episode.pk))
    assert response.status_code == 201, response.content
    measurement = Measurement.objects.get(episode=case.episode)
    assert (measurement.instrument, measurement.total, measurement.source) == ("gad7", 7, "fhir")


def test_a_colleague_of_another_unit_gets_404_and_nothing_is_stored(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    case = make_case(cast.clinician_a)
    response = post(api_client_for(cast.clinician_b), gad7_for(case.episode.pk))
    assert response.status_code == 404  # another unit's episode answers as a missing one (Trust first 17)
    assert not Measurement.objects.exists()
    assert not QuestionnaireResponseRecord.objects.exists()


def test_a_subject_that_is_not_the_episodes_client_is_400_naming_the_field(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    case = make_case(cast.clinician_a)
    response = post(api_client_for(cast.clinician_a), gad7_for(case.episode.pk, hetu="010101-123N"))
    assert response.status_code == 400
    assert "subject" in json.dumps(response.json())
    assert not QuestionnaireResponseRecord.objects.exists()
