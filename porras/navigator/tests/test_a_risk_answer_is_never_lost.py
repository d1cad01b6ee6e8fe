"""A risk answer is acted on at once, whatever else of the input is missing or wrong.

When the navigator refuses the input (422), the refusal itself carries the risk outcome that can be
read from the valid answers: ``urgency``, ``crisis_contacts`` and the ``trace`` beside ``error`` and
``detail``. A caller that only looks at ``urgency`` sees the risk whether the answer was 200 or 422.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from porras.navigator.domain import NavigatorInputError, navigate
from porras.navigator.scorer import score_answers

from .conftest import person

ONLY_ITEM_9_AT_RISK = [None] * 8 + [2]

URL = "/api/v1/navigator"


def refusal(data) -> NavigatorInputError:
    with pytest.raises(NavigatorInputError) as caught:
        navigate(data, score=score_answers)
    return caught.value


def phones(outcome) -> list[str]:
    return [c["phone"] for c in outcome["crisis_contacts"]]


def test_a_risk_answer_with_the_rest_unanswered_refuses_the_step_but_gives_same_day_help():
    error = refusal(person(responses={"phq9": ONLY_ITEM_9_AT_RISK}))
    assert [e.item for e in error.errors] == [str(item) for item in range(1, 9)]
    assert error.risk["urgency"] == "same_day"
    assert {"112", "09 2525 0111"} <= set(phones(error.risk))
    assert "risk.item" in [t["rule"] for t in error.risk["trace"]]


def test_a_risk_answer_beside_an_invalid_answer_still_counts():
    error = refusal(person(responses={"phq9": [0, 9, 0, 0, 0, 0, 0, 0, 1]}))
    assert error.errors[0].item == "2"
    assert error.risk["urgency"] == "same_day"


def test_a_plan_to_end_life_counts_even_when_the_age_is_wrong():
    error = refusal({"age": "thirty", "risk": {"plan_to_end_life": True}, "language": "sv"})
    assert error.errors[0].field == "age"
    assert error.risk["urgency"] == "emergency"
    assert phones(error.risk)[:3] == ["112", "116117", "09 2525 0112"]


def test_a_plan_to_end_life_is_answered_even_with_questions_unanswered():
    result = navigate(person(responses={"phq9": [1]}, risk={"plan_to_end_life": True}), score=score_answers)
    assert (result["urgency"], result["step"]) == ("emergency", None)


def test_a_refusal_without_risk_says_so():
    error = refusal(person(responses={"phq9": [0]}))
    assert error.risk["urgency"] == "non_urgent"
    assert error.risk["crisis_contacts"] == []


def test_the_api_refusal_carries_the_urgency_and_the_crisis_contacts(client, db):
    response = client.post(URL, person(responses={"phq9": ONLY_ITEM_9_AT_RISK}), content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "validation_error"
    assert [e["item"] for e in body["detail"]] == [str(item) for item in range(1, 9)]
    assert body["urgency"] == "same_day"
    assert "112" in phones(body)
    assert "risk.item" in [t["rule"] for t in body["trace"]]


def test_the_save_refusal_carries_them_too(client, db):
    response = client.post(
        "/api/v1/navigator/assessments", person(responses={"phq9": ONLY_ITEM_9_AT_RISK}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["urgency"] == "same_day"


def test_the_api_refusal_of_a_plan_with_a_bad_field_is_an_emergency(client, db):
    response = client.post(URL, {"age": 30, "sex": "robot", "risk": {"plan_to_end_life": True}},
                           content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    assert body["detail"][0]["field"] == "sex"
    assert body["urgency"] == "emergency"
    assert phones(body)[0] == "112"


ANY_ANSWER = st.one_of(st.none(), st.integers(0, 3), st.integers(-3, 9), st.booleans(), st.text(max_size=2))


@settings(max_examples=300, deadline=None)
@given(st.lists(ANY_ANSWER, max_size=12), st.integers(1, 3), st.booleans())
def test_whatever_else_is_answered_a_risk_answer_on_item_nine_is_never_lost(answers, item9, bad_age):
    answers = (answers + [None] * 9)[:9] + answers[9:]
    answers[8] = item9
    data = person(responses={"phq9": answers}, age="old" if bad_age else 30)
    try:
        outcome = navigate(data, score=score_answers)
    except NavigatorInputError as exc:
        outcome = exc.risk
    assert outcome["urgency"] == "same_day"
    assert "112" in phones(outcome)
