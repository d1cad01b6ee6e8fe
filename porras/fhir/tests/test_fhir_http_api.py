"""The FHIR REST API over HTTP: metadata, Questionnaire read/search, QuestionnaireResponse create."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.operationoutcome import OperationOutcome

from porras.fhir import services
from porras.fhir.models import QuestionnaireResponseRecord
from porras.instruments.models import InstrumentResponse

from .fixtures import HL7_LINK_MAP, lforms_response, load

pytestmark = pytest.mark.django_db


def post(client: Client, resource: Any) -> Any:
    return client.post(
        "/fhir/QuestionnaireResponse", json.dumps(resource), content_type="application/fhir+json"
    )


def test_metadata_is_a_valid_capability_statement(client: Client) -> None:
    response = client.get("/fhir/metadata")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    CapabilityStatement.model_validate(response.json())


def test_each_of_our_questionnaires_can_be_read(client: Client) -> None:
    body = client.get("/fhir/Questionnaire/phq9").json()
    assert body["url"] == "https://porras.example/fhir/Questionnaire/phq9"
    assert client.get("/fhir/Questionnaire/nope").status_code == 404


def test_questionnaires_can_be_searched_by_url_and_code(client: Client) -> None:
    by_url = client.get(
        "/fhir/Questionnaire", {"url": "https://porras.example/fhir/Questionnaire/gad7"}
    ).json()
    Bundle.model_validate(by_url)
    assert [e["resource"]["id"] for e in by_url["entry"]] == ["gad7"]
    by_code = client.get("/fhir/Questionnaire", {"code": "http://loinc.org|44249-1"}).json()
    assert by_code["total"] == 1


def test_the_hl7_sdc_response_is_stored_scored_and_its_disagreement_reported(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    services.import_questionnaire(load("hl7-sdc-phq9-questionnaire.json"), "phq9", link_map=HL7_LINK_MAP)
    response = post(api_client_for(cast.clinician_a), load("hl7-sdc-phq9-questionnaireresponse.json"))
    assert response.status_code == 201
    bundle = response.json()
    Bundle.model_validate(bundle)
    resources = [e["resource"] for e in bundle["entry"]]
    qr, total, phq2, outcome = resources
    assert qr["item"][0]["item"][9]["answer"][0]["valueQuantity"]["value"] == 13
    assert total["valueQuantity"]["value"] == 10
    assert {"system": "http://loinc.org", "code": "44261-6"} in total["code"]["coding"]
    assert phq2["valueQuantity"]["value"] == 0
    assert any(i["severity"] == "warning" and "13" in i["diagnostics"] for i in outcome["issue"])
    assert response["Location"].endswith(f"/QuestionnaireResponse/{qr['id']}")
    record = QuestionnaireResponseRecord.objects.get()
    assert record.total_disagrees is True
    assert record.submitted_total == 13
    assert record.response.total == 10
    assert record.response.has_risk is True
    assert record.response.wording.startswith(
        "questionnaire:http://hl7.org/fhir/uv/sdc/Questionnaire/questionnaire-sdc-profile-example-PHQ9|0.0.1"
    )


def test_a_response_to_the_imported_lforms_phq9_is_scored(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    services.import_questionnaire(load("lforms-phq9-questionnaire.json"))
    resource = lforms_response(["LA6571-9"] * 9, total=27)
    response = post(api_client_for(cast.clinician_a), resource)
    assert response.status_code == 201
    assert InstrumentResponse.objects.get().total == 27


def test_a_response_can_be_read_back_by_its_creator(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    client = api_client_for(cast.clinician_a)
    answers = [{"linkId": str(n), "answer": [{"valueCoding": {"code": "not_at_all"}}]} for n in range(1, 8)]
    created = post(
        client,
        {
            "resourceType": "QuestionnaireResponse",
            "status": "completed",
            "questionnaire": "https://porras.example/fhir/Questionnaire/gad7",
            "item": answers,
        },
    )
    assert created.status_code == 201
    qr_id = created.json()["entry"][0]["resource"]["id"]
    assert client.get(f"/fhir/QuestionnaireResponse/{qr_id}").json()["id"] == qr_id
    assert api_client_for(cast.clinician_b).get(f"/fhir/QuestionnaireResponse/{qr_id}").status_code == 404


def test_without_a_token_the_create_is_401(client: Client) -> None:
    response = post(client, load("hl7-sdc-phq9-questionnaireresponse.json"))
    assert response.status_code == 401
    OperationOutcome.model_validate(response.json())


def test_an_analyst_may_not_create_responses(cast: Any, api_client_for: Callable[[Any], Client]) -> None:
    assert post(api_client_for(cast.national_analyst), {}).status_code == 403


def test_malformed_input_is_400_with_an_operation_outcome(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    client = api_client_for(cast.clinician_a)
    for body in (
        {"resourceType": "Patient"},
        {"resourceType": "QuestionnaireResponse", "status": "completed"},
    ):
        response = post(client, body)
        assert response.status_code == 400
        OperationOutcome.model_validate(response.json())
    bad_json = client.post("/fhir/QuestionnaireResponse", "{not json", content_type="application/fhir+json")
    assert bad_json.status_code == 400
    assert QuestionnaireResponseRecord.objects.count() == 0


def test_an_unregistered_questionnaire_is_400(cast: Any, api_client_for: Callable[[Any], Client]) -> None:
    response = post(api_client_for(cast.clinician_a), load("hl7-sdc-phq9-questionnaireresponse.json"))
    assert response.status_code == 400
    assert response.json()["issue"][0]["code"] == "not-found"


def test_score_observations_can_be_searched_by_code_and_source(
    cast: Any, api_client_for: Callable[[Any], Client]
) -> None:
    services.import_questionnaire(load("hl7-sdc-phq9-questionnaire.json"), "phq9", link_map=HL7_LINK_MAP)
    client = api_client_for(cast.clinician_a)
    qr_id = post(client, load("hl7-sdc-phq9-questionnaireresponse.json")).json()["entry"][0]["resource"]["id"]
    totals = client.get("/fhir/Observation", {"code": "http://loinc.org|44261-6"}).json()
    Bundle.model_validate(totals)
    assert [e["resource"]["valueQuantity"]["value"] for e in totals["entry"]] == [10]
    derived = client.get("/fhir/Observation", {"derived-from": f"QuestionnaireResponse/{qr_id}"}).json()
    assert derived["total"] == 2
    others = api_client_for(cast.clinician_b).get("/fhir/Observation").json()
    assert others["total"] == 0
    assert api_client_for(cast.national_analyst).get("/fhir/Observation").status_code == 403
