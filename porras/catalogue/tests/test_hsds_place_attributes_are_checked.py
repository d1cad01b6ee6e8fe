"""A location's porras-place attributes are read into its municipality and district on import; an
unknown place code or a bad name is refused naming its JSON path, and other attributes are kept."""

from __future__ import annotations

import copy

import pytest

from porras.catalogue.domain import hsds
from porras.catalogue.domain.demo import demo_id, load_demo


def _document() -> dict:  # type: ignore[type-arg]
    (service,) = [s for s in load_demo().services if s.id == demo_id("service", "hel-lyhytterapia")]
    return hsds.export_services([service])[0]


def _place(document, code):  # type: ignore[no-untyped-def]
    attributes = document["service_at_locations"][0]["location"]["attributes"]
    return next(a for a in attributes if a["taxonomy_term"]["code"] == code)


def test_an_import_reads_municipality_and_district_and_keeps_other_attributes():
    document = _document()
    foreign = {"id": "6c0ed2fa-0d2b-4b0f-8a4e-1b2c3d4e5f60", "value": "x",
               "taxonomy_term": {"id": "6c0ed2fa-0d2b-4b0f-8a4e-1b2c3d4e5f61", "name": "n", "description": "d",
                                 "taxonomy": "county-own"}}
    document["service_at_locations"][0]["location"]["attributes"].append(foreign)
    (service,) = hsds.parse_document([document]).services
    location = service.service_at_locations[0].location
    assert (location.municipality, location.district) == ("Helsinki", "Kalasatama")
    assert location.extras["attributes"] == [foreign]
    again = hsds.service_to_hsds(service)["service_at_locations"][0]["location"]["attributes"]
    assert foreign in again and len(again) == 3


@pytest.mark.parametrize(("change", "path_end"), [
    (lambda a: a["taxonomy_term"].update({"code": "street"}), "taxonomy_term.code"),
    (lambda a: a.update({"value": "x" * 121}), "value"),
    (lambda a: a.update({"value": "  "}), "value"),
])
def test_a_bad_place_attribute_is_refused_naming_its_path(change, path_end):
    document = copy.deepcopy(_document())
    change(_place(document, "district"))
    with pytest.raises(hsds.HsdsImportError) as refused:
        hsds.parse_document([document])
    (problem,) = refused.value.problems
    assert problem.path.startswith("$[0].service_at_locations[0].location.attributes[")
    assert problem.path.endswith(path_end)
