from __future__ import annotations

import pytest
from django.test import Client

from porras.ips.tests.helpers import items_for_total

pytestmark = pytest.mark.django_db


def _post(body: object) -> object:
    return Client().post("/api/v1/ips/fidelity/score", body, content_type="application/json")


@pytest.mark.parametrize(
    ("total", "band"),
    [(73, "not_ips"), (74, "fair"), (99, "fair"), (100, "good"), (114, "good"), (115, "exemplary")],
)
def test_it_answers_total_and_band(total: int, band: str) -> None:
    response = _post({"items": items_for_total(total)})
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response.json() == {"total": total, "band": band}  # type: ignore[attr-defined]


def test_a_missing_item_is_422_naming_it() -> None:
    response = _post({"items": [3] * 24})
    assert response.status_code == 422  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body["error"] == "validation_error"
    assert body["detail"] == [
        {"field": "items.25", "item": 25, "key": "assertive_engagement", "reason": "missing"}
    ]


def test_an_item_outside_one_to_five_is_422_naming_it() -> None:
    items = [3] * 25
    items[11] = 7
    detail = _post({"items": items}).json()["detail"][0]  # type: ignore[attr-defined]
    assert (detail["item"], detail["key"]) == (12, "work_incentives_planning")
    assert "outside 1-5" in detail["reason"]


def test_a_request_without_items_is_422() -> None:
    response = _post({})
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert response.json()["detail"][0]["field"] == "items"  # type: ignore[attr-defined]


def test_the_scale_with_its_anchors_is_public() -> None:
    body = Client().get("/api/v1/ips/fidelity/scale").json()
    assert len(body["items"]) == 25
    assert body["items"][0]["anchors"]["5"]["fi"]
    assert [b["code"] for b in body["bands"]] == ["exemplary", "good", "fair", "not_ips"]
