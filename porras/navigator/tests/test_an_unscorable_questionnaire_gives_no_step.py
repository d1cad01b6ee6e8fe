"""No step from a questionnaire its own missing-item rule cannot score: 422 naming each item.

PHQ-9, GAD-7 and AUDIT-C refuse any missing answer (their definitions: `missing: refuse`); CORE-10
prorates one missing item (`prorate`, `max_missing: 1`), which is scorable; PHQ-9's item 10 is not
scored and not required.
"""

from __future__ import annotations

import pytest

from porras.navigator.domain import NavigatorInputError, navigate
from porras.navigator.scorer import score_answers

from .conftest import person

SEVERE_BUT_ITEM_4_SKIPPED = [3, 3, 3, None, 3, 3, 3, 3, 0]  # 24 without item 4: severe if scored


def refused_items(data) -> list[tuple[str, str | None]]:
    with pytest.raises(NavigatorInputError) as caught:
        navigate(data, score=score_answers)
    return [(e.field, e.item) for e in caught.value.errors]


def test_one_answered_question_gives_no_step_but_names_the_other_eight():
    assert refused_items(person(responses={"phq9": [2]})) == [
        ("responses.phq9", str(item)) for item in range(2, 10)
    ]


def test_a_severe_phq9_with_one_item_skipped_is_refused_naming_that_item():
    assert refused_items(person(responses={"phq9": SEVERE_BUT_ITEM_4_SKIPPED})) == [("responses.phq9", "4")]


def test_a_questionnaire_left_wholly_unanswered_is_refused():
    assert refused_items(person(responses={"gad7": [None] * 7})) == [
        ("responses.gad7", str(item)) for item in range(1, 8)
    ]


def test_the_reason_names_the_instruments_rule():
    with pytest.raises(NavigatorInputError) as caught:
        navigate(person(responses={"auditc": [1, None, 1]}), score=score_answers)
    assert "does not allow missing items" in caught.value.errors[0].reason


def test_core10_with_one_missing_item_is_prorated_and_scorable():
    result = navigate(person(responses={"core10": [1, 1, 1, 1, 1, 0, 1, 1, 1, None]}), score=score_answers)
    assert result["step"] is not None


def test_core10_with_two_missing_items_is_refused():
    assert refused_items(person(responses={"core10": [1, 1, 1, 1, 1, 0, 1, 1, None, None]})) == [
        ("responses.core10", "9"), ("responses.core10", "10"),
    ]


def test_phq9_item_ten_may_stay_unanswered():
    result = navigate(person(responses={"phq9": [1] * 8 + [0]}), score=score_answers)
    assert result["step"] == 1


def test_the_api_answers_422_naming_each_unanswered_item(client, db):
    response = client.post(
        "/api/v1/navigator", person(responses={"phq9": SEVERE_BUT_ITEM_4_SKIPPED}), content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "validation_error"
    assert [(e["field"], e["item"]) for e in body["detail"]] == [("responses.phq9", "4")]
    assert "step" not in body


def test_an_incomplete_questionnaire_is_not_saved(client, db):
    from porras.navigator.models import SavedAssessment

    response = client.post(
        "/api/v1/navigator/assessments", person(responses={"phq9": [2]}), content_type="application/json"
    )
    assert response.status_code == 422
    assert not SavedAssessment.objects.exists()
