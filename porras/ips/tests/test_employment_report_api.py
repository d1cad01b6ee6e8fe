from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from porras.ips import models as m


@pytest.fixture
def five_clients(cast: Any) -> None:
    for n in range(5):
        path = m.ClientPath.objects.create(
            unit=cast.ips_unit,
            specialist=cast.ips_specialist,
            client_code=f"R-{n}",
            agreement_date=date(2024, 1, 10),
        )
        m.EmployerContact.objects.create(path=path, contact_date=date(2024, 1, 10 + 5 * n), employer="Oy")
        if n < 2:
            m.Employment.objects.create(path=path, employer="Oy", start_date=date(2024, 3, 1))


def test_the_report_gives_rate_delays_and_caseload(
    cast: Any, five_clients: None, api_client_for: Any
) -> None:
    body = (
        api_client_for(cast.admin).get("/api/v1/ips/reports/employment?periods=2024Q1&on=2024-03-31").json()
    )
    assert (body["min_cell"], body["rounding_base"]) == (5, 5)
    # 5 clients, 2 in competitive work: the 2 is below five, withheld with its rate
    assert body["competitive_employment"] == [
        {
            "service_id": "ips-a",
            "period": "2024Q1",
            "clients": 5,
            "competitively_employed": None,
            "rate": None,
            "suppressed": True,
        }
    ]
    # Delays 0, 5, 10, 15, 20 days: median 10, mean 10.
    assert body["days_to_first_employer_contact"] == [
        {
            "service_id": "ips-a",
            "period": "2024Q1",
            "clients": 5,
            "with_contact": 5,
            "median_days": 10.0,
            "mean_days": 10.0,
            "suppressed": False,
        }
    ]
    assert body["caseload_sizes"] == [{"specialist_id": "ips_specialist", "size": 5, "suppressed": False}]


def test_a_small_service_is_not_listed(cast: Any, five_clients: None, api_client_for: Any) -> None:
    m.ClientPath.objects.filter(client_code="R-4").delete()
    body = (
        api_client_for(cast.admin).get("/api/v1/ips/reports/employment?periods=2024Q1&on=2024-03-31").json()
    )
    assert body["competitive_employment"] == []
    assert body["days_to_first_employer_contact"] == []
    assert body["caseload_sizes"] == []


def test_a_malformed_period_is_422_naming_the_field(cast: Any, api_client_for: Any) -> None:
    response = api_client_for(cast.admin).get("/api/v1/ips/reports/employment?periods=2024Q9")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "periods"


def test_a_clinician_gets_no_ips_report(cast: Any, api_client_for: Any) -> None:
    assert (
        api_client_for(cast.clinician_a).get("/api/v1/ips/reports/employment?periods=2024").status_code == 403
    )


def test_the_report_exports_csv(cast: Any, five_clients: None, api_client_for: Any) -> None:
    response = api_client_for(cast.admin).get("/api/v1/ips/reports/employment?periods=2024Q1&format=csv")
    assert response.content.decode() == (
        "service_id,period,clients,competitively_employed,rate,suppressed\nips-a,2024Q1,5,,,true\n"
    )


def test_the_reports_page_downloads_the_same_rates_as_a_workbook(cast: Any, five_clients: None) -> None:
    import io

    from django.test import Client
    from openpyxl import load_workbook

    client = Client()
    client.force_login(cast.admin, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/ips/reports/?periods=2024Q1&format=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ips-employment.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["employment"]
    assert [list(row) for row in workbook["employment"].iter_rows(values_only=True)] == [
        ["service_id", "period", "clients", "competitively_employed", "rate", "suppressed"],
        ["ips-a", "2024Q1", 5, None, None, True],
    ]
