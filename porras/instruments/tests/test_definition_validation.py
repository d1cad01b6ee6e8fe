"""A malformed definition fails loading with the file, the field path and the reason."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from porras.instruments.domain import InstrumentDefinitionError, list_instruments, load_instrument_file

DATA = Path(__file__).resolve().parents[1] / "data"


def gad7() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / "gad7.yaml").read_text(encoding="utf-8"))
    return data


def write(tmp_path: Path, data: dict[str, Any], name: str = "gad7.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def load_error(tmp_path: Path, data: dict[str, Any]) -> InstrumentDefinitionError:
    with pytest.raises(InstrumentDefinitionError) as info:
        load_instrument_file(write(tmp_path, data))
    return info.value


def test_every_shipped_definition_is_valid() -> None:
    assert len(list_instruments()) >= 8


def test_a_missing_required_field_is_named(tmp_path: Path) -> None:
    data = gad7()
    del data["scoring"]
    err = load_error(tmp_path, data)
    assert err.file == "gad7.yaml"
    assert "'scoring' is a required property" in err.reason


def test_a_wrongly_typed_option_score_names_its_path(tmp_path: Path) -> None:
    data = gad7()
    data["response_sets"]["frequency"][1]["score"] = "one"
    err = load_error(tmp_path, data)
    assert err.path == "response_sets/frequency/1/score"
    assert "not of type 'integer'" in err.reason
    assert str(err).startswith("gad7.yaml: response_sets/frequency/1/score:")


def test_a_missing_translation_is_named(tmp_path: Path) -> None:
    data = gad7()
    del data["items"][2]["text"]["sv"]
    err = load_error(tmp_path, data)
    assert err.path == "items/2/text"
    assert "'sv'" in err.reason


def test_a_number_citing_an_undeclared_source_is_refused(tmp_path: Path) -> None:
    data = gad7()
    data["caseness"]["source"] = "hearsay"
    err = load_error(tmp_path, data)
    assert err.path == "caseness/source"
    assert "unknown source 'hearsay'" in err.reason


def test_a_declared_range_that_does_not_match_the_items_is_refused(tmp_path: Path) -> None:
    data = gad7()
    data["scoring"]["range"] = [0, 20]
    err = load_error(tmp_path, data)
    assert err.path == "scoring/range"
    assert "[0, 21]" in err.reason


def test_bands_with_a_gap_are_refused(tmp_path: Path) -> None:
    data = gad7()
    data["severity"]["bands"][1]["min"] = 6
    err = load_error(tmp_path, data)
    assert err.path == "severity/bands/1/min"
    assert "contiguous" in err.reason


def test_a_derived_form_of_an_unknown_item_is_refused(tmp_path: Path) -> None:
    data = gad7()
    data["derived"][0]["items"] = ["1", "99"]
    err = load_error(tmp_path, data)
    assert err.path == "derived/0/items/1"


def test_an_item_with_both_options_and_a_response_set_is_refused(tmp_path: Path) -> None:
    data = gad7()
    data["items"][0]["options"] = copy.deepcopy(data["response_sets"]["frequency"])
    err = load_error(tmp_path, data)
    assert err.path.startswith("items/0")


def test_an_unknown_field_is_refused(tmp_path: Path) -> None:
    data = gad7()
    data["cutoff"] = 10
    err = load_error(tmp_path, data)
    assert "cutoff" in err.reason


def test_the_id_must_match_the_file_name(tmp_path: Path) -> None:
    with pytest.raises(InstrumentDefinitionError) as info:
        load_instrument_file(write(tmp_path, gad7(), name="gad8.yaml"))
    assert info.value.path == "id"


def test_invalid_yaml_is_reported_with_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(InstrumentDefinitionError) as info:
        load_instrument_file(path)
    assert info.value.file == "broken.yaml"
    assert "not valid YAML" in info.value.reason
