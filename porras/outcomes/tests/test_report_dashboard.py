"""The reports page: table, SVG chart and downloads for managers and analysts only."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_manager_sees_the_table_chart_and_downloads(cast, client, reports_from_folder):
    client.force_login(cast.manager_a)
    response = client.get("/reports/", {"kind": "outcomes", "group_by": "unit", "chart": "recovery_rate"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "unit-a" in html and "unit-b" not in html
    assert "100,0\u00a0%" in html  # unit-a: 6 of 6 recovered, written beside the bar (Finnish: decimal comma)
    assert "format=parquet" in html


def test_a_download_gives_the_report_file(cast, client, reports_from_folder):
    client.force_login(cast.national_analyst)
    response = client.get("/reports/download/", {"kind": "access", "group_by": "county", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="porras-access.xlsx"'
    assert response.content[:2] == b"PK"


def test_a_professional_may_not_open_the_reports(cast, client, reports_from_folder):
    client.force_login(cast.clinician_a)
    assert client.get("/reports/").status_code == 403
