"""The data interchange format of docs/product.md section 4, defined once.

A data set is a folder with three tables - ``episodes``, ``appointments``, ``measurements`` - as
Parquet (``episodes.parquet`` or a folder ``episodes/`` of Parquet files, possibly Hive-partitioned)
or CSV (``episodes.csv``; UTF-8, header row, empty cell = null, ``items`` as a JSON array such as
``[1,0,2]``). Column names, types and allowed values below are the contract; the synthetic data
generator, the import validation, the export and the report engine all read them from here.

Porras conventions beyond the text of section 4 (documented, not clinical numbers):

* ``episode_id``, ``appointment_id`` and ``measurement_id`` are integers, so that "lowest" and
  "highest" ``measurement_id`` (the tie rule of the paired scores) is unambiguous.
* ``client_id`` and ``unit_id`` are strings (identifiers of the client-record system and of the
  organisation unit).
* ``sex`` is one of ``female``, ``male``, ``other``, ``unknown``; ``language`` is a two-letter
  ISO 639-1 code in lower case (``fi``, ``sv``, ``en``, ...).
* ``step`` is the stepped-care level 0-4; ``instrument`` is a Porras instrument id (``phq9``, ``gad7``
  ...); ``total`` is the instrument's integer total score; ``items`` the item scores, optional.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from porras.care.domain.children import MinorChildren
from porras.care.domain.clients import Sex
from porras.care.domain.episodes import STEPS as CARE_STEPS
from porras.care.domain.episodes import AppointmentKind, AppointmentStatus, EndReason

if TYPE_CHECKING:
    import pyarrow as pa

ColumnType = Literal["int", "string", "date", "int_list"]

# The values are the care app's own, declared once in its framework-free domain; booked
# appointments have not happened yet and are not part of the format.
END_REASONS: tuple[str, ...] = tuple(r.value for r in EndReason)
APPOINTMENT_KINDS: tuple[str, ...] = tuple(k.value for k in AppointmentKind)
APPOINTMENT_STATUSES: tuple[str, ...] = tuple(s.value for s in AppointmentStatus if s is not AppointmentStatus.BOOKED)
SEXES: tuple[str, ...] = tuple(s.value for s in Sex)
STEPS: tuple[int, ...] = CARE_STEPS
MINOR_CHILDREN: tuple[str, ...] = tuple(m.value for m in MinorChildren)
# The dates about the children, which only a client with children under 18 has.
CHILDREN_DATES: tuple[str, ...] = ("children_discussed_date", "family_referral_date")

COUNTIES_CSV = Path(__file__).resolve().parents[2] / "accounts" / "data" / "counties.csv"


@cache
def county_codes() -> tuple[str, ...]:
    """Porras county codes, read from the county reference data of the accounts app."""
    with COUNTIES_CSV.open(encoding="utf-8", newline="") as fh:
        return tuple(row["code"] for row in csv.DictReader(fh))


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    required: bool
    description: str
    allowed: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    pattern: str | None = None
    # allowed values that are looked up at validation time (reference data)
    allowed_from: Literal["counties"] | None = None


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: str

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


EPISODES = Table(
    "episodes",
    (
        Column("episode_id", "int", True, "episode identifier, unique", minimum=1),
        Column("client_id", "string", True, "pseudonymous client identifier"),
        Column("county_code", "string", True, "Porras county code", allowed_from="counties"),
        Column("unit_id", "string", True, "organisation unit identifier"),
        Column("birth_year", "int", True, "client's year of birth", minimum=1900, maximum=2100),
        Column("sex", "string", True, "client's sex", allowed=SEXES),
        Column("language", "string", True, "ISO 639-1 language code", pattern=r"[a-z]{2}"),
        Column("referral_date", "date", True, "date of referral"),
        Column("assessment_date", "date", False, "date of the assessment of need"),
        Column("first_treatment_date", "date", False, "date of the first treatment appointment"),
        Column("end_date", "date", False, "date the episode ended"),
        Column("end_reason", "string", False, "why the episode ended", allowed=END_REASONS),
        Column("step", "int", False, "stepped-care level", minimum=0, maximum=4),
        Column("intervention", "string", False, "intervention code (procedure code where one exists)"),
        Column("problem", "string", False, "presenting problem"),
        # The children of the client (porras.care.domain.children): least data, no child's identity.
        Column("minor_children", "string", False, "has the client children under 18 (empty = unknown)",
               allowed=MINOR_CHILDREN),
        Column("children_discussed_date", "date", False,
               "date the children's situation was discussed with the parent (minor_children yes only)"),
        Column("family_referral_date", "date", False,
               "date the family was referred to family services (minor_children yes only)"),
    ),
    "episode_id",
)

APPOINTMENTS = Table(
    "appointments",
    (
        Column("appointment_id", "int", True, "appointment identifier, unique", minimum=1),
        Column("episode_id", "int", True, "episode of the appointment", minimum=1),
        Column("date", "date", True, "date of the appointment"),
        Column("kind", "string", True, "kind of appointment", allowed=APPOINTMENT_KINDS),
        Column("status", "string", True, "what happened", allowed=APPOINTMENT_STATUSES),
    ),
    "appointment_id",
)

MEASUREMENTS = Table(
    "measurements",
    (
        Column("measurement_id", "int", True, "measurement identifier, unique", minimum=1),
        Column("episode_id", "int", True, "episode of the measurement", minimum=1),
        Column("date", "date", True, "date of the measurement"),
        Column("instrument", "string", True, "Porras instrument id", pattern=r"[a-z][a-z0-9_]*"),
        Column("total", "int", True, "total score", minimum=0, maximum=99_999),
        Column("items", "int_list", False, "item scores in item order"),
    ),
    "measurement_id",
)

TABLES: dict[str, Table] = {t.name: t for t in (EPISODES, APPOINTMENTS, MEASUREMENTS)}
TABLE_NAMES: tuple[str, ...] = tuple(TABLES)

# Tables beyond the three of section 4, written and read by the apps that keep the data (found by
# discovery: ``<app>/dataset_export.py`` and ``<app>/dataset_import.py``). A data set without one of
# them is a data set where nothing of that kind happened; the reports read them when present.
PROGRAMME_ASSIGNMENTS = Table(
    "programme_assignments",
    (
        Column("assignment_id", "int", True, "assignment identifier, unique", minimum=1),
        Column("episode_id", "int", True, "episode the programme was assigned to", minimum=1),
        Column("programme", "string", True, "programme id (a programme data file's id)",
               pattern=r"[a-z][a-z0-9_-]*"),
        Column("start_date", "date", True, "date the programme was assigned"),
        Column("end_date", "date", False, "date the programme ended (empty while it goes on)"),
        Column("modules_completed", "int", True, "modules the client completed", minimum=0, maximum=999),
        Column("modules_total", "int", True, "modules of the programme", minimum=1, maximum=999),
    ),
    "assignment_id",
)
OPTIONAL_TABLES: dict[str, Table] = {PROGRAMME_ASSIGNMENTS.name: PROGRAMME_ASSIGNMENTS}
ALL_TABLES: dict[str, Table] = {**TABLES, **OPTIONAL_TABLES}


@dataclass(frozen=True, order=True)
class RowError:
    """One problem of an input row; ``row`` is 1-based over the data rows (header not counted)."""

    table: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.table}, row {self.row}, column {self.column}: {self.reason}"


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(value != value)  # NaN-like objects (NaT, pandas NA raise or compare unequal)
    except (TypeError, ValueError):
        return True


def _parse_int(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError("must be an integer, not a boolean")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(f"must be an integer, got {value!r}")
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        raise ValueError(f"must be an integer, got {value!r}")
    if hasattr(value, "__index__"):  # numpy integers
        return int(value.__index__())
    raise ValueError(f"must be an integer, got {type(value).__name__}")


def _parse_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0):
            raise ValueError(f"must be a date without a time of day, got {value.isoformat()}")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                raise ValueError(f"is not a valid calendar date: {text!r}") from None
        raise ValueError(f"must be an ISO 8601 date YYYY-MM-DD, got {value!r}")
    raise ValueError(f"must be a date, got {type(value).__name__}")


def _parse_int_list(value: object) -> list[int]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise ValueError("must be a JSON array of integers such as [1,0,2]") from None
    if hasattr(value, "tolist"):  # numpy arrays
        value = value.tolist()
    if not isinstance(value, list | tuple):
        raise ValueError("must be a list of integers")
    out = []
    for i, item in enumerate(value, start=1):
        try:
            out.append(_parse_int(item))
        except ValueError as exc:
            raise ValueError(f"item {i} {exc}") from None
    return out


def parse_value(column: Column, value: object) -> object:
    """Parse one cell (typed value or CSV text); raises ``ValueError`` with the reason."""
    if _is_missing(value):
        if column.required:
            raise ValueError("is required")
        return None
    parsed: object
    if column.type == "int":
        parsed = _parse_int(value)
        if column.minimum is not None and parsed < column.minimum:
            raise ValueError(f"must be at least {column.minimum}, got {parsed}")
        if column.maximum is not None and parsed > column.maximum:
            raise ValueError(f"must be at most {column.maximum}, got {parsed}")
    elif column.type == "date":
        parsed = _parse_date(value)
    elif column.type == "int_list":
        parsed = _parse_int_list(value)
    else:
        if not isinstance(value, str):
            raise ValueError(f"must be text, got {type(value).__name__}")
        parsed = value.strip()
        allowed = county_codes() if column.allowed_from == "counties" else column.allowed
        if allowed is not None and parsed not in allowed:
            shown = ", ".join(allowed) if len(allowed) <= 8 else "a Porras county code"
            raise ValueError(f"must be one of {shown}; got {parsed!r}")
        if column.pattern is not None and not re.fullmatch(column.pattern, parsed):
            raise ValueError(f"has the wrong form {parsed!r} (expected pattern {column.pattern})")
    return parsed


def _cross_field_errors(table: str, row_number: int, v: Mapping[str, Any]) -> list[RowError]:
    errors: list[RowError] = []

    def err(column: str, reason: str) -> None:
        errors.append(RowError(table, row_number, column, reason))

    if table == "programme_assignments":
        if v.get("end_date") is not None and v.get("start_date") is not None and v["end_date"] < v["start_date"]:
            err("end_date", f"is before start_date {v['start_date'].isoformat()}")
        done, total = v.get("modules_completed"), v.get("modules_total")
        if done is not None and total is not None and done > total:
            err("modules_completed", f"is more than modules_total ({done} > {total})")
        return errors
    if table != "episodes":
        return errors

    referral = v.get("referral_date")
    if referral is not None:
        for name in ("assessment_date", "first_treatment_date", "end_date"):
            if v.get(name) is not None and v[name] < referral:
                err(name, f"is before referral_date {referral.isoformat()}")
        for name in CHILDREN_DATES:
            if v.get(name) is not None and v[name] < referral:
                err(name, f"is before referral_date {referral.isoformat()}")
        if v.get("birth_year") is not None and v["birth_year"] > referral.year:
            err("birth_year", f"is after the year of referral_date {referral.year}")
    if (
        v.get("assessment_date") is not None
        and v.get("first_treatment_date") is not None
        and v["first_treatment_date"] < v["assessment_date"]
    ):
        err("first_treatment_date", "is before assessment_date")
    for name in CHILDREN_DATES:
        if v.get(name) is not None and v.get("minor_children") != MinorChildren.YES:
            err(name, "is given only when minor_children is yes")
    if v.get("end_date") is not None and v.get("end_reason") is None and "end_reason" in v:
        err("end_reason", "is required when end_date is set")
    if v.get("end_date") is None and v.get("end_reason") is not None and "end_date" in v:
        err("end_reason", "must be empty while end_date is empty")
    return errors


def parse_row(
    table: str, row_number: int, row: Mapping[str, object]
) -> tuple[dict[str, object], list[RowError]]:
    """Parse and check one row of ``table``; returns the typed values and the errors found."""
    spec = ALL_TABLES[table]
    values: dict[str, object] = {}
    errors: list[RowError] = []
    for column in spec.columns:
        if column.name not in row:
            if column.required:
                errors.append(RowError(table, row_number, column.name, "is missing from the row"))
            values[column.name] = None
            continue
        try:
            values[column.name] = parse_value(column, row[column.name])
        except ValueError as exc:
            errors.append(RowError(table, row_number, column.name, str(exc)))
            values[column.name] = None
    for name in row:
        if name not in spec.column_names:
            errors.append(RowError(table, row_number, str(name), f"is not a column of {table}"))
    if not errors:
        errors.extend(_cross_field_errors(table, row_number, values))
    return values, errors


def validate_rows(table: str, rows: Iterable[Mapping[str, object]]) -> list[RowError]:
    """Check every row of one table, including the uniqueness of its identifier."""
    if table not in ALL_TABLES:
        raise ValueError(f"table: unknown table {table!r}; expected one of {', '.join(ALL_TABLES)}")
    errors: list[RowError] = []
    key = ALL_TABLES[table].primary_key
    seen: dict[object, int] = {}
    for number, row in enumerate(rows, start=1):
        values, row_errors = parse_row(table, number, row)
        errors.extend(row_errors)
        ident = values.get(key)
        if ident is not None:
            if ident in seen:
                errors.append(RowError(table, number, key, f"duplicates row {seen[ident]}"))
            else:
                seen[ident] = number
    return errors


def validate_dataset(tables: Mapping[str, Iterable[Mapping[str, object]]]) -> list[RowError]:
    """Check a whole data set: every row, unique ids, and that every episode_id refers to an episode
    (the optional tables when present)."""
    errors: list[RowError] = []
    for name in tables:
        if name not in ALL_TABLES:
            errors.append(RowError(name, 0, "", f"is not a table of the format ({', '.join(ALL_TABLES)})"))
    episode_rows = list(tables.get("episodes", []))
    errors.extend(validate_rows("episodes", episode_rows))
    episode_ids = set()
    for row in episode_rows:
        try:
            episode_ids.add(_parse_int(row.get("episode_id")))
        except ValueError:
            continue
    for name in ("appointments", "measurements", *(t for t in OPTIONAL_TABLES if t in tables)):
        rows = list(tables.get(name, []))
        errors.extend(validate_rows(name, rows))
        for number, row in enumerate(rows, start=1):
            try:
                ref = _parse_int(row.get("episode_id"))
            except ValueError:
                continue  # already reported
            if ref not in episode_ids:
                errors.append(RowError(name, number, "episode_id", f"refers to no episode ({ref})"))
    return sorted(errors)


def arrow_schema(table: str) -> pa.Schema:
    """The Parquet/Arrow schema of a table."""
    import pyarrow as pa

    types = {
        "episode_id": pa.int64(),
        "assignment_id": pa.int64(),
        "modules_completed": pa.int16(),
        "modules_total": pa.int16(),
        "appointment_id": pa.int64(),
        "measurement_id": pa.int64(),
        "birth_year": pa.int16(),
        "step": pa.int8(),
        "total": pa.int32(),
    }
    fields_ = []
    for c in ALL_TABLES[table].columns:
        if c.type == "int":
            t = types.get(c.name, pa.int64())
        elif c.type == "date":
            t = pa.date32()
        elif c.type == "int_list":
            t = pa.list_(pa.int16())
        else:
            t = pa.string()
        fields_.append(pa.field(c.name, t, nullable=not c.required))
    return pa.schema(fields_)


SQL_TYPES: dict[ColumnType, str] = {
    "int": "BIGINT",
    "string": "VARCHAR",
    "date": "DATE",
    "int_list": "VARCHAR",
}
