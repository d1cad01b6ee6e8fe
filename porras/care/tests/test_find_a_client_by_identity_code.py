"""A professional finds a client of their units by identity code: looked up through the keyed pseudonym
in the registers of their own units only, from the API (query string or body) and the web search form
(posted, never in a URL); the code is neither stored, returned, logged nor audited."""

from __future__ import annotations

import json

import pytest

from porras.accounts.models import AuditEntry
from porras.care import services
from porras.care.tests.helpers import HETU, HETU_2000, make_case

pytestmark = pytest.mark.django_db


def test_the_api_finds_the_client_by_identity_code_in_a_query(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    make_case(cast.clinician_a, hetu=HETU_2000)
    found = api_client_for(cast.clinician_a).get("/api/v1/clients", {"identifier": HETU, "system": "hetu"})
    assert found.status_code == 200, found.content
    assert [c["id"] for c in found.json()] == [case.client.pk]


def test_the_api_finds_the_client_with_the_identity_code_in_the_body(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    found = api_client_for(cast.clinician_a).post("/api/v1/clients/search", json.dumps(
        {"system": "hetu", "value": HETU.lower()}), content_type="application/json")
    assert found.status_code == 200, found.content
    assert [c["id"] for c in found.json()] == [case.client.pk]


def test_a_client_of_another_countys_register_is_not_found(cast, api_client_for) -> None:
    make_case(cast.clinician_b, unit_code="unit-b")  # the same person, in Pirkanmaa's register
    found = api_client_for(cast.clinician_a).get("/api/v1/clients", {"identifier": HETU, "system": "hetu"})
    assert found.status_code == 200 and found.json() == []


def test_a_client_of_the_same_register_but_not_of_my_units_is_not_found(cast, api_client_for) -> None:
    services.register_client(cast.manager_a, services.ClientInput("hetu", HETU, county="helsinki", unit="unit-a"))
    from porras.accounts import services as accounts

    outsider = accounts.create_user("clinician_a2", "professional", unit_code="unit-a2", password="x" * 12)
    found = api_client_for(outsider).get("/api/v1/clients", {"identifier": HETU, "system": "hetu"})
    assert found.status_code == 200 and found.json() == []


def test_an_invalid_identity_code_is_refused_naming_the_identifier(cast, api_client_for) -> None:
    refused = api_client_for(cast.clinician_a).get("/api/v1/clients", {"identifier": "131052-308X", "system": "hetu"})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["field"] == "identifier"


def test_the_search_is_audited_naming_the_clients_found_never_the_code(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    api_client_for(cast.clinician_a).get("/api/v1/clients", {"identifier": HETU, "system": "hetu"})
    entry = AuditEntry.objects.filter(action="client.search").latest("seq")
    assert entry.detail["clients"] == [case.client.pk] and entry.detail["by"] == "hetu"
    text = json.dumps([e.detail for e in AuditEntry.objects.all()]) + json.dumps(
        list(AuditEntry.objects.values_list("object_id", flat=True)))
    assert "131052" not in text and case.client.pseudonym not in text


def test_the_web_search_form_posts_and_opens_the_client_found(cast, client) -> None:
    case = make_case(cast.clinician_a)
    client.force_login(cast.clinician_a)
    worklist = client.get("/care/").content.decode()
    assert 'action="/care/find/"' in worklist and 'method="post"' in worklist
    found = client.post("/care/find/", {"system": "hetu", "value": HETU})
    assert found.status_code == 302 and found["Location"] == f"/care/clients/{case.client.pk}/"


def test_the_web_search_does_not_show_the_code_searched_for_again(cast, client) -> None:
    client.force_login(cast.clinician_a)
    page = client.post("/care/find/", {"system": "hetu", "value": HETU}).content.decode()  # nobody found
    assert "No client of your units was found" in page or "Yksiköidesi asiakkaista" in page
    assert "131052" not in page


def test_another_unit_cannot_find_the_client_from_the_web_either(cast, client) -> None:
    make_case(cast.clinician_a)
    client.force_login(cast.clinician_b)
    page = client.post("/care/find/", {"system": "hetu", "value": HETU})
    assert page.status_code == 200 and b"/care/clients/" not in page.content


def test_analysts_may_not_search_clients(cast, api_client_for) -> None:
    make_case(cast.clinician_a)
    answer = api_client_for(cast.county_analyst).get("/api/v1/clients", {"identifier": HETU, "system": "hetu"})
    assert answer.status_code == 403
