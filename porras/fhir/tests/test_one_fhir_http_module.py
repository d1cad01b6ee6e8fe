"""Every resource under /fhir/ (the catalogue's HealthcareService included) is served by one HTTP
module: every error is an OperationOutcome, and every resource is named under one base URL."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from fhir.resources.R4B.operationoutcome import OperationOutcome

from porras.catalogue.domain.demo import demo_id
from porras.catalogue.tests.django_fixtures import demo_catalogue  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


def assert_outcome(response: Any, status: int) -> None:
    assert response.status_code == status, (status, response.content[:300])
    assert response["Content-Type"].startswith("application/fhir+json")
    OperationOutcome.model_validate(response.json())


def test_every_kind_of_error_is_an_operation_outcome(cast: Any, api_client_for: Callable[[Any], Client]) -> None:
    anonymous = Client()
    clinician = api_client_for(cast.clinician_a)
    analyst = api_client_for(cast.national_analyst)
    assert_outcome(anonymous.post("/fhir/metadata"), 405)
    assert_outcome(anonymous.put("/fhir/HealthcareService"), 405)
    assert_outcome(anonymous.delete(f"/fhir/HealthcareService/{uuid.uuid4()}"), 405)
    assert_outcome(anonymous.get("/fhir/HealthcareService/not-a-uuid"), 404)
    assert_outcome(anonymous.get(f"/fhir/HealthcareService/{uuid.uuid4()}"), 404)
    assert_outcome(anonymous.get("/fhir/HealthcareService", {"colour": "blue"}), 400)
    assert_outcome(anonymous.get("/fhir/Questionnaire/nope"), 404)
    assert_outcome(anonymous.get("/fhir/Observation"), 401)
    assert_outcome(clinician.get("/fhir/Observation", {"_count": "many"}), 400)
    assert_outcome(clinician.get(f"/fhir/QuestionnaireResponse/{uuid.uuid4()}"), 404)
    assert_outcome(analyst.get(f"/fhir/QuestionnaireResponse/{uuid.uuid4()}"), 403)
    assert_outcome(clinician.post("/fhir/QuestionnaireResponse", "{", content_type="application/fhir+json"), 400)


@pytest.mark.usefixtures("demo_catalogue")
def test_every_resource_is_named_under_the_configured_base_url(
    cast: Any, api_client_for: Callable[[Any], Client], settings: Any
) -> None:
    settings.PORRAS_FHIR_BASE_URL = "https://fhir.hus.fi/porras"
    anonymous = Client()
    services = anonymous.get("/fhir/HealthcareService", {"county": "pohjanmaa"}).json()
    assert services["entry"][0]["fullUrl"].startswith("https://fhir.hus.fi/porras/HealthcareService/")
    assert anonymous.get("/fhir/Questionnaire/gad7").json()["url"] == "https://fhir.hus.fi/porras/Questionnaire/gad7"
    resource = {
        "resourceType": "QuestionnaireResponse", "status": "completed",
        "questionnaire": "https://fhir.hus.fi/porras/Questionnaire/gad7",
        "item": [{"linkId": str(n), "answer": [{"valueCoding": {"code": "not_at_all"}}]} for n in range(1, 8)],
    }
    created = api_client_for(cast.clinician_a).post("/fhir/QuestionnaireResponse", json.dumps(resource),
                                                    content_type="application/fhir+json")
    assert created["Location"].startswith("https://fhir.hus.fi/porras/QuestionnaireResponse/")
    assert anonymous.get(f"/fhir/HealthcareService/{demo_id('service', 'poh-missbruk')}").status_code == 200
