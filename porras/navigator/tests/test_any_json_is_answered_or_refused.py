"""Whatever JSON arrives, the navigator answers with a recommendation or a refusal naming fields,
never an exception of another kind (a list where a concern belongs once raised TypeError: HTTP 500)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from porras.navigator.domain import NavigatorInputError, navigate
from porras.navigator.scorer import score_answers

KEYS = ["age", "sex", "county", "language", "concerns", "responses", "scores", "risk", "history",
        "preferences", "phq9", "gad7", "core10", "auditc", "9", "6", "total", "severity", "risk_items",
        "plan_to_end_life", "step", "reliable_improvement", "delivery", "format", "x"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 130), st.floats(allow_nan=True),
                    st.sampled_from(["depression", "fi", "pirkanmaa", "female", "mild", "group", ""]))
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=6), st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)),
    max_leaves=30,
)
TOP = KEYS[:10]
inputs = st.one_of(
    json_values,
    st.fixed_dictionaries({}, optional=dict.fromkeys(TOP, json_values)),
    st.fixed_dictionaries({"age": st.integers(0, 120)}, optional=dict.fromkeys(TOP[1:], json_values)),
)


@settings(max_examples=500, deadline=None)
@given(inputs)
def test_any_json_is_answered_or_refused_by_field(data):
    try:
        result = navigate(data, score=score_answers)
    except NavigatorInputError as exc:
        assert exc.errors and all(e.field for e in exc.errors)
        assert exc.risk is not None and exc.risk["urgency"] in ("non_urgent", "same_day", "emergency")
    else:
        assert result["urgency"] in ("non_urgent", "same_day", "emergency")
