from __future__ import annotations

import json

from porras.navigator.domain import navigate

from .conftest import person, phq9


def test_it_returns_exactly_the_documented_keys():
    result = navigate(person(scores={"phq9": phq9("mild")}))
    assert set(result) == {
        "urgency", "step", "interventions", "scores", "concerns", "services", "crisis_contacts", "trace",
        "ruleset", "respondents", "driven_by",
    }
    assert set(result["respondents"]) == {"person", "guardian"}
    for item in result["interventions"]:
        assert set(item) == {"code", "name", "step", "reasons"}
    for score in result["scores"]:
        assert set(score) == {"instrument", "total", "severity", "derived_from"}
    for concern in result["concerns"]:
        assert set(concern) == {"concern", "name", "instruments", "step", "interventions", "because"}
    for entry in result["trace"]:
        assert set(entry) == {"rule", "because"}


def test_it_stores_the_rule_set_id_and_version_in_every_output():
    result = navigate(person())
    assert result["ruleset"] == {"id": "porras-default", "version": "2026.4"}


def test_its_output_is_plain_json():
    result = navigate(person(scores={"phq9": phq9("severe", item9=2)}, risk={"plan_to_end_life": True}))
    assert json.loads(json.dumps(result)) == result
