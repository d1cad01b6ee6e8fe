"""The method cards are checked when read: a problem names the file, the card and the field."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from porras.methods.domain.cards import METHODS_PATH, MethodDataError, load, method_catalogue


def _raw() -> dict:
    return yaml.safe_load(METHODS_PATH.read_text(encoding="utf-8"))


def _card(raw: dict, code: str) -> dict:
    return next(row for row in raw["methods"] if row["code"] == code)


def _load(tmp_path: Path, raw: dict) -> Path:
    path = tmp_path / "methods.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("field", ["age", "contacts"])
def test_a_card_with_a_number_but_no_source_is_refused_naming_the_file_and_the_card(tmp_path, field):
    raw = _raw()
    _card(raw, "ipc_n")[field]["source"] = None
    path = _load(tmp_path, raw)
    with pytest.raises(MethodDataError) as caught:
        load(path)
    assert caught.value.path == str(path)
    assert caught.value.where == f"ipc_n.{field}"
    assert str(path) in str(caught.value) and "no source" in str(caught.value)


def test_a_training_count_without_a_source_is_refused(tmp_path):
    raw = _raw()
    _card(raw, "guided_self_care")["training"]["training_cases"] = 3
    with pytest.raises(MethodDataError) as caught:
        load(_load(tmp_path, raw))
    assert caught.value.where == "guided_self_care.training"


def test_a_required_training_without_a_source_is_refused(tmp_path):
    raw = _raw()
    _card(raw, "cool_kids")["training"]["source"] = None
    with pytest.raises(MethodDataError) as caught:
        load(_load(tmp_path, raw))
    assert caught.value.where == "cool_kids.training"


def test_a_source_that_is_not_listed_is_refused(tmp_path):
    raw = _raw()
    _card(raw, "cool_kids")["age"]["source"] = "hearsay"
    with pytest.raises(MethodDataError) as caught:
        load(_load(tmp_path, raw))
    assert caught.value.where == "cool_kids.age.source" and "hearsay" in caught.value.reason


def test_a_card_without_its_name_in_swedish_is_refused(tmp_path):
    raw = _raw()
    del _card(raw, "ipc")["name"]["sv"]
    with pytest.raises(MethodDataError) as caught:
        load(_load(tmp_path, raw))
    assert caught.value.where == "ipc.name"


def test_two_cards_may_not_share_a_navigator_code(tmp_path):
    raw = _raw()
    twin = copy.deepcopy(_card(raw, "cbt_short_group"))
    twin["code"] = "cbt_short_twin"
    raw["methods"].append(twin)
    with pytest.raises(MethodDataError) as caught:
        load(_load(tmp_path, raw))
    assert caught.value.where == "cbt_short_twin.navigator_code"


def test_a_step_outside_0_to_4_and_an_age_range_upside_down_are_refused(tmp_path):
    raw = _raw()
    _card(raw, "ipc")["step"] = 5
    with pytest.raises(MethodDataError) as caught:
        load(_load(tmp_path, raw))
    assert caught.value.where == "ipc.step"
    raw = _raw()
    _card(raw, "ipc_n")["age"].update({"min": 19, "max": 12})
    with pytest.raises(MethodDataError) as caught:
        load(_load(tmp_path, raw))
    assert caught.value.where == "ipc_n.age"


def test_the_shipped_cards_load_and_every_number_names_a_listed_source():
    catalogue = method_catalogue()
    assert len(catalogue.cards) >= 14
    for card in catalogue.cards.values():
        assert card.source in catalogue.sources
        if card.contacts_min is not None or card.contacts_max is not None:
            assert card.contacts_source in catalogue.sources
        if card.age_min is not None or card.age_max is not None:
            assert card.age_source in catalogue.sources
        if card.requires_training:
            assert card.training.source in catalogue.sources and card.training.course
