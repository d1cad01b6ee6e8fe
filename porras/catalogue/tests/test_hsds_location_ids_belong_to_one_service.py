"""A service_at_location id belongs to one service: an import that gives it to a second service is
refused with the field named and writes nothing (it was a database IntegrityError, a 500)."""

from __future__ import annotations

import copy
import uuid

import pytest

from porras.catalogue import services
from porras.catalogue.domain import hsds
from porras.catalogue.domain.demo import load_demo
from porras.catalogue.models import Service


def two_services_with_locations() -> list[dict]:  # type: ignore[type-arg]
    located = [s for s in load_demo().services if s.service_at_locations][:2]
    return hsds.export_services(located)


def test_two_services_in_one_file_naming_the_same_location_id_are_refused():
    documents = two_services_with_locations()
    documents[1]["service_at_locations"][0]["id"] = documents[0]["service_at_locations"][0]["id"]
    with pytest.raises(hsds.HsdsImportError) as error:
        hsds.parse_document(documents)
    (problem,) = error.value.problems
    assert problem.path == "$ (service 2).service_at_locations"
    assert documents[0]["id"] in problem.message


def test_a_location_id_of_a_stored_service_given_to_another_is_refused_and_nothing_is_written(db):
    documents = two_services_with_locations()
    services.import_catalogue(hsds.parse_document(documents[:1]), county="helsinki")
    other = copy.deepcopy(documents[1])
    other["id"] = str(uuid.uuid4())
    other["service_at_locations"][0]["id"] = documents[0]["service_at_locations"][0]["id"]
    with pytest.raises(services.CatalogueError) as error:
        services.import_catalogue(hsds.parse_document([other]), county="helsinki")
    assert error.value.fields == ["service_at_locations"]
    assert list(Service.objects.values_list("uuid", flat=True)) == [uuid.UUID(documents[0]["id"])]


def test_importing_the_same_service_again_keeps_its_location_ids(db):
    documents = two_services_with_locations()
    for _ in range(2):
        services.import_catalogue(hsds.parse_document(documents), county="helsinki")
    assert Service.objects.count() == 2
