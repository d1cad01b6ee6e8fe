"""The IPS employment report grouped by county and by collaborative area: an area's clients are its
counties' unrounded clients added up, and a county withheld in the county table cannot be had as its
area's total minus the other counties' published counts (the area is the county's coarser margin)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from porras.accounts import services as accounts
from porras.accounts.services import UnitSpec
from porras.ips import models as m
from porras.ips import services
from porras.ips.domain import Period
from porras.lib.disclosure import Policy

Q1 = Period.quarter(2024, 1)
# IPS clients per county: Helsinki 12 and Vantaa-Kerava 4 (Southern Finland, 16), Pirkanmaa 30 (Western
# Finland); in competitive work: 6, 2 and 10.
CLIENTS = {"helsinki": (12, 6), "vantaa-kerava": (4, 2), "pirkanmaa": (30, 10)}


@pytest.fixture
def three_counties(cast: Any) -> None:
    units = {"helsinki": cast.ips_unit}
    for county in ("vantaa-kerava", "pirkanmaa"):
        org = accounts.ensure_organisation(f"org-{county}", county, f"Org {county}", f"Org {county}")
        units[county] = accounts.ensure_unit(org, UnitSpec(f"ips-{county}", f"IPS {county}", f"IPS {county}",
                                                           "ips_service"))
    for county, (clients, employed) in CLIENTS.items():
        for n in range(clients):
            path = m.ClientPath.objects.create(unit=units[county], specialist=cast.ips_specialist,
                                               client_code=f"{county}-{n}", agreement_date=date(2024, 1, 10))
            if n < employed:
                m.Employment.objects.create(path=path, employer="Oy", start_date=date(2024, 2, 1))


def _rates(user: Any, group_by: str) -> dict[str, Any]:
    report = services.employment_report(user, [Q1], date(2024, 3, 31), group_by=group_by)
    return {row[report.group_column]: row for row in report.rows(report.rates)}


def test_an_area_row_is_the_sum_of_its_counties_unrounded_counts(cast: Any, three_counties: None,
                                                                 settings: Any) -> None:
    settings.PORRAS_SUPPRESSION_MIN, settings.PORRAS_ROUNDING_BASE = 0, 1
    by_county, by_area = _rates(cast.admin, "county"), _rates(cast.admin, "collaborative_area")
    assert {c: (r["clients"], r["competitively_employed"]) for c, r in by_county.items()} == CLIENTS
    for column in ("clients", "competitively_employed"):
        assert by_area["etela"][column] == by_county["helsinki"][column] + by_county["vantaa-kerava"][column]
        assert by_area["lansi"][column] == by_county["pirkanmaa"][column]
    assert (by_area["etela"]["clients"], by_area["etela"]["competitively_employed"], by_area["etela"]["rate"]) == (
        16, 8, 0.5)


def _pinned(area_totals: dict[str, tuple[int, int]], counties: dict[str, Any], column: str,
            policy: Policy) -> list[str]:
    """Withheld counties whose ``column`` their area's total (an interval) minus the intervals of the
    area's other counties as published gives exactly."""
    from porras.accounts.domain.areas import county_areas

    belief = {}
    for county, (clients, employed) in CLIENTS.items():
        row = counties.get(county)
        true = clients if column == "clients" else employed
        if row is not None and row[column] is not None:
            belief[county] = policy.interval(row[column])
        else:
            belief[county] = (0, policy.minimum - 1) if true < policy.minimum else (0, 10**9)
    found = []
    for area, (low, high) in area_totals.items():
        members = [c for c in CLIENTS if county_areas()[c] == area]
        for county in members:
            if counties.get(county) is not None and counties[county][column] is not None:
                continue
            others = [belief[o] for o in members if o != county]
            lo = max(belief[county][0], low - sum(hi for _, hi in others))
            hi = min(belief[county][1], high - sum(lo for lo, _ in others))
            if lo == hi:
                found.append(county)
    return found


def test_no_withheld_county_is_its_area_minus_the_other_counties(cast: Any, three_counties: None) -> None:
    policy = Policy(5, 5)  # the configured rule of the tests' settings
    by_county, by_area = _rates(cast.admin, "county"), _rates(cast.admin, "collaborative_area")
    assert "vantaa-kerava" not in by_county, "4 clients: not listed"
    for column in ("clients", "competitively_employed"):
        published = {a: policy.interval(r[column]) for a, r in by_area.items() if r[column] is not None}
        exact = {"etela": (16, 16) if column == "clients" else (8, 8), "lansi": (30, 30) if column == "clients" else (10, 10)}
        assert _pinned(published, by_county, column, policy) == []
        assert _pinned(exact, by_county, column, policy) == []  # as the disclosure rule assumes it may be known


def test_the_api_and_the_csv_name_the_group_column(cast: Any, three_counties: None, api_client_for: Any) -> None:
    api = api_client_for(cast.admin)
    body = api.get("/api/v1/ips/reports/employment?periods=2024Q1&on=2024-03-31&group_by=collaborative_area").json()
    assert body["group_by"] == "collaborative_area"
    assert [r["collaborative_area"] for r in body["competitive_employment"]] == ["etela", "lansi"]
    assert [r["collaborative_area"] for r in body["days_to_first_employer_contact"]] == ["etela", "lansi"]
    csv = api.get("/api/v1/ips/reports/employment?periods=2024Q1&group_by=county&format=csv").content.decode()
    assert csv.splitlines()[0].startswith("county,period,clients")
    assert api.get("/api/v1/ips/reports/employment?periods=2024Q1&group_by=area").status_code == 422


def test_the_page_names_the_areas_in_the_users_language(cast: Any, three_counties: None, client: Any) -> None:
    client.force_login(cast.admin)
    for language, heading, name in (("fi", "Yhteistyöalue", "Etelä-Suomen yhteistyöalue"),
                                    ("sv", "Samarbetsområde", "Södra Finlands samarbetsområde")):
        client.cookies["porras_language"] = language
        html = client.get("/ips/reports/?periods=2024Q1&group_by=collaborative_area").content.decode()
        assert f'<th scope="col">{heading}</th>' in html and f"<td>{name}</td>" in html


def test_the_page_explains_protection_for_any_grouping_not_only_services(cast: Any, client: Any) -> None:
    client.force_login(cast.admin)
    for language, words in (("fi", "yhteistyöaluetta"), ("sv", "ett samarbetsområde"),
                            ("en", "a collaborative area")):
        client.cookies["porras_language"] = language
        html = client.get("/ips/reports/?periods=2024Q1&group_by=county").content.decode()
        assert words in html
