"""A rule set names methods by their cards' codes and takes their step, name and ages from the cards
(porras/methods/data/methods.yaml); a code without a card is refused with the file and the code."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from porras.methods.domain.cards import method_catalogue
from porras.navigator.domain import RuleSetError, load_default_ruleset, load_ruleset
from porras.navigator.domain.ruleset import DEFAULT_RULESET_PATH, load_named_ruleset, ruleset_for_county


def _default_data() -> dict:
    return yaml.safe_load(DEFAULT_RULESET_PATH.read_text(encoding="utf-8"))


def _write(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _index(data: dict, code: str) -> int:
    return next(i for i, item in enumerate(data["interventions"]) if item["code"] == code)


def test_a_rule_set_naming_a_method_without_a_card_is_refused_with_the_file_and_the_code(tmp_path):
    data = _default_data()
    data["interventions"].append({"code": "porras.made_up_therapy", "source": "tel-stepped-care",
                                  "delivery": "face_to_face", "format": "individual"})
    path = _write(tmp_path / "rules.yaml", data)
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(path)
    assert caught.value.file == str(path)
    assert caught.value.field == f"interventions[{len(data['interventions']) - 1}].code"
    assert "porras.made_up_therapy" in caught.value.reason and "no card" in caught.value.reason


def test_a_county_rule_set_may_name_only_methods_that_have_cards(tmp_path):
    base = load_default_ruleset()
    data = _default_data()
    county = {
        "id": "pirkanmaa-navigator", "version": "2026.4-p1", "status": "draft", "county": "pirkanmaa",
        "extends": {"id": base.id, "version": base.version},
        "interventions": [*data["interventions"], {"code": "IDX99", "source": "tel-method-cards",
                                                   "delivery": "face_to_face", "format": "group"}],
    }
    _write(tmp_path / "pirkanmaa.yaml", county)
    with pytest.raises(RuleSetError) as caught:
        ruleset_for_county("pirkanmaa", tmp_path)
    assert caught.value.file == str(tmp_path / "pirkanmaa.yaml")
    assert "IDX99" in caught.value.reason


def test_a_county_rule_set_that_names_carded_methods_loads_with_the_cards_facts(tmp_path):
    base = load_default_ruleset()
    data = _default_data()
    kept = [item for item in data["interventions"] if item["code"] != "IDR17"]
    county = {
        "id": "pirkanmaa-navigator", "version": "2026.4-p1", "status": "draft", "county": "pirkanmaa",
        "extends": {"id": base.id, "version": base.version}, "interventions": kept,
    }
    _write(tmp_path / "pirkanmaa.yaml", county)
    rules = ruleset_for_county("pirkanmaa", tmp_path)
    assert "IDR17" not in {item.code for item in rules.interventions}
    card = method_catalogue().by_navigator_code("IDY03")
    assert card is not None
    item = rules.intervention("IDY03")
    assert (item.step, item.min_age, item.max_age) == (card.step, card.age_min, card.age_max)


def test_a_method_entry_that_restates_the_cards_name_or_step_is_refused(tmp_path):
    for key, value in (("name", {"fi": "x", "sv": "x", "en": "x"}), ("step", 2)):
        data = _default_data()
        i = _index(data, "IDY03")
        data["interventions"][i][key] = value
        with pytest.raises(RuleSetError) as caught:
            load_ruleset(_write(tmp_path / "rules.yaml", data))
        assert caught.value.field == f"interventions[{i}].{key}"
        assert "cbt_short_individual" in caught.value.reason


def test_a_rule_set_may_narrow_a_cards_ages_but_not_widen_them(tmp_path):
    data = _default_data()
    i = _index(data, "porras.ipc_n")  # the card: 12-19 (THL)
    data["interventions"][i].update({"min_age": 10, "age_source": "thl-ipc-n"})
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(_write(tmp_path / "rules.yaml", data))
    assert caught.value.field == f"interventions[{i}].min_age"
    data["interventions"][i]["min_age"] = 15
    rules = load_ruleset(_write(tmp_path / "rules.yaml", data))
    assert (rules.intervention("porras.ipc_n").min_age, rules.intervention("porras.ipc_n").max_age) == (15, 19)


def test_an_entry_marked_as_no_method_may_not_take_a_cards_code(tmp_path):
    data = _default_data()
    i = _index(data, "IHZ19")
    data["interventions"][i].update({"not_a_method": True, "step": 1, "name": {"fi": "x", "sv": "x", "en": "x"}})
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(_write(tmp_path / "rules.yaml", data))
    assert caught.value.field == f"interventions[{i}].not_a_method"


def test_every_method_of_the_shipped_rule_sets_has_the_step_name_and_ages_of_its_card():
    catalogue = method_catalogue()
    adults = load_default_ruleset()
    assert adults.youth is not None
    youth = load_named_ruleset(str(adults.youth["ruleset"]))
    methods = 0
    for rules, path in ((adults, DEFAULT_RULESET_PATH), (youth, Path(youth.path))):
        raw = {item["code"]: item for item in yaml.safe_load(path.read_text(encoding="utf-8"))["interventions"]}
        for item in rules.interventions:
            card = catalogue.by_navigator_code(item.code)
            if raw[item.code].get("not_a_method"):
                assert card is None
                continue
            methods += 1
            assert card is not None, item.code
            assert "name" not in raw[item.code] and "step" not in raw[item.code]
            assert item.step == card.step
            assert item.name["fi"].startswith(card.name["fi"])
            # Ages are the card's; a rule set may only narrow them (youth: internet therapy from 18).
            assert card.age_min is None or (item.min_age is not None and item.min_age >= card.age_min)
            assert card.age_max is None or (item.max_age is not None and item.max_age <= card.age_max)
    assert methods > 15


def test_the_navigator_writes_the_cards_contacts_after_its_name():
    rules = load_default_ruleset()
    assert rules.intervention("IHZ19").name == {
        "fi": "Ohjattu omahoito (1-5 tapaamista)", "sv": "Handledd egenvård (1-5 träffar)",
        "en": "Guided self-care (1-5 contacts)"}
    youth = load_named_ruleset("youth")
    assert youth.intervention("IHZ19").name["en"] == "Guided self-care in school or student health care (1-5 contacts)"
    assert youth.intervention("porras.ipc_n").name["fi"] == "IPC-N nuorille (6 tapaamista)"


@pytest.mark.parametrize("ruleset", ["default", "youth"])
def test_the_navigator_recommends_an_assessment_in_specialised_care_not_the_care_itself(ruleset):
    """Step 4 of the navigator sends a resident to be assessed in specialised care (psychiatric, or
    substance-use services), where the treatment is chosen: the names say so in every language, as
    they did before the method cards became the one source; the cards' names are the care itself."""
    found = {item.code: item for item in load_named_ruleset(ruleset).interventions}
    for code in ("porras.specialised_psychiatric_assessment", "substance_use_assessment"):
        item = found[code]
        assert item.step == 4
        assert "arvio" in item.name["fi"] and "bedömning" in item.name["sv"].lower()
        assert "assessment" in item.name["en"]
    assert "Mielenterveystalo.fi" in found["porras.self_help"].name["fi"]
