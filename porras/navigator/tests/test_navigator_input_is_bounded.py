"""Navigator input: unknown fields are refused by name, `true` is no number, lengths are bounded.

Whatever a body holds, the refusal names the field, and it stays small: at most MAX_ERRORS errors
(then one that says how many more), field names shown to MAX_NAME characters.
"""

from __future__ import annotations

import pytest

from porras.navigator.domain import NavigatorInputError, navigate
from porras.navigator.domain.errors import MAX_ERRORS, MAX_NAME
from porras.navigator.domain.inputs import MAX_ANSWERS, MAX_HISTORY
from porras.navigator.scorer import score_answers

from .conftest import person


def refusal(data) -> list[dict[str, str]]:
    with pytest.raises(NavigatorInputError) as caught:
        navigate(data, score=score_answers)
    return caught.value.as_list()


def fields(data) -> list[str]:
    return [e["field"] for e in refusal(data)]


def test_an_unknown_field_in_the_code_look_up_is_refused_by_name(client, cast):
    client.force_login(cast.clinician_a)
    response = client.post("/api/v1/navigator/assessments/open", {"code": "ABCD-EFGH-JKMN", "unit": "x"},
                           content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "unit"


def test_a_code_longer_than_any_code_is_refused(client, cast):
    client.force_login(cast.clinician_a)
    response = client.post("/api/v1/navigator/assessments/open", {"code": "A" * 21},
                           content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "code"


def test_a_risk_item_these_rules_do_not_read_is_refused_not_ignored():
    assert fields(person(scores={"phq9": {"risk_items": {"10": 3}}})) == ["scores.phq9.risk_items.10"]


@pytest.mark.parametrize(("place", "data"), [
    ("responses.phq9[8]", person(responses={"phq9": [0] * 8 + [True]})),
    ("scores.phq9.risk_items.9", person(scores={"phq9": {"risk_items": {"9": True}}})),
    ("scores.auditc.total", person(scores={"auditc": {"total": True}})),
    ("history[0].step", person(history=[{"step": True, "reliable_improvement": False}])),
    ("age", person(age=True)),
])
def test_true_is_not_taken_for_a_number(place, data):
    assert place in fields(data)


def test_a_concern_given_twice_is_refused():
    assert fields(person(concerns=["depression", "depression"])) == ["concerns[1]"]


def test_a_long_history_is_refused_as_one_error():
    history = [{"step": 1, "reliable_improvement": False}] * (MAX_HISTORY + 1)
    assert fields(person(history=history)) == ["history"]


def test_a_long_answer_list_is_one_error_not_one_per_answer():
    assert fields(person(responses={"phq9": [0] * 100_000})) == ["responses.phq9"]
    assert MAX_ANSWERS >= 34  # CORE-OM, the longest instrument a county uses, has 34 items


def test_many_unknown_fields_give_a_bounded_refusal():
    errors = refusal({"age": 30, **{f"x{i}": 1 for i in range(10_000)}})
    assert len(errors) == MAX_ERRORS + 1
    assert errors[-1] == {"field": "(input)", "reason": f"{10_000 - MAX_ERRORS} more problems not listed"}


def test_a_long_field_name_is_shown_shortened():
    (error,) = refusal({"age": 30, "x" * 10_000: 1})
    assert len(error["field"]) <= MAX_NAME
    assert error["field"].startswith("xxx")
