"""A municipality or district name finds the services located there, by its Finnish or Swedish name,
inflected too, on both databases; the demo catalogue's locations carry municipality and district."""

from __future__ import annotations

import pytest

from porras.catalogue.domain.demo import demo_id, load_demo
from porras.catalogue.domain.rules import Filters

from .search_backends import PostgresIndex, SqliteIndex

KALASATAMA = {"hel-lyhytterapia", "hel-matalan-kynnyksen-piste", "hel-opiskeluterveys"}
TAMPERE = {"pir-kohtaamispaikka", "pir-mt-paihdetiimi", "pir-paihdeklinikka"}
CASES = {
    "Kalasatama": KALASATAMA,
    "Kalasatamassa": KALASATAMA,
    "Fiskehamnen": KALASATAMA,
    "Tampere": TAMPERE,
    "Tampereella": TAMPERE,
    "Tammerfors": TAMPERE,
    "Hervanta": {"pir-kohtaamispaikka", "pir-paihdeklinikka"},
    "terapia Kalasatama": {"hel-lyhytterapia"},
}


@pytest.fixture(scope="module")
def indexes(pg_connection):  # type: ignore[no-untyped-def]
    services = load_demo().services
    return SqliteIndex(services), PostgresIndex(pg_connection, services)


@pytest.mark.parametrize("query", sorted(CASES))
def test_a_place_name_finds_the_services_there_on_both_databases(indexes, query):
    expected = {demo_id("service", key) for key in CASES[query]}
    for index in indexes:
        assert set(index.search(query)) == expected


def test_the_demo_locations_carry_municipality_and_district():
    for service in load_demo().services:
        for at in service.service_at_locations:
            assert at.location is not None
            assert at.location.municipality and at.location.district, service.name


def test_the_stored_catalogue_is_searched_by_place(db):
    from porras.accounts import services as accounts
    from porras.catalogue import services

    accounts.load_counties()
    services.load_demo()
    found = services.search("Kalasatama", Filters())
    assert {s.uuid.hex for s in found.results} == {demo_id("service", key).replace("-", "") for key in KALASATAMA}
