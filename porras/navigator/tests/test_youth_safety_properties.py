"""Property tests of the youth rules' safety invariants, with a guardian's answers (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from porras.navigator.domain import navigate
from porras.navigator.domain.ruleset import load_named_ruleset

YOUTH = load_named_ruleset("youth")
SELF_HELP = {i.code for i in YOUTH.interventions if i.self_help_only}
PHQ9_BANDS = ["minimal", "mild", "moderate", "moderately_severe", "severe"]

inputs = st.fixed_dictionaries(
    {"age": st.integers(min_value=0, max_value=19)},
    optional={
        "language": st.sampled_from(["fi", "sv", "en"]),
        "concerns": st.lists(st.sampled_from(list(YOUTH.concerns)), unique=True),
        "scores": st.fixed_dictionaries({}, optional={"phq9": st.fixed_dictionaries({
            "severity": st.sampled_from(PHQ9_BANDS), "risk_items": st.fixed_dictionaries({"9": st.integers(0, 3)}),
        })}),
        "risk": st.fixed_dictionaries({"plan_to_end_life": st.booleans()}),
        "guardian": st.fixed_dictionaries({}, optional={
            "concerns": st.lists(st.sampled_from(list(YOUTH.concerns)), unique=True),
            "risk": st.fixed_dictionaries({}, optional={"self_harm": st.booleans(), "plan_to_end_life": st.booleans()}),
        }),
    },
)


def _risk(data) -> tuple[bool, bool]:
    guardian = data.get("guardian", {}).get("risk", {})
    plan = data.get("risk", {}).get("plan_to_end_life", False) or guardian.get("plan_to_end_life", False)
    item9 = data.get("scores", {}).get("phq9", {}).get("risk_items", {}).get("9", 0)
    return plan, plan or item9 >= 1 or guardian.get("self_harm", False)


@settings(max_examples=300, deadline=None)
@given(inputs)
def test_a_risk_answer_from_either_respondent_raises_urgency_and_shows_crisis_contacts(data):
    result = navigate(data)
    plan, risk = _risk(data)
    assert result["ruleset"]["id"] == "porras-youth"
    if plan:
        assert (result["urgency"], result["step"], result["interventions"]) == ("emergency", None, [])
    elif risk:
        assert result["urgency"] == "same_day"
        assert not SELF_HELP & {i["code"] for i in result["interventions"]}
    else:
        assert result["urgency"] == "non_urgent"
    assert bool(result["crisis_contacts"]) == risk


@settings(max_examples=300, deadline=None)
@given(inputs)
def test_a_child_under_twelve_never_gets_self_help_alone_and_always_the_child_s_services(data):
    result = navigate(data)
    if data["age"] >= 12 or _risk(data)[0]:
        return
    codes = [i["code"] for i in result["interventions"]]
    assert not SELF_HELP & set(codes)
    assert "porras.child_family_services" in codes
