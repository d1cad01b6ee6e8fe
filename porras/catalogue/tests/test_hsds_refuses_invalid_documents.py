"""An invalid HSDS file is refused whole, with the JSON path of each problem."""

from __future__ import annotations

import copy

import pytest

from porras.catalogue.domain import hsds
from porras.catalogue.domain.demo import demo_id, load_demo


def service_example():  # type: ignore[no-untyped-def]
    """A demo service with a phone, a location and opening hours, as HSDS."""
    wanted = demo_id("service", "hel-matalan-kynnyksen-piste")
    return hsds.export_services([s for s in load_demo().services if s.id == wanted])[0]


def test_it_lists_every_schema_problem_with_its_path():
    document = service_example()
    document["minimum_age"] = "twelve"
    document["service_at_locations"][0]["location"]["latitude"] = "north"
    del document["phones"][0]["number"]
    with pytest.raises(hsds.HsdsImportError) as error:
        hsds.parse_document(document)
    paths = {problem.path for problem in error.value.problems}
    assert paths == {"$.minimum_age", "$.service_at_locations[0].location.latitude", "$.phones[0].number"}
    assert any("'number' is a required property" in p.message for p in error.value.problems)


def test_one_bad_service_refuses_the_whole_array():
    documents = hsds.export_services(load_demo().services[:3])
    documents[2]["id"] = "not-a-uuid"
    with pytest.raises(hsds.HsdsImportError) as error:
        hsds.parse_document(documents)
    assert [problem.path for problem in error.value.problems] == ["$[2].id"]


def test_an_unknown_porras_category_is_refused_at_its_path():
    document = hsds.export_services(load_demo().services[:1])[0]
    index = next(
        i for i, a in enumerate(document["attributes"]) if a["taxonomy_term"]["taxonomy"] == "porras-category"
    )
    document["attributes"][index]["taxonomy_term"]["code"] = "astrology"
    with pytest.raises(hsds.HsdsImportError) as error:
        hsds.parse_document(document)
    assert error.value.problems[0].path == f"$.attributes[{index}].taxonomy_term.code"
    assert "categories: unknown code 'astrology'" in error.value.problems[0].message


def test_a_flag_that_is_not_true_or_false_is_refused():
    document = hsds.export_services(load_demo().services[:1])[0]
    index = next(
        i for i, a in enumerate(document["attributes"]) if a["taxonomy_term"]["taxonomy"] == "porras-flag"
    )
    document["attributes"][index]["value"] = "maybe"
    with pytest.raises(hsds.HsdsImportError) as error:
        hsds.parse_document(document)
    assert error.value.problems[0].path == f"$.attributes[{index}].value"


def test_a_duplicate_service_id_is_refused():
    document = hsds.export_services(load_demo().services[:1])[0]
    with pytest.raises(hsds.HsdsImportError, match="appears more than once"):
        hsds.parse_document([document, copy.deepcopy(document)])


def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(hsds.HsdsImportError) as error:
        hsds.load(path)
    assert error.value.problems[0].path == "$"


def test_a_service_at_location_without_its_service_is_refused():
    document = copy.deepcopy(service_example()["service_at_locations"][0])
    with pytest.raises(hsds.HsdsImportError) as error:
        hsds.parse_document(document, kind="service_at_location")
    assert error.value.problems[0].path == "$.service"
