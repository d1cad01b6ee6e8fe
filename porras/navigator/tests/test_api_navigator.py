"""POST /api/v1/navigator: the engine over HTTP, with 422 field errors."""

from __future__ import annotations

import pytest

from .conftest import person, phq9

URL = "/api/v1/navigator"


@pytest.fixture
def post(client):
    def _post(data):
        return client.post(URL, data=data, content_type="application/json")

    return _post


def test_it_is_public_and_returns_the_recommendation(post):
    response = post(person(scores={"phq9": phq9("moderate")}))
    assert response.status_code == 200
    body = response.json()
    assert body["step"] == 2
    assert [i["code"] for i in body["interventions"]] == ["IDY03", "IDR17"]
    assert body["ruleset"] == {"id": "porras-default", "version": "2026.4"}


def test_it_answers_a_risk_item_with_same_day_urgency_and_crisis_contacts(post):
    body = post(person(scores={"phq9": phq9("mild", item9=1)})).json()
    assert body["urgency"] == "same_day"
    assert body["step"] == 2
    assert body["crisis_contacts"][0]["phone"] == "09 2525 0111"


def test_it_answers_a_plan_to_end_life_as_an_emergency_with_112_first(post):
    body = post(person(risk={"plan_to_end_life": True})).json()
    assert body["urgency"] == "emergency"
    assert [c["phone"] for c in body["crisis_contacts"]][:2] == ["112", "116117"]


def test_it_steps_up_after_no_reliable_improvement(post):
    body = post(person(
        scores={"phq9": phq9("mild")}, history=[{"step": 2, "reliable_improvement": False}]
    )).json()
    assert body["step"] == 3


def test_it_adds_the_alcohol_brief_intervention(post):
    body = post(person(sex="male", scores={"auditc": {"total": 7}})).json()
    assert "alcohol_brief_intervention" in [i["code"] for i in body["interventions"]]


def test_it_names_the_therapy_guarantee_under_23(post):
    body = post(person(age=20, scores={"phq9": phq9("moderate")})).json()
    assert any(t["rule"] == "therapy_guarantee" for t in body["trace"])


def test_it_answers_bad_input_with_422_naming_each_field(post):
    response = post({"age": 200, "county": "atlantis", "scores": {"phq9": {"severity": "awful"}}})
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "validation_error"
    assert {e["field"] for e in body["detail"]} == {"age", "county", "scores.phq9.severity"}


def test_it_answers_a_non_object_body_with_422(client):
    response = client.post(URL, data="[1, 2]", content_type="application/json")
    assert response.status_code == 422


def test_it_is_listed_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/navigator"]
