"""Text longer than its column and numbers with more digits than their column are refused at the
edge (422 naming the field), not stored truncated or failing in the database."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from porras.ips import models as m


@pytest.fixture
def path(cast: Any) -> m.ClientPath:
    return m.ClientPath.objects.create(
        unit=cast.ips_unit, specialist=cast.ips_specialist, client_code="C-1", agreement_date=date(2025, 1, 2)
    )


def test_an_episode_code_longer_than_its_column_is_refused_when_a_path_is_updated(
    cast: Any, api_client_for: Any, path: m.ClientPath
) -> None:
    response = api_client_for(cast.ips_specialist).patch(
        f"/api/v1/ips/clients/{path.pk}", {"version": 1, "episode_code": "E" * 61}, content_type="application/json"
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["episode_code"]
    path.refresh_from_db()
    assert (path.episode_code, path.version) == ("", 1)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("hourly_pay", "123456.78"),  # the column holds 7 digits, 2 of them decimals
        ("hourly_pay", "12.345"),
        ("hours_per_week", "37.125"),  # 2 decimals
    ],
)
def test_a_job_number_with_more_digits_than_its_column_is_refused(
    cast: Any, api_client_for: Any, path: m.ClientPath, field: str, value: str
) -> None:
    response = api_client_for(cast.ips_specialist).post(
        f"/api/v1/ips/clients/{path.pk}/employments",
        {"employer": "Firm Oy", "start_date": "2025-03-01", field: value},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == [field]
    assert not m.Employment.objects.exists()
