"""A plan to end one's life: the emergency guidance only, no step of care beside it.

112, the emergency duty and the crisis lines (the one in the person's language first); the step,
the interventions and the services are withheld, and the rule trace says why. The same in the
API (``step`` null, urgency ``emergency``) and on the resident's result page.
"""

from __future__ import annotations

from porras.navigator.domain import navigate

from .conftest import person, phq9, rules_fired

PLAN = {"plan_to_end_life": True}


def test_a_plan_to_end_ones_life_withholds_the_step():
    result = navigate(person(scores={"phq9": phq9("moderate")}, concerns=["depression"], risk=PLAN))
    assert result["urgency"] == "emergency"
    assert result["step"] is None
    assert result["interventions"] == []
    assert result["services"] == []


def test_the_trace_says_why_the_step_is_withheld():
    result = navigate(person(scores={"phq9": phq9("moderate")}, risk=PLAN))
    assert rules_fired(result)[:2] == ["risk.plan_to_end_life", "steps.withheld"]
    withheld = next(t["because"] for t in result["trace"] if t["rule"] == "steps.withheld")
    assert "112" in withheld
    assert "severity.phq9" not in rules_fired(result)


def test_no_services_are_looked_up_in_an_emergency():
    asked = []

    def finder(*args):
        asked.append(args)
        return [{"id": "svc"}]

    result = navigate(person(risk=PLAN), find_services=finder)
    assert asked == []
    assert result["services"] == []


def test_the_emergency_contacts_come_first_then_the_crisis_line_in_the_persons_language():
    swedish = navigate(person(language="sv", risk=PLAN))
    assert [c["phone"] for c in swedish["crisis_contacts"]][:3] == ["112", "116117", "09 2525 0112"]
    finnish = navigate(person(language="fi", risk=PLAN))
    assert [c["phone"] for c in finnish["crisis_contacts"]][:3] == ["112", "116117", "09 2525 0111"]


def test_a_positive_risk_item_beside_the_plan_is_still_in_the_trace():
    result = navigate(person(scores={"phq9": phq9("mild", item9=3)}, risk=PLAN))
    assert "risk.item" in rules_fired(result)
    assert result["step"] is None


def test_the_api_answers_with_no_step_and_emergency(client, db):
    response = client.post(
        "/api/v1/navigator", person(scores={"phq9": phq9("severe")}, risk=PLAN), content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["urgency"], body["step"], body["interventions"]) == ("emergency", None, [])
    assert body["crisis_contacts"][0]["phone"] == "112"


def test_the_residents_result_page_shows_only_the_emergency_guidance(client, db):
    client.cookies["porras_language"] = "en"
    answers = {f"phq9-{item}": "2" for item in range(1, 10)}
    response = client.post("/navigator/", {
        "stage": "answers", "age": "30", "county": "pirkanmaa", "concerns": ["depression"],
        "plan_to_end_life": "yes", **answers,
    })
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="crisis"' in html
    assert "Call the emergency number 112 now" in html
    assert 'id="step-title"' not in html
    assert "Care that could suit you" not in html
    assert "Services in your county" not in html


def test_the_professional_sees_the_emergency_and_the_trace_without_a_step(client, cast):
    client.force_login(cast.clinician_a)
    client.cookies["porras_language"] = "en"
    response = client.post("/navigator/professional/", {"age": "40", "phq9": "severe", "plan_to_end_life": "on"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="crisis"' in html
    assert "steps.withheld" in html
    assert 'id="step-title"' not in html


def test_a_saved_emergency_opens_without_a_step(client, cast):
    from porras.navigator import services

    saved = services.save_assessment(person(risk=PLAN))
    client.force_login(cast.clinician_a)
    response = client.post("/navigator/open/", {"code": saved.code})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="crisis"' in html
    assert 'id="step-title"' not in html
