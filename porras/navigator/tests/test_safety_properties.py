"""Property tests of the safety invariants over generated inputs (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from porras.navigator.domain import load_default_ruleset, navigate
from porras.navigator.domain.ruleset import load_named_ruleset

RULES = load_default_ruleset()
YOUTH = load_named_ruleset("youth")
SELF_HELP = {i.code for i in RULES.interventions if i.self_help_only}
PHQ9_BANDS = ["minimal", "mild", "moderate", "moderately_severe", "severe"]
GAD7_BANDS = ["minimal", "mild", "moderate", "severe"]
AUDIT_ZONES = ["low_risk", "increasing_risk", "higher_risk", "possible_dependence"]
item_value = st.one_of(st.none(), st.integers(min_value=0, max_value=3))

scores = st.fixed_dictionaries({}, optional={
    "phq9": st.fixed_dictionaries({}, optional={
        "severity": st.sampled_from(PHQ9_BANDS),
        "total": st.integers(min_value=0, max_value=27),
        "risk_items": st.fixed_dictionaries({"9": item_value}),
    }).filter(bool),
    "gad7": st.fixed_dictionaries({"severity": st.sampled_from(GAD7_BANDS)}),
    "core10": st.fixed_dictionaries({"risk_items": st.fixed_dictionaries({"6": item_value})}),
    "auditc": st.fixed_dictionaries({"total": st.integers(min_value=0, max_value=12)}),
    "audit": st.fixed_dictionaries({"severity": st.sampled_from(AUDIT_ZONES)}),
})

inputs = st.fixed_dictionaries(
    {"age": st.integers(min_value=0, max_value=120)},
    optional={
        "sex": st.sampled_from(["female", "male", "other", "unknown"]),
        "county": st.sampled_from(["helsinki", "pirkanmaa", "lappi", "pohjanmaa"]),
        "language": st.sampled_from(["fi", "sv", "en"]),
        "concerns": st.lists(st.sampled_from(list(RULES.concerns)), unique=True),
        "scores": scores,
        "risk": st.fixed_dictionaries({"plan_to_end_life": st.booleans()}),
        "history": st.lists(
            st.fixed_dictionaries({"step": st.integers(0, 4), "reliable_improvement": st.booleans()}),
            max_size=3,
        ),
        "preferences": st.fixed_dictionaries({
            "delivery": st.sampled_from(["digital", "face_to_face", "no_preference"]),
            "format": st.sampled_from(["individual", "group", "no_preference"]),
        }),
    },
)


def _plan(data) -> bool:
    return bool(data.get("risk", {}).get("plan_to_end_life"))


def _risk_shows(data) -> bool:
    s = data.get("scores", {})
    phq9_item = s.get("phq9", {}).get("risk_items", {}).get("9")
    core10_item = s.get("core10", {}).get("risk_items", {}).get("6")
    plan = data.get("risk", {}).get("plan_to_end_life", False)
    return plan or (phq9_item or 0) >= 1 or (core10_item or 0) >= 1


@settings(max_examples=400, deadline=None)
@given(inputs)
def test_crisis_contacts_are_given_whenever_urgency_is_not_non_urgent(data):
    result = navigate(data)
    assert (result["urgency"] != "non_urgent") == bool(result["crisis_contacts"])


@settings(max_examples=400, deadline=None)
@given(inputs)
def test_risk_always_means_same_day_or_emergency_step_two_and_never_self_help_only(data):
    result = navigate(data)
    if _plan(data):
        assert result["urgency"] == "emergency"
    elif _risk_shows(data):
        assert result["urgency"] in ("same_day", "emergency")
        assert result["step"] >= 2
        plan = [i["code"] for i in result["interventions"]]
        assert plan and not set(plan) <= SELF_HELP
        assert not set(plan) & SELF_HELP
    else:
        assert result["urgency"] == "non_urgent"


@settings(max_examples=300, deadline=None)
@given(inputs)
def test_a_plan_to_end_life_is_always_an_emergency_with_112_first_and_nothing_else(data):
    result = navigate(data)
    if _plan(data):
        assert result["urgency"] == "emergency"
        assert result["crisis_contacts"][0]["phone"] == "112"
        assert (result["step"], result["interventions"], result["services"]) == (None, [], [])
    else:
        assert result["step"] is not None


@settings(max_examples=300, deadline=None)
@given(inputs)
def test_the_step_is_never_below_a_step_that_failed(data):
    result = navigate(data)
    if _plan(data):
        return  # no step beside an emergency
    assert 0 <= result["step"] <= 4
    for entry in data.get("history", []):
        if not entry["reliable_improvement"]:
            assert result["step"] >= min(entry["step"] + 1, 4)


@settings(max_examples=200, deadline=None)
@given(inputs)
def test_there_is_always_at_least_one_intervention_and_a_rule_set_stamp(data):
    result = navigate(data)
    assert bool(result["interventions"]) != _plan(data)
    rules = YOUTH if RULES.youth is not None and data["age"] <= RULES.youth["max_age"] else RULES
    assert result["ruleset"] == {"id": rules.id, "version": rules.version}
