"""FHIR R4 HealthcareService: search by name, category and county; read by id; validated with R4B."""

from __future__ import annotations

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.healthcareservice import HealthcareService

from porras.catalogue.domain.demo import demo_id

pytestmark = [pytest.mark.usefixtures("demo_catalogue")]


def search(client, **params):  # type: ignore[no-untyped-def]
    response = client.get("/fhir/HealthcareService", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    bundle = Bundle.model_validate(response.json())
    return {entry.resource.id for entry in bundle.entry or []}


def test_search_by_county_returns_that_countys_services(client):
    found = search(client, county="pohjanmaa")
    assert len(found) == 10
    assert demo_id("service", "poh-missbruk") in found


def test_search_by_category(client):
    assert search(client, **{"service-category": "ips"}) == {
        demo_id("service", "pir-ips"),
        demo_id("service", "poh-ips"),
    }
    assert search(client, category="urn:porras:catalogue:category|ips", county="pirkanmaa") == {
        demo_id("service", "pir-ips")
    }


def test_search_by_name_in_finnish_or_swedish(client):
    assert search(client, name="Päihdeklinikka") == {demo_id("service", "pir-paihdeklinikka")}
    assert search(client, name="familjecentralen") == {
        demo_id("service", "poh-familjecentral"),
        demo_id("service", "hel-perhekeskus"),
    }


def test_read_by_id_returns_a_valid_healthcare_service(client):
    response = client.get(f"/fhir/HealthcareService/{demo_id('service', 'poh-missbruk')}")
    assert response.status_code == 200
    resource = HealthcareService.model_validate(response.json())
    assert resource.name == "Päihdepalvelujen avohoito (demo)"
    assert resource.coverageArea[0].identifier.value == "pohjanmaa"
    assert {c.coding[0].code for c in resource.category} == {"substance_use"}
    translations = response.json()["_name"]["extension"]
    assert {"url": "content", "valueString": "Öppenvård inom missbrukarvården (demo)"} in translations[0][
        "extension"
    ]


def test_an_unknown_id_is_a_404_operation_outcome(client):
    response = client.get("/fhir/HealthcareService/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404
    assert response.json()["resourceType"] == "OperationOutcome"


def test_an_unsupported_search_parameter_is_a_400_operation_outcome(client):
    response = client.get("/fhir/HealthcareService", {"colour": "blue"})
    assert response.status_code == 400
    assert "colour" in response.json()["issue"][0]["diagnostics"]


def test_an_unknown_category_is_a_400(client):
    response = client.get("/fhir/HealthcareService", {"service-category": "astrology"})
    assert response.status_code == 400
