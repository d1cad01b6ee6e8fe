"""A training provider's CSV of completed trainings, read into rows. Framework-free.

Columns (header row required; order free; unknown columns refused):
``professional`` (Porras username), ``unit`` (unit code), ``method`` (method card code), ``course``,
``provider``, ``started_on``, ``completed_on``, ``certified_on`` (ISO dates, may be empty),
``supervision_sessions`` (whole number, may be empty).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

REQUIRED = ("professional", "unit", "method")
OPTIONAL = ("course", "provider", "started_on", "completed_on", "certified_on", "supervision_sessions")
COLUMNS = REQUIRED + OPTIONAL
MAX_ROWS = 5000
LENGTHS = {"professional": 150, "unit": 60, "method": 60, "course": 200, "provider": 200}


class ImportFormatError(ValueError):
    """The file cannot be read as the format (``errors``: ``{"item": row, "field", "reason"}``)."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{e.get('item')}: {e.get('field')}: {e.get('reason')}" for e in errors))


def read_rows(text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in reader.fieldnames or []]
    unknown = [h for h in header if h not in COLUMNS]
    missing = [h for h in REQUIRED if h not in header]
    if unknown or missing:
        raise ImportFormatError([{"item": 1, "field": ", ".join(unknown or missing),
                                  "reason": "is not a column of the format" if unknown else "is a required column"}])
    rows: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for number, raw in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            raise ImportFormatError([{"item": number, "field": "", "reason": f"at most {MAX_ROWS} rows"}])
        row: dict[str, Any] = {}
        for key, value in raw.items():
            if key is None:
                errors.append({"item": number, "field": "", "reason": "has more cells than the header"})
                continue
            row[key.strip()] = (value or "").strip()
        for name, most in LENGTHS.items():
            if len(row.get(name, "")) > most:
                errors.append({"item": number, "field": name, "reason": f"at most {most} characters"})
        for name in ("started_on", "completed_on", "certified_on"):
            text_value = row.get(name, "")
            try:
                row[name] = dt.date.fromisoformat(text_value) if text_value else None
            except ValueError:
                errors.append({"item": number, "field": name, "reason": "is not a date (YYYY-MM-DD)"})
        sessions = row.get("supervision_sessions", "")
        if sessions and not (sessions.isascii() and sessions.isdigit()):
            errors.append({"item": number, "field": "supervision_sessions", "reason": "is not a whole number"})
        else:
            row["supervision_sessions"] = int(sessions or 0)
        row["training_cases"] = []
        rows.append(row)
    if errors:
        raise ImportFormatError(errors)
    return rows
