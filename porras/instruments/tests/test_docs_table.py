"""docs/instruments.md has a row for every instrument with its range, cut-off and reliable change."""

from __future__ import annotations

from pathlib import Path

import pytest

from porras.instruments.domain import instrument_ids, load_instrument

DOC = Path(__file__).resolve().parents[3] / "docs" / "instruments.md"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


@pytest.mark.parametrize("instrument_id", instrument_ids())
def test_the_table_row_matches_the_definition(instrument_id: str) -> None:
    row = next(
        line
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if line.startswith(f"| `{instrument_id}` |")
    )
    cells = [c.strip() for c in row.strip("|").split("|")]
    instrument = load_instrument(instrument_id)
    low, high = instrument.score_range
    assert cells[2] == f"{low}–{high}"
    for band in instrument.severity_bands:
        assert f"`{band.key}` {band.min}–{band.max}" in cells[3]
    if instrument.caseness:
        assert cells[4].startswith(f"≥ {_number(instrument.caseness.min_total)} ")
    else:
        assert cells[4].startswith("–")
    if instrument.reliable_change:
        assert cells[5].startswith(f"{_number(instrument.reliable_change.threshold)} ")
    else:
        assert cells[5].startswith("–")
