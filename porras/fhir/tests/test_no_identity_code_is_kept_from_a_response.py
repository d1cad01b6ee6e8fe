"""A QuestionnaireResponse naming its client by identity code is stored, returned, read back and
searched with the pseudonymous subject Patient/<client id>; an identity code anywhere else in it is
removed, and the OperationOutcome says so."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from porras.care.tests.helpers import HETU, make_case
from porras.fhir.domain.privacy import REMOVED
from porras.fhir.models import QuestionnaireResponseRecord

pytestmark = pytest.mark.django_db


def gad7(**extra: Any) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse", "status": "completed",
        "questionnaire": "https://porras.example/fhir/Questionnaire/gad7", "authored": dt.date.today().isoformat(),
        "item": [{"linkId": str(n), "answer": [{"valueCoding": {"code": "several_days"}}]} for n in range(1, 8)],
        **extra,
    }


def post(client: Client, resource: Any) -> Any:
    return client.post("/fhir/QuestionnaireResponse", json.dumps(resource), content_type="application/fhir+json")


def test_the_subject_becomes_the_pseudonymous_client(cast: Any, api_client_for: Callable[[Any], Client]) -> None:
    case = make_case(cast.clinician_a)
    client = api_client_for(cast.clinician_a)
    created = post(client, gad7(subject={"identifier": {"system": "urn:oid:1.2.246.21", "value": HETU}},
                                encounter={"reference": f"EpisodeOfCare/{case.episode.pk}"}))
    assert created.status_code == 201
    patient = {"reference": f"Patient/{case.client.pk}"}
    qr, total, _gad2, outcome = (e["resource"] for e in created.json()["entry"])
    assert qr["subject"] == total["subject"] == patient
    assert any(i["expression"] == ["subject"] for i in outcome["issue"])
    record = QuestionnaireResponseRecord.objects.get()
    assert record.resource["subject"] == record.observations[0]["subject"] == patient
    assert client.get(f"/fhir/QuestionnaireResponse/{record.pk}").json()["subject"] == patient
    found = client.get("/fhir/Observation", {"subject": f"Patient/{case.client.pk}"}).json()
    assert found["total"] == 2
    everything = json.dumps([record.resource, record.observations, record.outcome, created.json()])
    assert HETU not in everything and "131052308" not in everything


def test_a_code_elsewhere_is_removed_and_reported(cast: Any, api_client_for: Callable[[Any], Client]) -> None:
    resource = gad7(subject={"reference": f"Patient/{HETU}", "display": "Matti Meikäläinen"})
    resource["item"].append({"linkId": "note", "answer": [{"valueString": f"id {HETU.lower()}"}]})
    created = post(api_client_for(cast.clinician_a), resource)
    assert created.status_code == 201
    qr, *_rest, outcome = (e["resource"] for e in created.json()["entry"])
    assert qr["subject"] == {"reference": f"Patient/{REMOVED}"}  # the name in display is not kept either
    assert qr["item"][7]["answer"][0]["valueString"] == f"id {REMOVED}"
    removed = [i["expression"][0] for i in outcome["issue"] if "identity code was removed" in i["diagnostics"]]
    assert removed == ["item[7].answer[0].valueString", "subject.reference"]
    assert "Meikäläinen" not in json.dumps(QuestionnaireResponseRecord.objects.get().resource)
