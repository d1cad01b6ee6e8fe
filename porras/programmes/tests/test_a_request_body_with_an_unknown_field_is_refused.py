"""A field the programmes API does not know is refused with 422 naming it, never silently dropped
(a caller who writes the model's ``decision_ref`` for the API's ``decision`` would lose it)."""

from __future__ import annotations

from typing import Any

import pytest

from porras.programmes import models as m
from porras.programmes import services


@pytest.fixture
def record(cast: Any) -> None:
    services.load_public_record()


@pytest.fixture
def indicator(record: None) -> m.Indicator:
    return m.Indicator.objects.create(code="trained", name_fi="Koulutetut", unit="persons")


def _rows() -> tuple[int, int]:
    return m.Grant.objects.count(), m.IndicatorValue.objects.count()


CASES = [
    (
        "/api/v1/programmes/grants",
        {"code": "ips-2024", "entity": "ips", "amount_eur": "1000", "year": 2024, "source": "test"},
        "decision_ref",
        "STM/123/2024",
    ),
    ("/api/v1/programmes/indicators/trained/values", {"on": "2024-06-01", "value": "5"}, "target", "10"),
]


@pytest.mark.parametrize(("url", "body", "unknown", "value"), CASES, ids=[c[2] for c in CASES])
def test_an_unknown_field_is_refused_naming_it_and_nothing_is_written(
    cast: Any, api_client_for: Any, indicator: m.Indicator, url: str, body: dict[str, Any], unknown: str,
    value: Any,
) -> None:
    client = api_client_for(cast.programme_manager)
    before = _rows()
    refused = client.post(url, body | {unknown: value}, content_type="application/json")
    assert refused.status_code == 422
    assert unknown in [e["field"] for e in refused.json()["detail"]]
    assert _rows() == before
    assert client.post(url, body, content_type="application/json").status_code == 201
