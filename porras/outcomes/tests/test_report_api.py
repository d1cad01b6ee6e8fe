"""GET /api/v1/reports/outcomes|access: aggregates only, scoped to what the caller may see."""

from __future__ import annotations

import csv
import io

import pytest

pytestmark = pytest.mark.django_db


def _groups(response, key="county"):
    assert response.status_code == 200, response.content
    return {g[key]: g for g in response.json()["groups"]}


def test_a_national_analyst_sees_every_county_rounded(cast, api_client_for, reports_from_folder):
    client = api_client_for(cast.national_analyst)
    groups = _groups(client.get("/api/v1/reports/outcomes", {"group_by": "county"}))
    # helsinki 11 finished, 6 recovered; pirkanmaa 7: rounded to the nearest 5
    assert {k: g["finished"] for k, g in groups.items()} == {"helsinki": 10, "pirkanmaa": 5}
    assert groups["helsinki"]["recovered"] == 5
    assert groups["helsinki"]["recovery_rate"] == 0.55  # 6 / 11 of the exact counts, whole percent


def test_a_county_analyst_sees_only_their_county(cast, api_client_for, reports_from_folder):
    client = api_client_for(cast.county_analyst)
    groups = _groups(client.get("/api/v1/reports/outcomes", {"group_by": "county,unit"}), "unit")
    assert set(groups) == {"unit-a", "unit-a2"}


def test_a_unit_manager_sees_only_their_unit(cast, api_client_for, reports_from_folder):
    client = api_client_for(cast.manager_a)
    groups = _groups(client.get("/api/v1/reports/outcomes", {"group_by": "unit"}), "unit")
    assert list(groups) == ["unit-a"]
    assert groups["unit-a"]["finished"] == 6


def test_a_filter_outside_the_scope_gives_nothing(cast, api_client_for, reports_from_folder):
    client = api_client_for(cast.county_analyst)
    response = client.get("/api/v1/reports/outcomes", {"group_by": "county", "county": "pirkanmaa"})
    assert _groups(response) == {}


def test_a_professional_gets_403_and_an_anonymous_caller_401(
    cast, api_client_for, client, reports_from_folder
):
    response = api_client_for(cast.clinician_a).get("/api/v1/reports/outcomes")
    assert response.status_code == 403
    assert response.json()["error"] == "forbidden"
    assert client.get("/api/v1/reports/access").status_code == 401


def test_a_bad_group_key_is_named(cast, api_client_for, reports_from_folder):
    response = api_client_for(cast.national_analyst).get("/api/v1/reports/access", {"group_by": "kunta"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "group_by"


def test_the_access_report_and_csv_download_carry_the_same_columns(cast, api_client_for, reports_from_folder):
    client = api_client_for(cast.national_analyst)
    doc = client.get("/api/v1/reports/access", {"group_by": "county"}).json()
    response = client.get("/api/v1/reports/access", {"group_by": "county", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == list(doc["groups"][0])
    assert doc["definitions"]["version"]


def test_an_empty_database_gives_empty_reports(cast, api_client_for, settings):
    settings.PORRAS_REPORTS_SOURCE = "db"
    response = api_client_for(cast.national_analyst).get("/api/v1/reports/outcomes")
    assert response.status_code == 200
    assert response.json()["groups"] == []
    response = api_client_for(cast.national_analyst).get("/api/v1/reports/access", {"group_by": "county"})
    assert response.json()["groups"] == []


def test_a_month_range_limits_the_report_and_a_bad_month_is_refused_naming_it(
    cast, api_client_for, reports_from_folder
):
    client = api_client_for(cast.national_analyst)
    # every episode of the folder ended on 2025-05-01 and was referred on 2025-01-10
    may = _groups(client.get("/api/v1/reports/outcomes", {"group_by": "county", "date_from": "2025-05", "date_to": "2025-05"}))
    assert set(may) == {"helsinki", "pirkanmaa"}
    assert _groups(client.get("/api/v1/reports/outcomes", {"group_by": "county", "date_to": "2025-04"})) == {}
    assert set(_groups(client.get("/api/v1/reports/access", {"group_by": "county", "date_to": "2025-01"}))) == {
        "helsinki", "pirkanmaa"}
    refused = client.get("/api/v1/reports/access", {"date_from": "2025-1"})
    assert refused.status_code == 422
    assert "date_from" in refused.content.decode()


ALL_KEYS = "county,unit,intervention,step,age_group,sex,language,month,quarter,year"


def test_a_grouping_too_fine_to_check_for_disclosure_is_refused_naming_group_by(
    cast, api_client_for, reports_from_folder, monkeypatch
):
    monkeypatch.setenv("PORRAS_DISCLOSURE_WORK_LIMIT", "10000")
    client = api_client_for(cast.national_analyst)
    response = client.get("/api/v1/reports/outcomes", {"group_by": ALL_KEYS})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "group_by" and "too fine" in error["reason"]
    assert client.get("/api/v1/reports/outcomes", {"group_by": "county"}).status_code == 200
def test_the_access_report_carries_the_share_of_clients_whose_children_were_addressed(
        cast, api_client_for, reports_from_folder):
    client = api_client_for(cast.national_analyst)
    doc = client.get("/api/v1/reports/access", {"group_by": "county,quarter"}).json()
    columns = list(doc["groups"][0])
    assert columns[-4:] == ["with_minor_children", "children_addressed", "children_addressed_rate", "suppressed"]
