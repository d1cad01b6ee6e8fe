from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from porras.programmes.tabular import to_csv, to_xlsx

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
        ["strategy", 2020, 3300000, "true", None],
        ["suicide", 2020, 2000000.5, "false", "2021-07-01"],
    ]
