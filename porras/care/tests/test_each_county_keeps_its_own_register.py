"""Each wellbeing services county is its own register controller: a client record belongs to the
register of the county of the unit that registered it; nothing of one register is visible to, or
merged into, another; local identifiers are their organisation's; conflicting details are refused."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from porras.accounts import services as accounts
from porras.accounts.models import AuditEntry
from porras.accounts.services import UnitSpec
from porras.care import services
from porras.care.models import Client, ClientUnit, Episode
from porras.care.tests.helpers import HETU, make_case

pytestmark = pytest.mark.django_db


def _register(api, value: str, system: str = "hetu", **extra):
    body = {"identifier": {"system": system, "value": value}, **extra}
    return api.post("/api/v1/clients", json.dumps(body), content_type="application/json")


def test_registering_another_countys_client_makes_a_new_record_and_reveals_nothing(cast, api_client_for) -> None:
    first = _register(api_client_for(cast.clinician_a), HETU, county="helsinki", language="sv", unit="unit-a").json()
    response = _register(api_client_for(cast.clinician_b), HETU, county="pirkanmaa", unit="unit-b")
    assert response.status_code == 201, response.content
    second = response.json()
    assert second["id"] != first["id"]
    assert (second["county"], second["language"]) == ("pirkanmaa", "fi")  # what B gave, nothing of A's record
    a, b = Client.objects.get(pk=first["id"]), Client.objects.get(pk=second["id"])
    assert (a.county.code, b.county.code) == ("helsinki", "pirkanmaa")
    assert a.pseudonym != b.pseudonym and a.code != b.code  # not linkable across registers
    assert list(ClientUnit.objects.filter(client=a).values_list("unit__code", flat=True)) == ["unit-a"]
    assert api_client_for(cast.clinician_b).get(f"/api/v1/clients/{a.pk}").status_code == 404
    assert api_client_for(cast.clinician_a).get(f"/api/v1/clients/{b.pk}").status_code == 404


def test_the_same_identity_code_in_the_same_county_finds_its_record(cast, api_client_for) -> None:
    accounts.ensure_unit(cast.unit_a.organisation, UnitSpec("unit-a3", "Yksikkö A3", "Enhet A3", "sote_centre"))
    accounts.create_user("clinician_a3", "professional", unit_code="unit-a3")
    first = _register(api_client_for(cast.clinician_a), HETU, county="helsinki", unit="unit-a").json()
    again = _register(api_client_for(accounts.User.objects.get(username="clinician_a3")), HETU, county="helsinki")
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]


def test_a_local_identifier_of_another_organisation_is_another_client(cast, api_client_for) -> None:
    other_org = accounts.ensure_organisation("org-a-private", "helsinki", "Yksityinen", "Privat")
    accounts.ensure_unit(other_org, UnitSpec("unit-p", "Yksikkö P", "Enhet P", "sote_centre"))
    user = accounts.create_user("clinician_p", "professional", unit_code="unit-p")
    mine = _register(api_client_for(cast.clinician_a), "MRN-1", "local", birth_year=1990, sex="female",
                     county="helsinki", unit="unit-a").json()
    response = _register(api_client_for(user), "MRN-1", "local", birth_year=1971, sex="male", county="helsinki")
    assert response.status_code == 201
    theirs = response.json()
    assert theirs["id"] != mine["id"] and (theirs["birth_year"], theirs["sex"]) == (1971, "male")
    assert Client.objects.get(pk=mine["id"]).birth_year == 1990


@pytest.mark.parametrize("change", [{"birth_year": 1991}, {"sex": "male"}])
def test_conflicting_details_in_the_same_register_are_refused_and_nothing_is_merged(cast, api_client_for,
                                                                                     change: dict) -> None:
    known = {"birth_year": 1990, "sex": "female", "county": "helsinki"}
    _register(api_client_for(cast.clinician_a), "MRN-1", "local", unit="unit-a", **known)
    accounts.create_user("clinician_a2", "professional", unit_code="unit-a2")
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = _register(api_client_for(accounts.User.objects.get(username="clinician_a2")), "MRN-1", "local",
                         unit="unit-a2", **{**known, **change})
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert set(change) <= set(detail.split(":")[0].replace(",", " ").split()), detail
    client = Client.objects.get()
    assert (client.birth_year, client.sex) == (1990, "female")
    assert list(ClientUnit.objects.values_list("unit__code", flat=True)) == ["unit-a"]
    assert not AuditEntry.objects.filter(pk__gt=last, outcome="ok").exists()


def test_an_episode_cannot_be_transferred_to_another_countys_unit(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    response = api_client_for(cast.clinician_a).post(
        f"/api/v1/episodes/{case.episode.pk}/transfer",
        json.dumps({"version": 1, "to_unit": "unit-b", "date": dt.date.today().isoformat()}),
        content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "to_unit"
    episode = Episode.objects.get()
    assert (episode.unit.code, episode.version) == ("unit-a", 1)
    assert not ClientUnit.objects.filter(unit__code="unit-b").exists()


def test_an_episode_in_another_countys_unit_is_refused_even_to_a_professional_of_both(cast) -> None:
    both = accounts.create_user("clinician_ab", "professional", unit_code="unit-a")
    accounts.create_user("clinician_ab", "professional", unit_code="unit-b")
    case = make_case(both)
    with pytest.raises(services.InputError) as caught:
        services.open_episode(both, case.client.pk, "unit-b", dt.date.today(), ["anxiety"])
    assert caught.value.fields == ["unit"]
    assert Episode.objects.count() == 1


def test_the_web_transfer_form_offers_only_units_of_the_register(cast, client) -> None:
    case = make_case(cast.clinician_a)
    client.force_login(cast.clinician_a)
    page = client.get(f"/care/episodes/{case.episode.pk}/transfer/").content.decode()
    assert 'value="unit-a2"' in page
    assert 'value="unit-b"' not in page
