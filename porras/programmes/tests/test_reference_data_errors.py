from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from porras.programmes.domain import ReferenceDataError, load_reference_data
from porras.programmes.domain.reference import DATA_DIR


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_a_grant_for_an_unknown_entity_is_named(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    grants = data / "grants.yaml"
    grants.write_text(
        grants.read_text(encoding="utf-8").replace("entity: ips", "entity: nope"), encoding="utf-8"
    )
    with pytest.raises(
        ReferenceDataError, match=r"grants.yaml grant stm-2020-12-ips.entity: unknown entity 'nope'"
    ):
        load_reference_data(data)


def test_a_record_with_an_unknown_source_is_named(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    entities = data / "entities.yaml"
    text = entities.read_text(encoding="utf-8").replace(
        "source: stm-tiedote-313-2020\n    abbreviation: IPS", "source: rumour\n    abbreviation: IPS"
    )
    entities.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"entities.yaml ips.source: unknown source 'rumour'"):
        load_reference_data(data)
