"""CSV and XLSX writers for report rows (plain Python; the same columns in both formats)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """CSV text with a header row; None becomes an empty cell, booleans true/false."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def to_xlsx(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], sheet: str = "report") -> bytes:
    """An XLSX workbook with one sheet; numbers stay numbers, dates ISO text, None empty."""
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet[:31]
    worksheet.append(list(columns))
    for row in rows:
        values: list[Any] = []
        for column in columns:
            value = row.get(column)
            if isinstance(value, Decimal):
                values.append(float(value))
            elif isinstance(value, bool) or value is None or isinstance(value, date):
                values.append(_cell(value) if value is not None else None)
            else:
                values.append(value)
        worksheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
