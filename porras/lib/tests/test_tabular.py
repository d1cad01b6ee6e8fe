"""One set of cell rules for every CSV and XLSX report (outcomes, programmes, grants, IPS)."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from porras.lib.downloads import tabular_download
from porras.lib.tabular import to_csv, to_xlsx

ROWS = [
    {
        "programme": "strategy",
        "year": 2020,
        "amount_eur": Decimal("3300000"),
        "approximate": True,
        "since": None,
    },
    {
        "programme": "suicide",
        "year": 2020,
        "amount_eur": Decimal("2000000.50"),
        "approximate": False,
        "since": date(2021, 7, 1),
    },
]
COLUMNS = ["programme", "year", "amount_eur", "approximate", "since"]


def test_csv_has_a_header_and_plain_values() -> None:
    assert to_csv(ROWS, COLUMNS) == (
        "programme,year,amount_eur,approximate,since\n"
        "strategy,2020,3300000,true,\n"
        "suicide,2020,2000000.50,false,2021-07-01\n"
    )


def test_xlsx_has_the_same_columns_and_numbers() -> None:
    sheet = load_workbook(io.BytesIO(to_xlsx(ROWS, COLUMNS))).active
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values == [
        COLUMNS,
        ["strategy", 2020, 3300000, True, None],
        ["suicide", 2020, 2000000.5, False, "2021-07-01"],
    ]


def test_csv_writes_floats_exactly_and_leaves_a_missing_column_empty() -> None:
    rows = [{"rate": 0.1 + 0.2, "share": 1 / 3}]
    assert to_csv(rows, ["rate", "share", "absent"]) == (
        "rate,share,absent\n0.30000000000000004,0.3333333333333333,\n"
    )


def test_xlsx_extra_sheets_follow_the_first_in_order() -> None:
    data = to_xlsx(ROWS, COLUMNS, sheet="funding", extra_sheets={"sources": [["key", "citation"], ["a", "b"]]})
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["funding", "sources"]
    assert [list(r) for r in workbook["sources"].iter_rows(values_only=True)] == [["key", "citation"], ["a", "b"]]


def test_a_download_is_an_attachment_named_after_the_report_with_its_media_type() -> None:
    csv_response = tabular_download(ROWS, COLUMNS, "csv", "funding")
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response["Content-Disposition"] == 'attachment; filename="funding.csv"'
    assert csv_response.content.decode() == to_csv(ROWS, COLUMNS)
    xlsx_response = tabular_download(ROWS, COLUMNS, "xlsx", "funding")
    assert xlsx_response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert xlsx_response["Content-Disposition"] == 'attachment; filename="funding.xlsx"'
    assert load_workbook(io.BytesIO(xlsx_response.content)).sheetnames == ["funding"]


def test_an_unknown_download_format_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="format: 'ods'"):
        tabular_download(ROWS, COLUMNS, "ods", "funding")
