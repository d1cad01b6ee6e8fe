"""The employment report's ``min_cell`` may raise the configured minimum, never lower it; the
configured minimum (PORRAS_SUPPRESSION_MIN) governs the report."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from porras.ips import models as m

URL = "/api/v1/ips/reports/employment?periods=2024Q1&on=2024-03-31"


@pytest.fixture
def six_clients(cast: Any) -> None:
    for n in range(6):
        m.ClientPath.objects.create(
            unit=cast.ips_unit, specialist=cast.ips_specialist, client_code=f"R-{n}", agreement_date=date(2024, 1, 10)
        )


@pytest.mark.parametrize("min_cell", [0, 1, 4])
def test_a_minimum_below_the_configured_one_is_refused_naming_the_field(
    cast: Any, six_clients: None, api_client_for: Any, min_cell: int
) -> None:
    response = api_client_for(cast.national_analyst).get(f"{URL}&min_cell={min_cell}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "min_cell"


def test_a_higher_minimum_may_be_asked_for(cast: Any, six_clients: None, api_client_for: Any) -> None:
    client = api_client_for(cast.national_analyst)
    assert [c["clients"] for c in client.get(URL).json()["competitive_employment"]] == [5]
    body = client.get(f"{URL}&min_cell=7").json()
    assert body["min_cell"] == 7
    assert body["competitive_employment"] == [] and body["caseload_sizes"] == []


def test_the_configured_minimum_governs_the_report_and_its_page(
    cast: Any, six_clients: None, api_client_for: Any, client: Any, settings: Any
) -> None:
    settings.PORRAS_SUPPRESSION_MIN = 7
    assert api_client_for(cast.national_analyst).get(URL).json()["competitive_employment"] == []
    client.force_login(cast.national_analyst, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/ips/reports/?periods=2024Q1&format=csv")
    assert response.content.decode().splitlines()[1:] == []
