"""The export of the demo catalogue is valid HSDS 3.0 and carries Porras's fields as attributes."""

from __future__ import annotations

import pytest

from porras.catalogue.domain import hsds
from porras.catalogue.domain.demo import demo_id, load_demo

from .hsds_oracle import official_problems


@pytest.fixture(scope="module")
def documents():  # type: ignore[no-untyped-def]
    return hsds.export_services(load_demo().services)


def test_every_exported_service_validates_against_porras_own_hsds_schema(documents):
    assert documents
    for index, document in enumerate(documents):
        assert hsds.validate(document, "service", f"$[{index}]") == []


def test_every_exported_service_validates_against_the_official_service_schema(documents):
    for document in documents:
        assert official_problems(document, "service") == []


def test_swedish_names_county_steps_and_flags_travel_as_porras_attributes(documents):
    document = next(d for d in documents if d["id"] == demo_id("service", "poh-missbruk"))
    attributes = {
        (a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"]): a.get("value")
        for a in document["attributes"]
    }
    assert attributes[("porras-county", "pohjanmaa")] is None
    assert ("porras-step", "1") in attributes and ("porras-step", "2") in attributes
    assert ("porras-category", "substance_use") in attributes
    assert attributes[("porras-flag", "low_threshold")] == "true"
    assert attributes[("porras-flag", "referral_needed")] == "false"
    assert attributes[("porras-text", "name_sv")] == "Öppenvård inom missbrukarvården (demo)"
    assert document["name"] == "Päihdepalvelujen avohoito (demo)"


def test_the_county_is_also_a_service_area(documents):
    document = next(d for d in documents if d["id"] == demo_id("service", "hel-omahoito"))
    assert document["service_areas"][0]["uri"] == "urn:porras:county:helsinki"


def test_an_invalid_service_is_not_exported():
    service = load_demo().services[0]
    service.phones.append(hsds.model.Phone(id="not-a-uuid", number="+358 0 000 0000"))
    with pytest.raises(hsds.HsdsImportError) as error:
        hsds.export_services([service])
    assert error.value.problems[0].path == "$[0].phones[0].id"
