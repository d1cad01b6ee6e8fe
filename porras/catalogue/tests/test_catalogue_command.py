"""porras catalogue export/import --format hsds."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from porras.catalogue.domain import hsds
from porras.catalogue.models import Service

from .hsds_oracle import example, example_path


@pytest.mark.usefixtures("demo_catalogue")
def test_the_export_validates_against_the_hsds_service_schema(tmp_path):
    out = tmp_path / "catalogue.json"
    call_command("catalogue", "export", "--format", "hsds", str(out))
    documents = json.loads(out.read_text(encoding="utf-8"))
    assert len(documents) == 26
    for index, document in enumerate(documents):
        assert hsds.validate(document, "service", f"$[{index}]") == []


@pytest.mark.usefixtures("demo_catalogue")
def test_export_import_export_gives_the_same_document(tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    call_command("catalogue", "export", "--format", "hsds", str(first))
    Service.objects.all().delete()
    call_command("catalogue", "import", "--format", "hsds", str(first), "--status", "published")
    call_command("catalogue", "export", "--format", "hsds", str(second))
    assert second.read_bytes() == first.read_bytes()


@pytest.mark.usefixtures("demo_catalogue")
def test_the_database_export_equals_the_export_of_the_demo_file():
    from porras.catalogue import services
    from porras.catalogue.domain.demo import load_demo

    from_database = {d["id"]: d for d in services.export_hsds()}
    from_file = {d["id"]: d for d in hsds.export_services(load_demo().services)}
    assert from_database == from_file


@pytest.mark.parametrize(
    "filename", ["service_full.json", "organization_full.json", "service_at_location_full.json"]
)
def test_it_imports_each_official_example(db, filename):
    from porras.accounts import services as accounts

    accounts.load_counties()
    call_command(
        "catalogue", "import", "--format", "hsds", str(example_path(filename)), "--county", "helsinki"
    )
    service = Service.objects.get(uuid="ac148810-d857-441c-9679-408f346de14b")
    assert (service.name_fi, service.status, service.county.code) == (
        "Community Counselling",
        "draft",
        "helsinki",
    )
    assert service.at_locations.get().location.name == "MyCity Civic Center"


def test_an_imported_official_example_exports_again_unchanged(db, tmp_path):
    from porras.accounts import services as accounts

    accounts.load_counties()
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    call_command(
        "catalogue",
        "import",
        "--format",
        "hsds",
        str(example_path("service_full.json")),
        "--county",
        "helsinki",
        "--status",
        "published",
    )
    call_command("catalogue", "export", "--format", "hsds", str(first))
    call_command("catalogue", "import", "--format", "hsds", str(first), "--status", "published")
    call_command("catalogue", "export", "--format", "hsds", str(second))
    assert second.read_bytes() == first.read_bytes()
    exported = json.loads(first.read_text(encoding="utf-8"))[0]
    original = example("service_full.json")
    assert exported["schedules"] == original["schedules"]
    assert exported["service_at_locations"] == original["service_at_locations"]


@pytest.mark.usefixtures("demo_catalogue")
def test_an_invalid_file_is_refused_whole_with_the_path_of_each_problem(tmp_path):
    from porras.catalogue.domain.demo import demo_id, load_demo

    demo = [s for s in load_demo().services if s.id == demo_id("service", "hel-matalan-kynnyksen-piste")]
    documents = hsds.export_services(demo)
    documents[0]["id"] = "11111111-2222-4333-8444-555555555555"
    good = documents[0]
    bad = json.loads(json.dumps(good))
    bad["id"] = "22222222-2222-4333-8444-555555555555"
    bad["minimum_age"] = "twelve"
    bad["phones"][0].pop("number")
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([good, bad]), encoding="utf-8")
    before = Service.objects.count()
    with pytest.raises(CommandError) as error:
        call_command("catalogue", "import", "--format", "hsds", str(path), "--county", "helsinki")
    message = str(error.value)
    assert "$[1].minimum_age" in message and "$[1].phones[0].number" in message
    assert "nothing was imported" in message
    assert Service.objects.count() == before


def test_a_service_without_a_county_is_refused_without_county_option(db, tmp_path):
    from porras.accounts import services as accounts
    from porras.catalogue.domain.demo import load_demo

    accounts.load_counties()
    document = hsds.export_services(load_demo().services[:1])[0]
    document["attributes"] = [
        a for a in document["attributes"] if a["taxonomy_term"]["taxonomy"] != hsds.TAXONOMY_COUNTY
    ]
    path = tmp_path / "countyless.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match="give --county"):
        call_command("catalogue", "import", "--format", "hsds", str(path))
    assert Service.objects.count() == 0
