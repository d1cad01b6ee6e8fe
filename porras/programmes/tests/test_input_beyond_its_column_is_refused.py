"""Text longer than its column and numbers with more digits than their column are refused by the
programmes API (422 naming the field), not stored or failing in the database."""

from __future__ import annotations

from typing import Any

import pytest

from porras.programmes import models as m
from porras.programmes import services


@pytest.fixture
def record(cast: Any) -> None:
    services.load_public_record()


GRANT = {"code": "ips-2024", "entity": "ips", "amount_eur": "1000", "year": 2024, "source": "test"}


@pytest.mark.parametrize(("field", "value"), [("decision", "D" * 121), ("recipient", "R" * 201)])
def test_grant_text_longer_than_its_column_is_refused(
    cast: Any, record: None, api_client_for: Any, field: str, value: str
) -> None:
    response = api_client_for(cast.programme_manager).post(
        "/api/v1/programmes/grants", GRANT | {field: value}, content_type="application/json"
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == [field]
    assert not m.Grant.objects.filter(code="ips-2024").exists()


@pytest.mark.parametrize("value", ["1234567890123", "1.23456"])  # the column: 16 digits, 4 of them decimals
def test_an_indicator_value_with_more_digits_than_its_column_is_refused(
    cast: Any, record: None, api_client_for: Any, value: str
) -> None:
    m.Indicator.objects.create(code="trained", name_fi="Koulutetut", unit="persons")
    response = api_client_for(cast.programme_manager).post(
        "/api/v1/programmes/indicators/trained/values", {"on": "2024-06-01", "value": value},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["value"]
    assert not m.IndicatorValue.objects.exists()
