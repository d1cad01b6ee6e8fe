"""The three official HSDS 3.0 examples import; nothing in them is lost. (External fixtures: skipped
without them, failing under CI=true.)"""

from __future__ import annotations

import pytest

from porras.catalogue.domain import hsds

from .hsds_oracle import example, example_path

EXAMPLES = ["service_full.json", "organization_full.json", "service_at_location_full.json"]


@pytest.mark.parametrize("filename", EXAMPLES)
def test_it_imports_the_official_example(filename):
    catalogue = hsds.load(example_path(filename))
    assert [service.name for service in catalogue.services] == ["Community Counselling"]
    assert [org.name for org in catalogue.organizations] == ["Example Organization Inc."]


def test_the_service_example_keeps_its_fields():
    service = hsds.load(example_path("service_full.json")).services[0]
    assert service.id == "ac148810-d857-441c-9679-408f346de14b"
    assert (service.minimum_age, service.maximum_age) == (12, 100)
    assert service.language_codes == ["ur"]
    location = service.service_at_locations[0].location
    assert location is not None and location.name == "MyCity Civic Center"
    assert (
        location.accessibility[0].details
        == "Switch hearing aid to T-coil to access the induction loop facility."
    )
    assert service.schedules[0].byday == "TH,FR"
    assert service.attributes[0].taxonomy_term is not None
    assert service.attributes[0].taxonomy_term.code == "code"


def test_exporting_the_imported_service_example_gives_back_the_original_document():
    original = example("service_full.json")
    exported = hsds.export_services(hsds.parse_document(original).services)
    assert exported == [original]


def test_the_organization_example_attaches_its_services_to_the_organisation():
    catalogue = hsds.load(example_path("organization_full.json"))
    assert catalogue.services[0].organization is catalogue.organizations[0]


def test_the_service_at_location_example_puts_the_location_under_its_service():
    catalogue = hsds.load(example_path("service_at_location_full.json"))
    service = catalogue.services[0]
    assert "e94c9f38-1e8f-4564-91d4-d53501ab1765" in [sal.id for sal in service.service_at_locations]


def test_a_foreign_service_has_no_porras_fields():
    service = hsds.load(example_path("service_full.json")).services[0]
    assert (service.county, service.categories, service.steps) == (None, [], [])
