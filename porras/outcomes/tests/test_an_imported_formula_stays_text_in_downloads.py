"""An intervention code that is a spreadsheet formula comes out of every report download as text."""

from __future__ import annotations

import csv
import io

import openpyxl

from porras.outcomes.domain.writers import render
from porras.outcomes.tests.helpers import EXACT, DataSet, sqlite_report

LINK = '=HYPERLINK("http://evil.example/","Click")'
RECOVERING = {"phq": [("2025-02-01", 15), ("2025-04-01", 5)], "gad": [("2025-02-01", 12), ("2025-04-01", 4)]}


def _report():
    ds = DataSet()
    for _ in range(6):
        ds.add("unit-a", intervention=LINK, **RECOVERING)  # type: ignore[arg-type]
    return sqlite_report(ds.tables(), "outcomes", ["intervention"], policy=EXACT)


def test_the_workbook_shows_the_code_as_text_not_as_a_link():
    sheet = openpyxl.load_workbook(io.BytesIO(render(_report(), "xlsx")))["groups"]
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == "'" + LINK
    assert sheet["B2"].value == 6


def test_the_csv_shows_the_code_as_text():
    rows = list(csv.reader(io.StringIO(render(_report(), "csv").decode())))
    assert rows[1][0] == "'" + LINK
