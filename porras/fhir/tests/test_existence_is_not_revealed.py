"""Another unit's episode answers exactly as a missing one: 404 and the same OperationOutcome."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from porras.accounts.models import AuditEntry
from porras.care.models import Episode, Measurement
from porras.care.tests.helpers import HETU, make_case
from porras.fhir.models import QuestionnaireResponseRecord
from porras.instruments.models import InstrumentResponse

pytestmark = pytest.mark.django_db


def gad7_for(episode_id: int) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": "https://porras.example/fhir/Questionnaire/gad7",
        "subject": {"identifier": {"system": "urn:oid:1.2.246.21", "value": HETU}},
        "encounter": {"reference": f"EpisodeOfCare/{episode_id}"},
        "authored": dt.date.today().isoformat(),
        "item": [{"linkId": str(n), "answer": [{"valueCoding": {"code": "LA6569-3"}}]} for n in range(1, 8)],
    }


def answer(client: Client, episode_id: int) -> tuple[int, list[tuple[str, str]]]:
    response = client.post("/fhir/QuestionnaireResponse", json.dumps(gad7_for(episode_id)),
                           content_type="application/fhir+json")
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    issues = [(i["code"], i["diagnostics"].replace(str(episode_id), "N")) for i in body["issue"]]
    return response.status_code, issues


def test_another_units_episode_answers_as_a_missing_one(cast: Any, api_client_for: Callable[[Any], Client]) -> None:
    case = make_case(cast.clinician_a)
    missing = Episode.objects.order_by("-pk").first().pk + 1000
    outsider = api_client_for(cast.clinician_b)
    assert answer(outsider, case.episode.pk) == answer(outsider, missing)
    assert answer(outsider, missing)[0] == 404
    assert not (Measurement.objects.exists() or QuestionnaireResponseRecord.objects.exists()
                or InstrumentResponse.objects.exists())


def test_the_outsiders_attempt_is_audited_as_denied(cast: Any, api_client_for: Callable[[Any], Client]) -> None:
    case = make_case(cast.clinician_a)
    answer(api_client_for(cast.clinician_b), case.episode.pk)
    assert AuditEntry.objects.filter(username="clinician_b", outcome="denied", object_type="episode",
                                     object_id=str(case.episode.pk)).exists()
