"""CSV and XLSX for every tabular report (outcomes, programmes, grants, IPS): one set of cell rules.

Plain Python, no framework. The same columns in both formats, one row per mapping:

- CSV: a header row, ``\\n`` line ends; ``None`` is an empty cell, booleans ``true``/``false``,
  floats in their shortest exact form (``repr``), decimals without exponent, dates ISO 8601.
- text that a spreadsheet would take for a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return
  first) gets a leading apostrophe in both formats (:func:`text_cell`);
- XLSX (openpyxl): numbers stay numbers (decimals become floats), booleans stay booleans,
  ``None`` an empty cell, dates ISO 8601 text (as in the CSV, so both read the same). Extra sheets
  (such as a report's definitions and sources) follow the first.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
_SHEET_NAME_MAX = 31  # Excel's limit on a worksheet name


# A text cell starting with one of these is read by spreadsheet programs as a formula (=HYPERLINK(...),
# +cmd|..., -2+3, @SUM(...)) or has its start hidden (tab, carriage return): such text is written with
# a leading apostrophe, which the programs show as text (OWASP, "CSV Injection"). Numbers stay numbers.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text: str) -> str:
    """``text`` made safe to open in a spreadsheet: never the start of a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, Decimal)):
        return str(value)
    return text_cell(str(value))


def xlsx_cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return text_cell(value)
    return value


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """CSV text: a header of ``columns``, then one line per row (missing keys are empty cells)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def to_xlsx(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    sheet: str = "report",
    extra_sheets: Mapping[str, Iterable[Sequence[Any]]] | None = None,
) -> bytes:
    """An XLSX workbook: sheet ``sheet`` with a header of ``columns`` and one line per row, then each
    of ``extra_sheets`` (name → rows of cells) in order."""
    from openpyxl import Workbook  # imported here: only the XLSX path pays for it

    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet[:_SHEET_NAME_MAX]
    worksheet.append(list(columns))
    for row in rows:
        worksheet.append([xlsx_cell(row.get(column)) for column in columns])
    for name, lines in (extra_sheets or {}).items():
        extra = workbook.create_sheet(name[:_SHEET_NAME_MAX])
        for line in lines:
            extra.append([xlsx_cell(value) for value in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
