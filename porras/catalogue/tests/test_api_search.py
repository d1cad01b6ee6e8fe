"""GET /api/v1/services: public, filtered, ranked, paginated; bad parameters give 422 naming them."""

from __future__ import annotations

import pytest

from porras.catalogue.domain.demo import demo_id

pytestmark = pytest.mark.usefixtures("demo_catalogue")


def keys_of(response):  # type: ignore[no-untyped-def]
    return {item["id"] for item in response.json()["results"]}


def ids(*keys):  # type: ignore[no-untyped-def]
    return {demo_id("service", key) for key in keys}


def test_anyone_can_search_without_logging_in(client):
    response = client.get("/api/v1/services")
    assert response.status_code == 200
    assert response.json()["count"] == 26


def test_masennus_finds_services_that_say_masennuksen(client):
    response = client.get("/api/v1/services", {"q": "masennus"})
    assert keys_of(response) == ids(
        "hel-matalan-kynnyksen-piste",
        "hel-lyhytterapia",
        "pir-nettiterapia",
        "pir-vertaistuki",
        "poh-stodchatt",
        "poh-korttidsterapi",
        "poh-psykiatri",
    )


def test_angest_with_a_county_filter_finds_the_swedish_services_of_that_county(client):
    response = client.get("/api/v1/services", {"q": "ångest", "county": "pohjanmaa"})
    assert keys_of(response) == ids("poh-coolkids", "poh-missbruk", "poh-stodchatt")


def test_filters_combine(client):
    response = client.get("/api/v1/services", {"county": "pirkanmaa", "step": "4", "channel": "in_person"})
    assert keys_of(response) == ids("pir-tuettu-asuminen", "pir-paihdeklinikka", "pir-ips")


def test_the_age_filter_uses_the_services_age_range(client):
    response = client.get("/api/v1/services", {"county": "pirkanmaa", "age": "14"})
    assert keys_of(response) == ids("pir-nettiterapia", "pir-kouluterveys")


def test_the_language_filter_other_finds_services_in_other_languages(client):
    response = client.get("/api/v1/services", {"language": "other"})
    assert keys_of(response) == ids(
        "hel-matalan-kynnyksen-piste", "hel-kriisikeskus", "hel-perhekeskus", "pir-paihdeklinikka"
    )


def test_the_category_filter(client):
    response = client.get("/api/v1/services", {"category": "ips"})
    assert keys_of(response) == ids("pir-ips", "poh-ips")


def test_results_are_paginated(client):
    first = client.get("/api/v1/services", {"page_size": "10"}).json()
    third = client.get("/api/v1/services", {"page_size": "10", "page": "3"}).json()
    assert (first["count"], first["pages"], len(first["results"])) == (26, 3, 10)
    assert len(third["results"]) == 6
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in third["results"]}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"county": "atlantis"}, "county"),
        ({"step": "9"}, "step"),
        ({"age": "old"}, "age"),
        ({"category": "astrology"}, "category"),
        ({"language": "xx"}, "language"),
        ({"channel": "pigeon"}, "channel"),
        ({"page": "0"}, "page"),
    ],
)
def test_a_bad_parameter_is_a_422_naming_it(client, params, field):
    response = client.get("/api/v1/services", params)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "validation_error"
    assert body["detail"][0]["field"] == field


def test_drafts_and_withdrawn_services_are_not_public(client):
    from porras.catalogue.models import Service

    Service.objects.filter(uuid=demo_id("service", "pir-ips")).update(status="draft")
    Service.objects.filter(uuid=demo_id("service", "poh-ips")).update(status="withdrawn")
    assert client.get("/api/v1/services", {"category": "ips"}).json()["count"] == 0
    assert client.get(f"/api/v1/services/{demo_id('service', 'pir-ips')}").status_code == 404


def test_one_service_can_be_read_by_id(client):
    response = client.get(f"/api/v1/services/{demo_id('service', 'poh-missbruk')}")
    assert response.status_code == 200
    body = response.json()
    assert body["name"]["sv"] == "Öppenvård inom missbrukarvården (demo)"
    assert body["steps"] == [1, 2]
    assert body["county"] == "pohjanmaa"
