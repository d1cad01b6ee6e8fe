"""The curation form edits a service's phones, address (municipality and district), opening hours and
web and booking links: they are validated (http(s) only, phone numbers plausible), shown on the service
page, found by place and carried by the HSDS export."""

from __future__ import annotations

import html

import pytest

from porras.catalogue import services
from porras.catalogue.domain import hsds
from porras.catalogue.domain.demo import demo_id
from porras.catalogue.domain.rules import Filters
from porras.catalogue.forms import initial_from
from porras.catalogue.models import Service

pytestmark = pytest.mark.usefixtures("demo_catalogue")
KEY = "hel-omahoito"  # a Helsinki service with no phone, location or hours in the demo

CONTACT = {
    "phones": "09 310 12345\n+358 40 123 4567", "email": "palvelu@example.org",
    "url": "https://www.example.org/omahoito", "booking_url": "https://ajanvaraus.example.org/omahoito",
    "opening_days": ["MO", "TU", "WE", "TH", "FR"], "opens_at": "09:00", "closes_at": "15:00",
    "hours_note": "Suljettu arkipyhinä", "location_name": "Vallilan toimipiste", "street_address": "Esimerkkikatu 9",
    "postal_code": "00510", "city": "Helsinki", "municipality": "Helsinki", "district": "Vallila",
}


def _service() -> Service:
    return Service.objects.get(uuid=demo_id("service", KEY))


def _form_data(**changes):  # type: ignore[no-untyped-def]
    data = {k: ("" if v is None else v) for k, v in initial_from(_service()).items()}
    data.update(changes)
    return data


def _post(client, cast, **changes):  # type: ignore[no-untyped-def]
    client.force_login(cast.manager_a)
    return client.post(f"/services/manage/{_service().uuid}/", _form_data(**changes))


def test_a_manager_adds_phones_address_hours_and_links(client, cast):
    assert _post(client, cast, **CONTACT).status_code == 302
    item = services.to_domain(_service())
    assert [p.number for p in item.phones] == ["09 310 12345", "+358 40 123 4567"]
    schedule = item.schedules[0]
    assert (schedule.byday, schedule.opens_at, schedule.closes_at) == ("MO,TU,WE,TH,FR", "09:00:00", "15:00:00")
    assert schedule.schedule_link == "https://ajanvaraus.example.org/omahoito"
    location = item.service_at_locations[0].location
    assert (location.municipality, location.district, location.addresses[0].postal_code) == (
        "Helsinki", "Vallila", "00510")
    # the form shows what was saved
    again = initial_from(_service())
    assert again["district"] == "Vallila" and again["opening_days"] == ["MO", "TU", "WE", "TH", "FR"]


def test_the_service_page_shows_what_the_curator_gave(client, cast):
    _post(client, cast, **CONTACT)
    client.logout()
    content = html.unescape(client.get(f"/services/{_service().uuid}/").content.decode())
    assert 'href="tel:093101234' in content and "+358 40 123 4567" in content
    assert "Esimerkkikatu 9, 00510 Helsinki" in content and "Vallila, Helsinki" in content
    assert "ma–pe 09:00–15:00" in content and "Suljettu arkipyhinä" in content
    assert 'href="https://ajanvaraus.example.org/omahoito"' in content
    assert 'href="https://www.example.org/omahoito"' in content


def test_the_new_district_finds_the_service(client, cast):
    _post(client, cast, **CONTACT)
    found = services.search("Vallila", Filters())
    assert [s.uuid for s in found.results] == [_service().uuid]


def test_the_hsds_export_carries_them_and_validates(client, cast):
    _post(client, cast, **CONTACT)
    (document,) = services.export_hsds(Service.objects.filter(pk=_service().pk))
    assert [p["number"] for p in document["phones"]] == ["09 310 12345", "+358 40 123 4567"]
    assert document["schedules"][0]["schedule_link"] == "https://ajanvaraus.example.org/omahoito"
    location = document["service_at_locations"][0]["location"]
    assert location["addresses"][0]["city"] == "Helsinki"
    places = {a["taxonomy_term"]["code"]: a["value"] for a in location["attributes"]}
    assert places == {"municipality": "Helsinki", "district": "Vallila"}
    assert hsds.validate(document, "service") == []
    # and an import reads them back
    (service,) = hsds.parse_document([document]).services
    assert service.service_at_locations[0].location.district == "Vallila"


@pytest.mark.parametrize(("field", "value"), [
    ("phones", "12"), ("phones", "soita meille"), ("phones", "\n".join(["09 310 1234"] * 6)),
    ("booking_url", "javascript:alert(1)"), ("booking_url", "ftp://files.example.org/x"),
    ("postal_code", "123"), ("closes_at", "08:00"), ("email", "ei-osoite"),
])
def test_a_bad_contact_detail_is_refused_naming_the_field_and_nothing_is_saved(client, cast, field, value):
    before = _service().version
    response = _post(client, cast, **(CONTACT | {field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert _service().version == before


def test_an_address_needs_its_street_postal_code_and_post_office(client, cast):
    response = _post(client, cast, **(CONTACT | {"street_address": "", "postal_code": ""}))
    errors = response.context["form"].errors
    assert "street_address" in errors and "postal_code" in errors


def test_clearing_the_fields_removes_the_hours_and_the_location(client, cast):
    _post(client, cast, **CONTACT)
    empty = dict.fromkeys(CONTACT, "") | {"opening_days": []}
    assert _post(client, cast, **empty).status_code == 302
    item = services.to_domain(_service())
    assert item.phones == [] and item.schedules == [] and item.service_at_locations == []
