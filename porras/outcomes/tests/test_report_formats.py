"""JSON, CSV, XLSX and Parquet carry the same columns and the same numbers."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pyarrow.parquet as pq
import pytest

from porras.lib.disclosure import Policy
from porras.outcomes.domain.definitions import Definitions
from porras.outcomes.domain.engine import OUTCOME_COLUMNS, ReportError, finalize_outcomes, parse_group_by
from porras.outcomes.domain.writers import render


@pytest.fixture
def report():
    rows = [
        ("lappi", 20253, 10, 2, 4, 6, 1, 3, 0, 0),
        ("helsinki", 20253, 3, 0, 1, 1, 0, 1, 0, 0),
        (None, 20254, 6, 6, 0, 0, 0, 0, 0, 0),
    ]
    return finalize_outcomes(parse_group_by("county,quarter"), rows, Definitions(), Policy(5, 1))


def test_the_json_document_has_groups_and_definitions(report):
    doc = json.loads(render(report, "json"))
    assert set(doc) == {"groups", "definitions"}
    assert set(doc["definitions"]) == {"version", "sources", "disclosure"}
    assert doc["definitions"]["disclosure"] == {"minimum": 5, "rounding_base": 1}
    assert any(s["key"] == "jacobson_truax_1991" for s in doc["definitions"]["sources"])
    assert any(s["key"] == "nhs_digital_disclosure_control_2018" for s in doc["definitions"]["sources"])
    assert list(doc["groups"][0]) == ["county", "quarter", *OUTCOME_COLUMNS]
    # sorted by the group keys, nulls last; helsinki (3 finished) is not listed
    assert [(g["county"], g["quarter"]) for g in doc["groups"]] == [("lappi", "2025Q3"), (None, "2025Q4")]
    lappi = doc["groups"][0]
    assert lappi["reliable_improvement_rate"] == 6 / 10
    assert lappi["recovered"] is None and lappi["recovery_rate"] is None and lappi["suppressed"] is True
    assert doc["groups"][1]["recovery_rate"] is None  # all 6 not at caseness


def test_csv_xlsx_and_parquet_carry_the_same_columns_and_values(report):
    expected = [[g[c] for c in report.columns] for g in report.groups]

    rows = list(csv.reader(io.StringIO(render(report, "csv").decode())))
    assert rows[0] == list(report.columns)
    assert rows[1][2:8] == ["10", "", "", "", "6", "0.6"]
    assert rows[1][-1] == "true"

    wb = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))
    sheet = list(wb["groups"].iter_rows(values_only=True))
    assert list(sheet[0]) == list(report.columns)
    assert [list(r) for r in sheet[1:]] == expected
    assert wb["definitions"]["B1"].value == report.definitions.version

    table = pq.read_table(io.BytesIO(render(report, "parquet")))
    assert table.column_names == list(report.columns)
    assert [list(r.values()) for r in table.to_pylist()] == expected
    assert b"porras.definitions" in table.schema.metadata


def test_it_names_an_unknown_format(report):
    with pytest.raises(ReportError, match="format: unknown format 'pdf'"):
        render(report, "pdf")


RAW_KEY_VALUES = {
    "county": "helsinki", "collaborative_area": "etela", "unit": "unit-1", "intervention": "IDY03", "step": 2,
    "programme": "low-mood", "sex": "female", "language": "sv", "month": 202503, "quarter": 20253, "year": 2025,
}


@pytest.mark.parametrize("key", sorted(RAW_KEY_VALUES) + ["age_group"])
def test_every_group_key_downloads_as_parquet_with_the_values_of_the_json(key):
    value = Definitions().age_group_labels()[1] if key == "age_group" else RAW_KEY_VALUES[key]
    report = finalize_outcomes(parse_group_by(key), [(value, 10, 2, 4, 6, 1, 3, 0, 0)], Definitions(), Policy(5, 1))
    table = pq.read_table(io.BytesIO(render(report, "parquet")))
    assert table.to_pylist() == json.loads(render(report, "json"))["groups"]
