"""Rule sets are data, validated on load with file/field/reason errors; counties may add their own."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from porras.navigator.domain import RuleSetError, load_default_ruleset, load_ruleset, navigate
from porras.navigator.domain.ruleset import DEFAULT_RULESET_PATH, ruleset_for_county

from .conftest import person, phq9


def _default_data() -> dict:
    return yaml.safe_load(DEFAULT_RULESET_PATH.read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_it_loads_the_default_rule_set():
    rules = load_default_ruleset()
    assert (rules.id, rules.version, rules.status) == ("porras-default", "2026.4", "demo")


def test_every_clinical_number_in_the_default_rule_set_names_a_listed_source():
    data = _default_data()
    sources = data["sources"]
    assert data["therapy_guarantee"]["source"] in sources
    assert data["alcohol"]["auditc"]["source"] in sources
    for item in data["interventions"]:
        assert item["source"] in sources
        if "min_age" in item or "max_age" in item:
            assert item["age_source"] in sources
    for contact in data["crisis_contacts"]:
        assert contact["source"] in sources


def test_the_default_rule_set_holds_the_sourced_numbers():
    data = _default_data()
    assert data["therapy_guarantee"]["below_age"] == 23
    assert data["therapy_guarantee"]["days"] == 28
    phones = [c["phone"] for c in data["crisis_contacts"]]
    assert {"112", "09 2525 0111", "09 2525 0112"} <= set(phones)


def test_it_names_file_field_and_reason_for_a_schema_error(tmp_path):
    data = _default_data()
    data["therapy_guarantee"]["days"] = "four weeks"
    path = _write(tmp_path, data)
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(path)
    assert caught.value.file == str(path)
    assert caught.value.field == "therapy_guarantee.days"
    assert "is not of type 'integer'" in caught.value.reason


def test_it_names_the_intervention_by_position(tmp_path):
    data = _default_data()
    data["interventions"][3]["step"] = 7
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(_write(tmp_path, data))
    assert caught.value.field == "interventions[3].step"


def test_it_rejects_a_source_that_is_not_listed(tmp_path):
    data = _default_data()
    data["therapy_guarantee"]["source"] = "hearsay"
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(_write(tmp_path, data))
    assert caught.value.field == "therapy_guarantee.source"
    assert "not listed under sources" in caught.value.reason


def test_it_rejects_an_age_limit_without_a_source(tmp_path):
    data = _default_data()
    data["interventions"][3]["min_age"] = 20  # a rule set may narrow a card's ages, with a source
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(_write(tmp_path, data))
    assert caught.value.field == "interventions[3].age_source"


def test_it_rejects_a_rule_set_without_crisis_contacts_for_same_day(tmp_path):
    data = _default_data()
    for contact in data["crisis_contacts"]:
        contact["rank"].pop("same_day", None)
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(_write(tmp_path, data))
    assert caught.value.field == "crisis_contacts"


def test_it_rejects_a_risk_minimum_of_self_help(tmp_path):
    data = _default_data()
    data["risk"]["min_step"] = 0
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(_write(tmp_path, data))
    assert caught.value.field == "risk.min_step"


def test_it_rejects_a_self_help_fallback(tmp_path):
    data = _default_data()
    data["fallback_intervention"] = "porras.self_help"
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(_write(tmp_path, data))
    assert caught.value.field == "fallback_intervention"


def test_it_rejects_a_missing_text(tmp_path):
    data = _default_data()
    del data["texts"]["risk_item"]
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(_write(tmp_path, data))
    assert caught.value.field == "texts.risk_item"


def test_it_rejects_a_text_missing_a_language(tmp_path):
    data = _default_data()
    del data["texts"]["risk_item"]["sv"]
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(_write(tmp_path, data))
    assert caught.value.field == "texts.risk_item"
    assert "'sv' is a required property" in caught.value.reason


def test_it_rejects_a_file_that_is_not_yaml(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(path)
    assert caught.value.field == "(file)"


def _county_file(tmp_path: Path, **sections) -> Path:
    data = {
        "id": "pirkanmaa-navigator", "version": "1", "county": "pirkanmaa",
        "extends": {"id": "porras-default", "version": "2026.4"},
    }
    data.update(sections)
    return _write(tmp_path, data, "pirkanmaa.yaml")


def test_it_uses_the_county_rule_set_of_the_persons_county(tmp_path):
    guarantee = {"below_age": 23, "days": 21, "applies_to_steps": [2, 3], "source": "he-131-2024"}
    _county_file(tmp_path, therapy_guarantee=guarantee)
    result = navigate(person(age=20, scores={"phq9": phq9("moderate")}), rulesets_dir=tmp_path)
    assert result["ruleset"] == {"id": "pirkanmaa-navigator", "version": "1"}
    assert any("within 21 days" in t["because"] for t in result["trace"])


def test_it_uses_the_default_for_a_county_without_its_own_file(tmp_path):
    _county_file(tmp_path)
    result = navigate(person(county="lappi"), rulesets_dir=tmp_path)
    assert result["ruleset"]["id"] == "porras-default"


def test_a_county_file_inherits_the_sections_it_does_not_replace(tmp_path):
    rules = ruleset_for_county("pirkanmaa", _county_file(tmp_path).parent)
    assert rules.therapy_guarantee["days"] == 28
    assert rules.crisis_contacts == load_default_ruleset().crisis_contacts


def test_it_rejects_a_county_file_pinned_to_another_base_version(tmp_path):
    path = _county_file(tmp_path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["extends"]["version"] = "2025.9"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(path)
    assert caught.value.field == "extends"


def test_it_rejects_a_county_file_for_another_county(tmp_path):
    _county_file(tmp_path, county="lappi")
    with pytest.raises(RuleSetError) as caught:
        ruleset_for_county("pirkanmaa", tmp_path)
    assert caught.value.field == "county"


def test_it_rejects_an_incomplete_rule_set_without_extends(tmp_path):
    path = _write(tmp_path, {"id": "tiny", "version": "1"})
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(path)
    assert caught.value.field == "title"
