"""Report writers: JSON, CSV, XLSX (openpyxl) and Parquet (pyarrow), all with the same columns.

Every format carries the group keys followed by the measure columns of the report
(:attr:`Report.columns`), one row per group, nulls as JSON ``null`` / empty CSV cell / empty XLSX
cell / Parquet null, and the definitions (version, sources and the disclosure rule's minimum and
rounding base): inside the JSON document, in a
``definitions`` sheet of the workbook, in the Parquet file's key-value metadata
(``porras.definitions``), and - for CSV, which has no place for them - as nothing (ask for JSON).
"""

from __future__ import annotations

import io
import json
from typing import Any, Literal

from porras.lib import tabular
from porras.outcomes.domain.definitions import GROUP_KEYS
from porras.outcomes.domain.engine import Report, ReportError

Format = Literal["json", "csv", "xlsx", "parquet"]
FORMATS: tuple[str, ...] = ("json", "csv", "xlsx", "parquet")
MEDIA_TYPES: dict[str, str] = {
    "json": "application/json",
    "csv": tabular.CSV_MEDIA_TYPE,
    "xlsx": tabular.XLSX_MEDIA_TYPE,
    "parquet": "application/vnd.apache.parquet",
}
# Every group key is text in the written files except these (month and quarter are text: "2025-03", "2025Q1").
_INTEGER_KEYS = frozenset({"step", "year"})
_STRING_KEYS = frozenset(str(key) for key in GROUP_KEYS) - _INTEGER_KEYS


def to_json(report: Report, *, indent: int | None = 2) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=indent)


def to_csv(report: Report) -> str:
    return tabular.to_csv(report.groups, report.columns)


def to_xlsx(report: Report) -> bytes:
    policy = report.policy
    definitions: list[list[Any]] = [
        ["version", report.definitions.version],
        ["disclosure minimum", policy.minimum],
        ["disclosure rounding base", policy.base],
        [],
        ["key", "citation", "used_for"],
    ]
    definitions += [[s["key"], s["citation"], s["used_for"]] for s in report.sources()]
    return tabular.to_xlsx(report.groups, report.columns, sheet="groups", extra_sheets={"definitions": definitions})


def arrow_table(report: Report) -> Any:
    """The report as a ``pyarrow.Table`` with a fixed schema (also for empty reports)."""
    import pyarrow as pa

    fields = []
    for column in report.columns:
        if column in _STRING_KEYS:
            t = pa.string()
        elif column in _INTEGER_KEYS:
            t = pa.int32()
        elif column == "suppressed":
            t = pa.bool_()
        elif column.endswith("_rate") or column.startswith("median_"):
            t = pa.float64()
        else:
            t = pa.int64()
        fields.append(pa.field(column, t))
    metadata = {b"porras.definitions": json.dumps(report.definitions_dict()).encode()}
    schema = pa.schema(fields, metadata=metadata)
    data = {c: [g[c] for g in report.groups] for c in report.columns}
    return pa.Table.from_pydict(data, schema=schema)


def to_parquet(report: Report) -> bytes:
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(arrow_table(report), sink)
    return sink.getvalue()


def render(report: Report, fmt: str) -> bytes:
    """The report in ``fmt`` as bytes (text formats UTF-8)."""
    if fmt == "json":
        return to_json(report).encode("utf-8")
    if fmt == "csv":
        return to_csv(report).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(report)
    if fmt == "parquet":
        return to_parquet(report)
    raise ReportError(f"format: unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")

