"""Text that a spreadsheet would run as a formula is written as text in CSV and XLSX alike (a leading
apostrophe); numbers, negative ones included, stay numbers."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from porras.lib.tabular import to_csv, to_xlsx

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\tx", "\rx"]


def test_csv_text_cells_start_with_an_apostrophe() -> None:
    lines = to_csv([{"text": t} for t in HOSTILE], ["text"]).split("\n")[1:-1]
    assert all(line.lstrip('"').startswith("'") for line in lines), lines


def test_xlsx_text_cells_are_text_not_formulas() -> None:
    sheet = load_workbook(io.BytesIO(to_xlsx([{"text": t} for t in HOSTILE], ["text"]))).active
    assert sheet is not None
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(v, str) and v.startswith("'") for v in values), values  # (XLSX stores \r as \n)
    assert values[:5] == ["'" + t for t in HOSTILE[:5]]


def test_numbers_stay_numbers() -> None:
    assert to_csv([{"n": -5, "d": Decimal("-1.5"), "f": -0.25}], ["n", "d", "f"]) == "n,d,f\n-5,-1.5,-0.25\n"


def test_ordinary_text_is_unchanged() -> None:
    assert to_csv([{"t": "Kalasatama – 2026"}], ["t"]) == "t\nKalasatama – 2026\n"
