"""An HSDS import refuses a javascript: (or data:) web address, an invalid e-mail address and a text
longer than its column, naming the record and the field; nothing of the file is stored."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from porras.catalogue.domain import hsds
from porras.catalogue.domain.demo import demo_id, load_demo

SERVICE = demo_id("service", "hel-matalan-kynnyksen-piste")


def document():  # type: ignore[no-untyped-def]
    """A demo service with its organisation, a phone, a location and opening hours, as HSDS."""
    return hsds.export_services([s for s in load_demo().services if s.id == SERVICE])[0]


def refusal(doc) -> hsds.Problem:  # type: ignore[no-untyped-def]
    with pytest.raises(hsds.HsdsImportError) as error:
        hsds.parse_document([doc])
    assert len(error.value.problems) == 1, error.value.problems
    return error.value.problems[0]


@pytest.mark.parametrize(
    "address", ["javascript:alert(document.cookie)", "JavaScript:alert(1)", "java\tscript:alert(1)",
                "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x"],
)
def test_a_service_url_that_is_not_http_or_https_is_refused(address):
    doc = document()
    doc["url"] = address
    problem = refusal(doc)
    assert problem.path == "$[0].url"
    assert problem.record == f"service '{SERVICE}' \"{doc['name']}\""
    assert "http or https" in problem.message
    assert f"$[0].url (service '{SERVICE}'" in str(hsds.HsdsImportError([problem]))


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (lambda d: d["organization"], "$[0].organization.website"),
        (lambda d: d["schedules"][0], "$[0].schedules[0].schedule_link"),
        (lambda d: d["service_at_locations"][0]["location"], "$[0].service_at_locations[0].location.url"),
    ],
)
def test_a_javascript_address_anywhere_in_the_document_is_refused_at_its_path(where, path):
    doc = document()
    field = path.rsplit(".", 1)[1]
    where(doc)[field] = "javascript:alert(1)"
    assert refusal(doc).path == path


def test_an_identifier_uri_may_be_a_urn_but_not_javascript():
    doc = document()
    doc["attributes"][0]["taxonomy_term"]["term_uri"] = "javascript:alert(1)"
    assert refusal(doc).path == "$[0].attributes[0].taxonomy_term.term_uri"
    assert document()["attributes"][0]["taxonomy_term"]["term_uri"].startswith("urn:porras:")


@pytest.mark.parametrize("email", ["a@", "no-at-sign", "x@y", "two@@example.fi", "a b@example.fi"])
def test_an_invalid_email_is_refused_naming_the_field(email):
    doc = document()
    doc["email"] = email
    problem = refusal(doc)
    assert (problem.path, problem.record.split()[0]) == ("$[0].email", "service")
    assert "e-mail" in problem.message


def test_an_invalid_organisation_email_is_refused_too():
    doc = document()
    doc["organization"]["email"] = "kirjaamo@"
    assert refusal(doc).path == "$[0].organization.email"


def test_a_valid_email_and_web_address_are_kept():
    doc = document()
    doc["email"], doc["url"] = "neuvonta@example.fi", "https://www.example.fi/palvelu?kieli=fi"
    service = hsds.parse_document([doc]).services[0]
    assert (service.email, service.url) == ("neuvonta@example.fi", "https://www.example.fi/palvelu?kieli=fi")


def test_a_name_longer_than_its_column_is_refused():
    doc = document()
    doc["name"] = "x" * 301
    assert refusal(doc).path == "$[0].name"


def test_a_swedish_name_longer_than_its_column_is_refused():
    doc = document()
    index = next(i for i, a in enumerate(doc["attributes"]) if a["taxonomy_term"]["code"] == "name_sv")
    doc["attributes"][index]["value"] = "å" * 301
    assert refusal(doc).path == f"$[0].attributes[{index}].value"


def test_a_url_longer_than_its_column_is_refused():
    doc = document()
    doc["url"] = "https://example.fi/" + "a" * 200
    assert refusal(doc).path == "$[0].url"


def test_the_import_command_stores_nothing_of_a_file_with_a_javascript_address(db, tmp_path):
    from porras.accounts import services as accounts
    from porras.catalogue.models import Service

    accounts.load_counties()
    good = document()
    bad = hsds.export_services(load_demo().services[:1])[0]  # another service, nothing shared
    bad["id"] = "22222222-2222-4333-8444-555555555555"
    bad["url"] = "javascript:alert(1)"
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps([good, bad]), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("catalogue", "import", "--format", "hsds", str(path))
    assert "$[1].url (service '22222222-2222-4333-8444-555555555555'" in str(error.value)
    assert "nothing was imported" in str(error.value)
    assert Service.objects.count() == 0
