"""Default rule: under 23, the result names the therapy guarantee (treatment within 28 days)."""

from __future__ import annotations

from porras.navigator.domain import navigate

from .conftest import person, phq9, rules_fired

GUARANTEE = "The therapy guarantee (under 23) covers this treatment. It must start within 28 days"


def test_it_names_the_guarantee_on_step_two_treatment_for_a_22_year_old():
    result = navigate(person(age=22, scores={"phq9": phq9("moderate")}))
    assert "therapy_guarantee" in rules_fired(result)
    for item in result["interventions"]:
        assert any(reason.startswith(GUARANTEE) for reason in item["reasons"])


def test_it_names_the_guarantee_on_short_psychotherapy_for_a_16_year_old():
    result = navigate(person(age=16, scores={"phq9": phq9("moderately_severe")}))
    therapy = result["interventions"][0]
    assert therapy["code"] == "porras.short_psychotherapy"
    assert any(reason.startswith(GUARANTEE) for reason in therapy["reasons"])


def test_it_does_not_name_the_guarantee_at_23():
    result = navigate(person(age=23, scores={"phq9": phq9("moderate")}))
    assert "therapy_guarantee" not in rules_fired(result)


def test_it_still_tells_an_under_23_at_a_lighter_step_about_the_guarantee():
    result = navigate(person(age=18, scores={"phq9": phq9("mild")}))
    assert "therapy_guarantee" in rules_fired(result)
    because = next(t["because"] for t in result["trace"] if t["rule"] == "therapy_guarantee")
    assert "within 28 days" in because
    assert all(not r.startswith(GUARANTEE) for i in result["interventions"] for r in i["reasons"])
