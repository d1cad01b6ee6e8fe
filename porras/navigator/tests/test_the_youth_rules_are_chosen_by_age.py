"""The youth rule set (Interventionavigaattori) is chosen by age, up to an age each county may set."""

from __future__ import annotations

from pathlib import Path

import yaml

from porras.navigator.domain import navigate
from porras.navigator.domain.ruleset import RULESETS_DIR, load_named_ruleset

from .conftest import person, phq9, rules_fired


def test_a_15_year_old_is_navigated_with_the_youth_rules():
    result = navigate(person(age=15, scores={"phq9": phq9("moderate")}))
    assert result["ruleset"] == {"id": "porras-youth", "version": "2026.1"}
    assert result["trace"][0] == {
        "rule": "ruleset.youth",
        "because": "The rules for young people were chosen by age (15; they apply up to and including age 19).",
    }


def test_the_youth_rules_end_at_19_by_default_and_the_adult_rules_begin_at_20():
    assert navigate(person(age=19))["ruleset"]["id"] == "porras-youth"
    assert navigate(person(age=20))["ruleset"]["id"] == "porras-default"
    assert "ruleset.youth" not in rules_fired(navigate(person(age=20)))


def test_a_county_sets_its_own_youth_age(tmp_path: Path):
    county = {
        "id": "pirkanmaa-navigator", "version": "1", "county": "pirkanmaa",
        "extends": {"id": "porras-default", "version": "2026.4"},
        "youth": {"ruleset": "youth", "max_age": 21, "source": "keusote-navigator"},
    }
    (tmp_path / "pirkanmaa.yaml").write_text(yaml.safe_dump(county), encoding="utf-8")
    assert navigate(person(age=21), rulesets_dir=tmp_path)["ruleset"]["id"] == "porras-youth"
    assert navigate(person(age=22), rulesets_dir=tmp_path)["ruleset"]["id"] == "pirkanmaa-navigator"


def test_the_youth_rules_have_the_same_output_keys_as_the_adults():
    youth = navigate(person(age=15, scores={"phq9": phq9("mild")}))
    adult = navigate(person(age=30, scores={"phq9": phq9("mild")}))
    assert set(youth) == set(adult)


def test_every_youth_method_names_its_source_and_age_source():
    data = yaml.safe_load((RULESETS_DIR / "youth.yaml").read_text(encoding="utf-8"))
    for item in data["interventions"]:
        assert item["source"] in data["sources"]
        if "min_age" in item or "max_age" in item:
            assert item["age_source"] in data["sources"]
    for section in ("children", "family", "respondents", "service_categories"):
        assert data[section]["source"] in data["sources"]


def test_the_youth_methods_carry_their_sourced_ages_and_lengths():
    rules = load_named_ruleset("youth")
    ipc_n = rules.intervention("porras.ipc_n")
    cool_kids = rules.intervention("porras.cool_kids")
    assert (ipc_n.min_age, ipc_n.max_age, ipc_n.step) == (12, 19, 2)  # THL: 12-19, six visits
    assert "(6 contacts)" in ipc_n.name["en"]  # from the method card
    assert (cool_kids.min_age, cool_kids.max_age) == (7, 17)  # Mielenterveystalo: 7-17, about ten
    assert "(about 10 contacts)" in cool_kids.name["en"]
    assert rules.intervention("porras.lets_talk_about_children").name["fi"].startswith("Lapset puheeksi")
