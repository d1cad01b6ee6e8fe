"""The rule set's concern_measures name listed concerns, instruments of the rule set and listed sources."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from porras.navigator.domain import RuleSetError, load_default_ruleset, load_ruleset
from porras.navigator.domain.ruleset import DEFAULT_RULESET_PATH


def _load_with(tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(DEFAULT_RULESET_PATH.read_text(encoding="utf-8"))
    change(data["concern_measures"])
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    load_ruleset(path)


def test_the_default_rule_set_says_which_questionnaire_measures_which_concern():
    measures = load_default_ruleset().concern_measures
    assert measures["depression"].instruments == {"phq9": "kroenke-2001"}
    assert set(measures["anxiety"].instruments) == {"gad7", "oasis"}
    assert measures["alcohol"].track == "substance_use"


@pytest.mark.parametrize(("change", "field"), [
    (lambda m: m["concerns"].update({"sleep": {"instruments": {"phq9": "kroenke-2001"}}}),
     "concern_measures.concerns.sleep"),
    (lambda m: m["concerns"]["depression"]["instruments"].update({"bdi": "kroenke-2001"}),
     "concern_measures.concerns.depression.instruments.bdi"),
    (lambda m: m["concerns"]["depression"]["instruments"].update({"phq9": "nowhere-2020"}),
     "concern_measures.concerns.depression.instruments.phq9"),
])
def test_a_bad_concern_measure_is_refused_naming_the_field(tmp_path, change, field):
    with pytest.raises(RuleSetError) as caught:
        _load_with(tmp_path, change)
    assert caught.value.field == field
