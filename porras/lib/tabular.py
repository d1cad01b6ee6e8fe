"""CSV and XLSX for every tabular report (outcomes, programmes, grants, IPS): one set of cell rules.

Plain Python, no framework. The same columns in both formats, one row per mapping:

- CSV: a header row, ``\\n`` line ends; ``None`` is an empty cell, booleans ``true``/``false``,
  floats in their shortest exact form (``repr``), decimals without exponent, dates ISO 8601.
- XLSX (openpyxl): numbers stay numbers (decimals become floats), booleans stay booleans,
  ``None`` an empty cell, dates ISO 8601 text (as in the CSV, so both read the same). Extra sheets
  (such as a report's definitions and sources) follow the first.
- Formula injection: text that a spreadsheet would read as a formula - starting with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return (an imported intervention code ``=HYPERLINK(...)``) - gets
  a leading ``'`` in both formats and stays text (OWASP, "CSV Injection"). Numbers, negative ones
  included, stay numbers: only text is touched (:func:`text_cell`).
"""

from __future__ import annotations

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
    """``text`` as a spreadsheet shows it but never evaluates it: never the start of a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return text_cell(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return text_cell(str(value))


def xlsx_cell(value: Any) -> Any:
    if isinstance(value, str):
        return text_cell(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _csv_field(text: str) -> str:
    # Quoted when it holds a comma, a quote or a line break - a carriage return too, which
    # Python's csv writer leaves bare when lines end with "\n" (and every reader then splits on).
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """CSV text: a header of ``columns``, then one line per row (missing keys are empty cells)."""
    lines = [",".join(_csv_field(csv_cell(column)) for column in columns)]
    for row in rows:
        lines.append(",".join(_csv_field(csv_cell(row.get(column))) for column in columns))
    return "".join(line + "\n" for line in lines)


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
    worksheet.append([xlsx_cell(column) for column in columns])
    for row in rows:
        worksheet.append([xlsx_cell(row.get(column)) for column in columns])
    for name, lines in (extra_sheets or {}).items():
        extra = workbook.create_sheet(name[:_SHEET_NAME_MAX])
        for line in lines:
            extra.append([xlsx_cell(value) for value in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
