"""PORRAS_SUPPRESSION_MIN governs the outcome and access reports (API, downloads, dashboard)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _units(response):
    assert response.status_code == 200, response.content
    return {g["unit"] for g in response.json()["groups"]}


def test_a_higher_configured_minimum_leaves_out_the_smaller_groups(cast, api_client_for, settings, reports_from_folder):
    # unit-a 6 finished, unit-a2 5 (Helsinki)
    client = api_client_for(cast.county_analyst)
    assert _units(client.get("/api/v1/reports/outcomes", {"group_by": "unit"})) == {"unit-a", "unit-a2"}
    settings.PORRAS_SUPPRESSION_MIN = 6
    assert _units(client.get("/api/v1/reports/outcomes", {"group_by": "unit"})) == {"unit-a"}
    assert _units(client.get("/api/v1/reports/access", {"group_by": "unit"})) == {"unit-a"}


def test_the_download_follows_the_configured_minimum(cast, client, settings, reports_from_folder):
    settings.PORRAS_SUPPRESSION_MIN = 6
    client.force_login(cast.county_analyst)
    response = client.get("/reports/download/", {"kind": "outcomes", "group_by": "unit", "format": "csv"})
    assert response.status_code == 200
    assert "unit-a2" not in response.content.decode()
