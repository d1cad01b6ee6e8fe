"""The competence centres (osaamiskeskukset): a national one and one for each collaborative area,
proposed until a deployment records one as established; shown beside trained capacity with their
duties and the proposed euro per resident a year."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings

from porras.accounts.domain.areas import collaborative_areas
from porras.competence.domain import capacity
from porras.competence.domain.centres import CentreDataError, build_centres, load_centres


def _raw(*centres: dict[str, Any]) -> dict[str, Any]:
    name = {"fi": "Keskus", "sv": "Centret", "en": "Centre"}
    return {"source": {"citation": "Terapiat etulinjaan 2023"}, "funding_eur_per_resident_year": 1, "duties": [],
            "centres": [{"name": name, "status": "proposed", **c} for c in centres]}


def test_there_is_one_national_centre_and_one_for_each_collaborative_area_all_still_proposed():
    centres = load_centres()
    scopes = sorted(c.scope for c in centres.centres.values())
    assert scopes == sorted(["national", *collaborative_areas()])
    assert {c.status for c in centres.centres.values()} == {"proposed"}
    assert all(c.host is None for c in centres.centres.values())  # no source names a host
    assert centres.funding_eur_per_resident_year == Decimal(1)
    assert "25.1.2023" in centres.source
    assert len(centres.duties) == 3 and all(set(d) == {"fi", "sv", "en"} for d in centres.duties)


def test_an_area_with_two_centres_or_an_unknown_area_is_refused_naming_the_field():
    with pytest.raises(CentreDataError, match=r"centres\[1\]\.scope: etela has two centres"):
        build_centres(_raw({"code": "a", "scope": "etela"}, {"code": "b", "scope": "etela"}))
    with pytest.raises(CentreDataError, match=r"centres\[0\]\.scope"):
        build_centres(_raw({"code": "a", "scope": "atlantis"}))
    with pytest.raises(CentreDataError, match=r"centres\[0\]\.status"):
        build_centres(_raw({"code": "a", "scope": "etela", "status": "rumoured"}))


def test_the_centres_are_public_reference_data(db: Any, client: Any) -> None:
    body = client.get("/api/v1/competence/centres").json()
    assert {c["scope"] for c in body["centres"]} == {"national", "etela", "lounais", "lansi", "ita", "pohjois"}
    assert body["funding_eur_per_resident_year"] == 1.0


def test_a_county_reader_sees_the_centre_of_their_collaborative_area_with_its_proposed_funding(
    cast: Any, api_client_for: Any
) -> None:
    body = api_client_for(cast.county_analyst).get("/api/v1/competence/capacity/helsinki").json()
    assert body["competence_centre"] == "etela"
    population = capacity.load_population()
    served = collaborative_areas()["etela"].counties
    residents = sum(sum(population.counts[c]) for c in served if c in population.counts)
    assert body["centre_residents"] == residents > 0
    assert body["centre_funding_eur_year"] == float(residents)  # one euro per resident a year


def test_the_nation_is_served_by_the_national_centre(cast: Any, api_client_for: Any) -> None:
    body = api_client_for(cast.national_analyst).get("/api/v1/competence/capacity/national").json()
    assert body["competence_centre"] == "national"


@pytest.mark.parametrize(
    "language, name, status",
    [
        ("fi", "Etelä-Suomen yhteistyöalueen osaamiskeskus", "ei vielä perustettu"),
        ("sv", "Kompetenscentret för Södra Finlands samarbetsområde", "ännu inte inrättat"),
        ("en", "Competence centre of the Southern Finland collaborative area", "not yet established"),
    ],
)
def test_the_capacity_page_names_the_area_s_centre_and_that_it_is_only_proposed(
    cast: Any, client: Any, language: str, name: str, status: str
) -> None:
    client.force_login(cast.county_analyst)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/competence/capacity/", {"area": "helsinki"}).content.decode()
    assert name in html and status in html
