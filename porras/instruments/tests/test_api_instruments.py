"""/api/v1/instruments: list, detail and stateless scoring with item-level 422 errors."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def post_score(client: Client, instrument_id: str, answers: Any) -> Any:
    return client.post(
        f"/api/v1/instruments/{instrument_id}/score", {"answers": answers}, content_type="application/json"
    )


def test_it_lists_every_instrument_without_authentication(client: Client) -> None:
    response = client.get("/api/v1/instruments")
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()}
    assert set(rows) == {"audit", "auditc", "core10", "gad7", "oasis", "pdss", "phq9", "wsas"}
    assert rows["phq9"]["range"] == [0, 27]
    assert rows["phq9"]["caseness_min_total"] == 10
    assert rows["gad7"]["reliable_change"] == 4


def test_the_detail_gives_items_options_scores_and_sources_in_the_asked_language(client: Client) -> None:
    body = client.get("/api/v1/instruments/gad7?language=sv").json()
    assert body["language"] == "sv"
    assert body["items"][3]["text"] == "Du har haft svårt att slappna av"
    assert [o["score"] for o in body["items"][0]["options"]] == [0, 1, 2, 3]
    assert body["caseness"] == {"min_total": 8, "source": "nhs-tt"}
    assert any(s["id"] == "nhs-tt" for s in body["sources"])
    assert body["wording"] == "porras:gad7:1.0.0:sv"


def test_an_unknown_instrument_is_404(client: Client) -> None:
    response = client.get("/api/v1/instruments/phq99")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_scoring_the_issue_example_gives_nine_mild_and_a_risk_flag(client: Client) -> None:
    response = post_score(client, "phq9", [1, 1, 1, 1, 1, 1, 1, 1, 1, 0])
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 9
    assert body["severity"] == "mild"
    assert body["risk_flags"] == [{"item": "9", "value": 1}]
    assert body["subscores"] == {"phq2": 2}


def test_bad_answers_get_422_naming_each_item(client: Client) -> None:
    response = post_score(client, "phq9", [0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 1])
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "validation_error"
    assert {"item": "11", "reason": "surplus answer at position 11: phq9 has 10 items"} in body["detail"]


def test_a_string_answer_is_refused_not_coerced(client: Client) -> None:
    response = post_score(client, "gad7", ["1", 0, 0, 0, 0, 0, 0])
    assert response.status_code == 422
    assert response.json()["detail"][0]["item"] == "1"


def test_a_missing_answers_field_is_422(client: Client) -> None:
    response = client.post("/api/v1/instruments/gad7/score", {}, content_type="application/json")
    assert response.status_code == 422
