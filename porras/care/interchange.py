"""The care tables in the interchange format of docs/product.md §4: relations, export and bulk import.

* :func:`relations` gives, per interchange table, a SQL ``SELECT`` over the care tables with exactly
  the interchange columns (SQLite and PostgreSQL); the outcomes report engine runs on them.
* :func:`export_dataset` writes them as Parquet files.
* :func:`import_dataset` loads a data set folder (Parquet or CSV) all or nothing, in one
  transaction: every bad row is reported by table, row and column and nothing is written. It
  checks the format with column-wise (Arrow) operations first; only when something is wrong does it
  go row by row (:func:`porras.care.domain.interchange.validate_dataset`) to name each bad cell.
  Rows are written with ``COPY`` on PostgreSQL (psycopg 3) and ``executemany`` on SQLite.

Conventions (the format leaves them open):

* ``county_code`` is the county of the episode's unit (the organiser of the care);
* booked appointments (not yet happened) are not exported: the format knows attended, did not
  attend and cancelled only;
* voided records (entered in error: episodes, appointments, measurements) are left out, of the
  relations and so of every report and export (a voided episode's appointments and measurements are
  voided with it); export → import → the same reports;
* a client with two open episodes in one unit in a data set keeps both: each later one is marked as
  opened beside the first (``opened_beside``), as Porras records a confirmed second episode;
* measurements whose total was prorated (incomplete answers, e.g. CORE-10 with one item missing)
  are not exported: the format's ``total`` is an integer and rounding a prorated total is a
  clinical decision nobody has sourced;
* ``items`` are the scores of the instrument's scored items, in item order;
* ``intervention`` is the Finnish procedure code where the intervention has one (``IDY03``), else
  Porras's own intervention code; on import procedure codes are read back to Porras's codes;
* imported clients are identified by ``client_id`` (kept as the record's interchange id; its keyed
  hash is keyed in the register of the client's county, as every pseudonym is); a client record
  belongs to one county's register, so one ``client_id`` has one ``county_code``; missing units are
  created under an organisation ``import-<county_code>``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.dataset as pads
import pyarrow.parquet as pq
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from porras.accounts import audit
from porras.accounts.models import County, Organisation, Unit, UnitKind
from porras.care.domain import codes
from porras.care.domain.children import MinorChildren
from porras.care.domain.clients import register_pseudonym
from porras.care.domain.episodes import interventions
from porras.care.domain.identity_code import pseudonym
from porras.care.domain.identity_codes_in_text import contains_identity_code
from porras.care.domain.interchange import (
    ALL_TABLES,
    CHILDREN_DATES,
    TABLE_NAMES,
    TABLES,
    RowError,
    arrow_schema,
    validate_dataset,
)
from porras.care.models import Appointment, Client, ClientUnit, Episode, Measurement, RiskFlag
from porras.instruments.domain import UnknownInstrument, load_instrument
from porras.lib.schema import EARLIEST_EVENT, YEARS_AHEAD

# --------------------------------------------------------------------------------------------- relations

_EPISODES = """SELECT e.id AS episode_id, c.code AS client_id, co.code AS county_code, u.code AS unit_id,
  c.birth_year AS birth_year, c.sex AS sex, c.language AS language, e.referral_date AS referral_date,
  e.assessment_date AS assessment_date, e.first_treatment_date AS first_treatment_date,
  e.end_date AS end_date, NULLIF(e.end_reason, '') AS end_reason, e.step AS step,
  {intervention} AS intervention, NULLIF(e.problem, '') AS problem, e.minor_children AS minor_children,
  e.children_discussed_date AS children_discussed_date, e.family_referral_date AS family_referral_date
FROM care_episode e
JOIN care_client c ON c.id = e.client_id
JOIN accounts_unit u ON u.id = e.unit_id
JOIN accounts_organisation o ON o.id = u.organisation_id
JOIN accounts_county co ON co.id = o.county_id
WHERE e.voided_at IS NULL"""

_APPOINTMENTS = """SELECT a.id AS appointment_id, a.episode_id AS episode_id, a.date AS date, a.kind AS kind,
  a.status AS status
FROM care_appointment a
WHERE a.status <> 'booked' AND a.voided_at IS NULL"""

_MEASUREMENTS = """SELECT m.id AS measurement_id, m.episode_id AS episode_id, m.date AS date,
  m.instrument AS instrument, CAST(m.total AS INTEGER) AS total, CAST(m.item_scores AS TEXT) AS items
FROM care_measurement m
WHERE m.complete AND m.voided_at IS NULL"""


def _procedure_codes() -> dict[str, str]:
    """Porras intervention code → Finnish procedure code, where a source gives one."""
    return {i.code: i.procedure_code for i in interventions().values() if i.procedure_code}


def _intervention_sql() -> str:
    # The format's intervention is the procedure code where one exists, else Porras's own code.
    whens = " ".join(f"WHEN '{code}' THEN '{procedure}'" for code, procedure in sorted(_procedure_codes().items()))
    return f"CASE e.intervention {whens} WHEN '' THEN NULL ELSE e.intervention END" if whens else \
        "NULLIF(e.intervention, '')"


def relations() -> dict[str, str]:
    """``{"episodes": SELECT..., "appointments": ..., "measurements": ...}`` over the care tables."""
    return {"episodes": _EPISODES.format(intervention=_intervention_sql()), "appointments": _APPOINTMENTS,
            "measurements": _MEASUREMENTS}


# --------------------------------------------------------------------------------------------- export

def _arrow_column(values: list[Any], target: pa.DataType) -> pa.Array:
    if pa.types.is_date(target):
        if any(isinstance(v, str) for v in values):  # SQLite returns ISO text
            return pc.cast(pa.array(values, pa.string()), target)
        return pa.array(values, target)
    if pa.types.is_list(target):
        parsed = [None if v in (None, "", "null") else (json.loads(v) if isinstance(v, str) else v) for v in values]
        return pa.array(parsed, target)
    return pa.array(values, target)


def relation_table(name: str, sql: str | None = None) -> pa.Table:
    """One interchange table read from the database, with the interchange Arrow schema (``sql``: the
    relation of a table kept by another app, see ``OPTIONAL_TABLES``)."""
    schema = arrow_schema(name)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({sql or relations()[name]}) r ORDER BY {ALL_TABLES[name].primary_key}")
        rows = cursor.fetchall()
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
    arrays = [_arrow_column(list(col), f.type) for col, f in zip(columns, schema, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


def export_dataset(out_dir: str | Path) -> dict[str, int]:
    """Write ``episodes.parquet``, ``appointments.parquet``, ``measurements.parquet``; rows per table."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name in TABLE_NAMES:
        table = relation_table(name)
        pq.write_table(table, out / f"{name}.parquet")
        counts[name] = table.num_rows
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, client_id FROM care_episode ORDER BY id")
        rows = cursor.fetchall()
    # the export reads every client's data: the audit entry names them, as consecutive id ranges
    audit.record(None, "dataset.export", "dataset", "",
                 detail={**counts, "episodes": id_ranges(r[0] for r in rows),
                         "clients": id_ranges(sorted({r[1] for r in rows}))})
    return counts


def id_ranges(ids: Iterable[int]) -> list[list[int]]:
    """Ascending ids as ``[[first, last], ...]`` runs of consecutive ids (compact for a whole register)."""
    runs: list[list[int]] = []
    for i in ids:
        if runs and i == runs[-1][1] + 1:
            runs[-1][1] = i
        elif not runs or i > runs[-1][1]:
            runs.append([i, i])
    return runs


# --------------------------------------------------------------------------------------------- reading

class ImportFailed(Exception):
    """The data set was not imported; ``errors`` names each bad cell (table, row, column, reason)."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} error(s); nothing was imported")


def read_table(folder: Path, name: str) -> pa.Table | None:
    """``name.parquet``, a folder ``name/`` of Parquet files (Hive partitions allowed), or ``name.csv``."""
    single = folder / f"{name}.parquet"
    if single.is_file():
        return pq.read_table(single)
    sub = folder / name
    if sub.is_dir() and any(sub.rglob("*.parquet")):
        return pads.dataset(sub, format="parquet", partitioning="hive").to_table()
    csv_file = folder / f"{name}.csv"
    if csv_file.is_file():
        # Everything as text: the column checks below parse it exactly like Parquet values.
        with csv_file.open("rb") as fh:
            header = fh.readline().decode("utf-8-sig").strip().split(",")
        types = {column.strip('"'): pa.string() for column in header}
        return pacsv.read_csv(
            csv_file,
            convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False),
        )
    return None


# --------------------------------------------------------------------------------------------- fast checks

class _Invalid(Exception):
    """A column-wise check failed; the row-wise validation will say where."""


def _all(mask: pa.Array | pa.ChunkedArray) -> bool:
    """True when every non-null value is true (an empty or all-null column passes)."""
    return pc.all(mask).as_py() is not False


def _blank_to_null(array: pa.ChunkedArray) -> pa.ChunkedArray:
    trimmed = pc.utf8_trim_whitespace(array)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)


def _typed(table: pa.Table, name: str) -> pa.Table:
    """The table with the interchange schema, or :class:`_Invalid`."""
    spec = TABLES[name]
    schema = arrow_schema(name)
    present = set(table.column_names)
    if present - set(spec.column_names):
        raise _Invalid("extra column")
    arrays = []
    for column, field in zip(spec.columns, schema, strict=True):
        if column.name not in present:
            if column.required:
                raise _Invalid("missing column")
            arrays.append(pa.nulls(table.num_rows, field.type))
            continue
        values = table.column(column.name)
        if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
            values = _blank_to_null(values.cast(pa.string()))
            if column.type == "date" and not _all(pc.match_substring_regex(values, r"^\d{4}-\d{2}-\d{2}$")):
                raise _Invalid("date form")
            if column.type == "int" and not _all(pc.match_substring_regex(values, r"^[+-]?\d+$")):
                raise _Invalid("int form")
            if column.type == "int_list":
                try:
                    values = pa.chunked_array([pa.array(
                        [None if v is None else json.loads(v) for v in values.to_pylist()], field.type)])
                except (ValueError, TypeError, pa.ArrowException) as exc:
                    raise _Invalid("items") from exc
        elif column.type == "string":
            raise _Invalid("string type")
        if (column.type == "int" and pa.types.is_floating(values.type)
                and not _all(pc.equal(pc.floor(values), values))):
            raise _Invalid("float not integral")
        if column.type == "date" and pa.types.is_timestamp(values.type):
            raise _Invalid("timestamp")  # the row-wise path accepts midnight and names the rest
        try:
            values = values.cast(field.type)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as exc:
            raise _Invalid(f"cast {column.name}") from exc
        if column.required and values.null_count:
            raise _Invalid("null")
        if column.minimum is not None or column.maximum is not None:
            bounds = pc.min_max(values).as_py()
            if bounds["min"] is not None:
                if column.minimum is not None and bounds["min"] < column.minimum:
                    raise _Invalid("minimum")
                if column.maximum is not None and bounds["max"] > column.maximum:
                    raise _Invalid("maximum")
        if column.type == "string" and values.null_count < len(values):
            allowed: Iterable[str] | None = column.allowed
            if column.allowed_from == "counties":
                from porras.care.domain.interchange import county_codes

                allowed = county_codes()
            if allowed is not None and not _all(
                    pc.or_(pc.is_null(values), pc.is_in(values, value_set=pa.array(list(allowed))))):
                raise _Invalid("allowed")
            if column.pattern is not None and not _all(pc.match_substring_regex(values, f"^(?:{column.pattern})$")):
                raise _Invalid("pattern")
        arrays.append(values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values)
    typed = pa.Table.from_arrays(arrays, schema=schema)
    key = typed.column(spec.primary_key)
    if pc.count_distinct(key).as_py() != typed.num_rows:
        raise _Invalid("duplicate id")
    if name == "episodes":
        _episode_cross_checks(typed)
    return typed


def _any_true(mask: pa.Array | pa.ChunkedArray) -> bool:
    return bool(pc.any(mask).as_py())


def _episode_cross_checks(t: pa.Table) -> None:
    referral = t.column("referral_date")
    for name in ("assessment_date", "first_treatment_date", "end_date"):
        if _any_true(pc.less(t.column(name), referral)):
            raise _Invalid(name)
    years = pc.year(referral)
    if _any_true(pc.greater(t.column("birth_year").cast(pa.int64()), years)):
        raise _Invalid("birth_year")
    if _any_true(pc.less(t.column("first_treatment_date"), t.column("assessment_date"))):
        raise _Invalid("first_treatment_date")
    with_children = pc.fill_null(pc.equal(t.column("minor_children"), MinorChildren.YES.value), False)
    for name in CHILDREN_DATES:
        if _any_true(pc.less(t.column(name), referral)) or _any_true(
                pc.and_(pc.is_valid(t.column(name)), pc.invert(with_children))):
            raise _Invalid(name)
    ended = pc.is_valid(t.column("end_date"))
    reason = pc.is_valid(t.column("end_reason"))
    if _any_true(pc.not_equal(ended, reason)):
        raise _Invalid("end_reason")


def _foreign_keys(tables: Mapping[str, pa.Table]) -> None:
    ids = tables["episodes"].column("episode_id")
    for name in ("appointments", "measurements"):
        if not _all(pc.is_in(tables[name].column("episode_id"), ids)):
            raise _Invalid("episode_id")


# --------------------------------------------------------------------------------------------- domain checks

CLIENT_FACTS = ("birth_year", "sex", "language", "county_code")

# Code columns the format leaves open, and what a code looks like there (porras.care.domain.codes): ASCII,
# starting with a letter or digit (never a spreadsheet formula), no longer than the column that keeps it.
CODE_COLUMNS: dict[tuple[str, str], tuple[str, int]] = {
    ("episodes", "client_id"): (codes.CODE_WORD, codes.CLIENT_ID_MAX),
    ("episodes", "unit_id"): (codes.SLUG, codes.UNIT_CODE_MAX),
    ("episodes", "intervention"): (codes.CODE_WORD, codes.INTERVENTION_MAX),
    ("episodes", "problem"): (codes.CODE_WORD, codes.PROBLEM_MAX),
    ("measurements", "instrument"): (r"[a-z][a-z0-9_]*", 40),
}
DATE_COLUMNS = (("episodes", "referral_date"), ("episodes", "assessment_date"), ("episodes", "first_treatment_date"),
                ("episodes", "end_date"), *(("episodes", name) for name in CHILDREN_DATES),
                ("appointments", "date"), ("measurements", "date"))
MAX_ROWS_NAMED = 50  # per column and reason: enough to find the pattern, short enough to read


def _code_errors(tables: Mapping[str, pa.Table]) -> list[RowError]:
    errors: list[RowError] = []
    for (name, column), (pattern, longest) in CODE_COLUMNS.items():
        values = tables[name].column(column)
        bad = pc.or_(pc.invert(pc.match_substring_regex(values, f"^(?:{pattern})$")),
                     pc.greater(pc.utf8_length(values), longest))
        for row in _rows_where(bad)[:MAX_ROWS_NAMED]:
            errors.append(RowError(name, row, column, f"is not a code: ASCII letters, digits and {_punctuation(pattern)}, "
                                                      f"starting with a letter or digit, at most {longest} characters"))
    return errors


def _punctuation(pattern: str) -> str:
    return "_ . -" if pattern == codes.CODE_WORD else "_ -" if pattern == codes.SLUG else "_"


def _date_errors(tables: Mapping[str, pa.Table]) -> list[RowError]:
    """Dates of care events within the plausible bounds the API and the forms use."""
    earliest = EARLIEST_EVENT
    latest = dt.date(dt.date.today().year + YEARS_AHEAD, 12, 31)
    errors: list[RowError] = []
    for name, column in DATE_COLUMNS:
        values = tables[name].column(column)
        bad = pc.or_(pc.less(values, pa.scalar(earliest, pa.date32())), pc.greater(values, pa.scalar(latest, pa.date32())))
        for row in _rows_where(bad)[:MAX_ROWS_NAMED]:
            errors.append(RowError(name, row, column, f"must be between {earliest.isoformat()} and {latest.isoformat()}"))
    return errors


def _new_units_in_two_counties(episodes: pa.Table, existing: set[str]) -> list[RowError]:
    """A unit belongs to one county: a new unit_id given two county_codes is refused, naming the first row
    that gives it another county than its first row (a unit already here is checked against its county)."""
    errors: list[RowError] = []
    pairs = episodes.select(["unit_id", "county_code"]).group_by(["unit_id", "county_code"]).aggregate([])
    counted = pairs.group_by("unit_id").aggregate([("county_code", "count")])
    for unit_code in counted.filter(pc.greater(counted.column("county_code_count"), 1)).column("unit_id").to_pylist():
        if unit_code in existing:
            continue
        rows = episodes.filter(pc.equal(episodes.column("unit_id"), unit_code)).column("county_code").to_pylist()
        numbers = _rows_where(pc.equal(episodes.column("unit_id"), unit_code))
        other = next(i for i, county in enumerate(rows) if county != rows[0])
        errors.append(RowError("episodes", numbers[other], "county_code",
                               f"unit {unit_code!r} is in county {rows[0]!r} in row {numbers[0]}: a unit belongs to "
                               "one county"))
        if len(errors) >= MAX_ROWS_NAMED:
            break
    return errors


def _conflicting_facts(episodes: pa.Table, client_code: str) -> RowError:
    """The first row that gives a client other facts than the client's first row, naming the fact."""
    rows = episodes.filter(pc.equal(episodes.column("client_id"), client_code)).select(list(CLIENT_FACTS)).to_pylist()
    numbers = _rows_where(pc.equal(episodes.column("client_id"), client_code))
    for number, row in zip(numbers[1:], rows[1:], strict=True):
        differ = [name for name in CLIENT_FACTS if row[name] != rows[0][name]]
        if differ:
            what = ("another county: a client record belongs to one county's register" if differ == ["county_code"]
                    else f"other {', '.join(differ)}")
            return RowError("episodes", number, differ[0] if len(differ) == 1 else "client_id",
                            f"gives the client of row {numbers[0]} {what}")
    raise AssertionError("no conflicting row")  # pragma: no cover - called only for conflicting clients

def _rows_where(mask: pa.Array | pa.ChunkedArray) -> list[int]:
    return [int(i) + 1 for i in np.flatnonzero(np.asarray(pc.fill_null(mask, False)))]


@dataclass
class _Plan:
    tables: dict[str, pa.Table]
    units: dict[str, int]  # unit code -> id
    clients: dict[str, int]  # client_id -> id of an existing client
    new_clients: pa.Table  # client_id, birth_year, sex, language, county_code of clients to create
    known_client_ids: set[int]


def _domain_checks(tables: dict[str, pa.Table]) -> tuple[_Plan | None, list[RowError]]:
    errors: list[RowError] = _code_errors(tables) + _date_errors(tables)
    episodes = tables["episodes"]

    # ids that exist already
    for name, model in (("episodes", Episode), ("appointments", Appointment), ("measurements", Measurement)):
        key = TABLES[name].primary_key
        ids = tables[name].column(key)
        if not len(ids):
            continue
        low, high = pc.min_max(ids).as_py().values()
        taken = set(model.objects.filter(pk__gte=low, pk__lte=high).values_list("pk", flat=True))
        if taken:
            for row in _rows_where(pc.is_in(ids, pa.array(sorted(taken), pa.int64()))):
                errors.append(RowError(name, row, key, "already exists in this database"))

    # units: exist in the same county, or will be created
    counties = {c.code: c for c in County.objects.all()}
    pairs = episodes.select(["unit_id", "county_code"]).group_by(["unit_id", "county_code"]).aggregate([])
    existing_units = {u.code: u for u in Unit.objects.select_related("organisation__county")
                      .filter(code__in=pairs.column("unit_id").to_pylist())}
    for unit_code, county_code in zip(pairs.column("unit_id").to_pylist(), pairs.column("county_code").to_pylist(),
                                      strict=True):
        unit = existing_units.get(unit_code)
        if unit is not None and unit.organisation.county.code != county_code:
            mask = pc.and_(pc.equal(episodes.column("unit_id"), unit_code),
                           pc.equal(episodes.column("county_code"), county_code))
            row = _rows_where(mask)[0]
            errors.append(RowError("episodes", row, "county_code",
                                   f"unit {unit_code!r} belongs to county {unit.organisation.county.code!r}"))
        if county_code not in counties:
            errors.append(RowError("episodes", _rows_where(pc.equal(episodes.column("county_code"), county_code))[0],
                                   "county_code", "is not a county of this database"))
    errors += _new_units_in_two_counties(episodes, set(existing_units))

    # clients: one set of facts per client_id (a client record belongs to one county's register),
    # agreeing with a client already here
    facts = episodes.select(["client_id", *CLIENT_FACTS])
    distinct = facts.group_by(["client_id", *CLIENT_FACTS]).aggregate([])
    if distinct.num_rows != pc.count_distinct(facts.column("client_id")).as_py():
        counts = distinct.group_by("client_id").aggregate([("birth_year", "count")])
        bad = counts.filter(pc.greater(counts.column("birth_year_count"), 1)).column("client_id").to_pylist()
        for client_code in bad[:50]:
            errors.append(_conflicting_facts(episodes, client_code))
    codes = distinct.column("client_id").to_pylist()
    errors += _identity_codes_as_client_ids(episodes)
    known_ids = _ids_by_code("care_client", codes)
    known: dict[str, Client] = {}
    ids = sorted(known_ids.values())
    for i in range(0, len(ids), 5000):
        known.update({c.code: c for c in Client.objects.filter(pk__in=ids[i:i + 5000]).select_related("county")})
    for row_facts in distinct.to_pylist() if known else []:
        client = known.get(row_facts["client_id"])
        if client is None:
            continue
        row = _rows_where(pc.equal(episodes.column("client_id"), row_facts["client_id"]))[0]
        if client.county.code != row_facts["county_code"]:
            errors.append(RowError("episodes", row, "county_code",
                                   "the client_id is a client of another county's register in this database"))
        elif (client.birth_year, client.sex, client.language) != (
                row_facts["birth_year"], row_facts["sex"], row_facts["language"]):
            errors.append(RowError("episodes", row, "client_id",
                                   "exists in this database with another birth_year, sex or language"))

    # measurements: known instruments, totals in range, item counts
    measurements = tables["measurements"]
    for instrument_id in pc.unique(measurements.column("instrument")).to_pylist():
        mask = pc.equal(measurements.column("instrument"), instrument_id)
        try:
            inst = load_instrument(instrument_id)
        except UnknownInstrument:
            errors.append(RowError("measurements", _rows_where(mask)[0], "instrument",
                                   f"unknown instrument {instrument_id!r}"))
            continue
        low, high = inst.score_range
        out = pc.and_(mask, pc.or_(pc.less(measurements.column("total"), low),
                                   pc.greater(measurements.column("total"), high)))
        for row in _rows_where(out)[:50]:
            errors.append(RowError("measurements", row, "total", f"must be {low}–{high} for {instrument_id}"))
        n_items = len(inst.scored_items)
        lengths = pc.list_value_length(measurements.column("items"))
        wrong = pc.and_(mask, pc.not_equal(lengths, n_items))
        for row in _rows_where(wrong)[:50]:
            errors.append(RowError("measurements", row, "items", f"must hold {n_items} item scores for {instrument_id}"))

    if errors:
        return None, sorted(errors)
    return _Plan(tables, {u: existing_units[u].pk for u in existing_units},
                 {code: c.pk for code, c in known.items()},
                 distinct.filter(pc.invert(pc.is_in(distinct.column("client_id"), pa.array(list(known), pa.string())))),
                 {c.pk for c in known.values()}), []


def _identity_codes_as_client_ids(episodes: pa.Table) -> list[RowError]:
    """A client_id is stored as the client's interchange id: one that is a personal identity code
    would keep the code in the database (never). Refused by row, without repeating it. Only ids
    that look like one (or hold other than ASCII) are checked one by one."""
    ids = episodes.column("client_id")
    suspect = pc.or_(pc.match_substring_regex(ids, r"[0-9]{6}[-+A-FU-Ya-fu-y]?[0-9]{3}[0-9A-Ya-y]"),
                     pc.invert(pc.string_is_ascii(ids)))
    errors: list[RowError] = []
    for row in _rows_where(suspect):
        if contains_identity_code(ids[row - 1].as_py()) and len(errors) < 50:
            errors.append(RowError("episodes", row, "client_id",
                                   "is a personal identity code: give the client's pseudonymous id"))
    return errors


def validate(tables: dict[str, pa.Table]) -> tuple[dict[str, pa.Table] | None, list[RowError]]:
    """Typed tables, or the row-level errors."""
    missing = [name for name in TABLE_NAMES if name not in tables]
    if missing:
        return None, [RowError(name, 0, "", "table is missing from the data set") for name in missing]
    try:
        typed = {name: _typed(tables[name], name) for name in TABLE_NAMES}
        _foreign_keys(typed)
        return typed, []
    except _Invalid as exc:
        errors = validate_dataset({name: tables[name].to_pylist() for name in TABLE_NAMES})
        if not errors:  # the column-wise check is stricter somewhere: still name what failed
            errors = [RowError("dataset", 0, "", f"failed a check: {exc}")]
        return None, errors


# --------------------------------------------------------------------------------------------- writing

ColumnData = Any  # an Arrow array, a chunked array or a list


def _const(value: Any, n: int, type_: pa.DataType | None = None) -> pa.Array:
    return pa.repeat(pa.scalar(value, type_), n) if value is not None else pa.nulls(n, type_ or pa.string())


def _write(table: str, columns: dict[str, ColumnData]) -> None:
    """Insert rows given column-wise (Arrow arrays or lists): ``COPY`` on PostgreSQL, ``executemany``
    on SQLite."""
    arrays = {name: (pa.array(col) if isinstance(col, list) else col) for name, col in columns.items()}
    data = pa.Table.from_pydict(arrays)
    if not data.num_rows:
        return
    names = ", ".join(data.column_names)
    if connection.vendor == "postgresql":
        buffer = io.BytesIO()
        pacsv.write_csv(data, buffer, write_options=pacsv.WriteOptions(include_header=False, quoting_style="needed"))
        raw = connection.connection  # the psycopg 3 connection under Django's wrapper
        with raw.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv)") as copy:
            copy.write(buffer.getbuffer())
        return
    for name in data.column_names:  # SQLite stores dates and times as ISO text
        if pa.types.is_date(data.column(name).type) or pa.types.is_timestamp(data.column(name).type):
            data = data.set_column(data.column_names.index(name), name, data.column(name).cast(pa.string()))
    marks = ", ".join("%s" for _ in data.column_names)
    rows = list(zip(*(data.column(n).to_pylist() for n in data.column_names), strict=True))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _now() -> str:
    """The time as the database takes it, as text (formatting Arrow timestamps is slow)."""
    return str(connection.ops.adapt_datetimefield_value(timezone.now()))


def _ids_by_code(table: str, codes: list[str]) -> dict[str, int]:
    """``code → id`` of the rows of ``table`` with these codes (one array parameter on PostgreSQL)."""
    found: dict[str, int] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT code, id FROM {table} WHERE code = ANY(%s)", [codes])
            found.update(cursor.fetchall())
        else:
            for i in range(0, len(codes), 5000):
                chunk = codes[i:i + 5000]
                cursor.execute(f"SELECT code, id FROM {table} WHERE code IN ({', '.join('%s' for _ in chunk)})", chunk)
                found.update(cursor.fetchall())
    return found


def _map(codes: pa.ChunkedArray, mapping: dict[str, int]) -> pa.Array:
    """Look codes up in ``mapping`` column-wise."""
    keys = pa.array(list(mapping), pa.string())
    values = pa.array(list(mapping.values()), pa.int64())
    return pc.take(values, pc.index_in(codes, value_set=keys))


def _ensure_units(plan: _Plan) -> None:
    episodes = plan.tables["episodes"]
    pairs = episodes.select(["unit_id", "county_code"]).group_by(["unit_id", "county_code"]).aggregate([])
    for unit_code, county_code in zip(pairs.column("unit_id").to_pylist(), pairs.column("county_code").to_pylist(),
                                      strict=True):
        if unit_code in plan.units:
            continue
        county = County.objects.get(code=county_code)
        org, _ = Organisation.objects.get_or_create(
            code=f"import-{county_code}", defaults={"county": county, "name_fi": f"Tuodut yksiköt ({county.name_fi})",
                                                    "name_sv": f"Importerade enheter ({county.name_sv})"})
        unit = Unit.objects.create(code=unit_code, organisation=org, kind=UnitKind.SOTE_CENTRE,
                                   name_fi=unit_code, name_sv=unit_code)
        plan.units[unit_code] = unit.pk


def _insert_clients(plan: _Plan, key: str) -> None:
    new = plan.new_clients
    if not new.num_rows:
        return
    counties = dict(County.objects.values_list("code", "pk"))
    codes = new.column("client_id").to_pylist()
    registers = new.column("county_code").to_pylist()
    n = len(codes)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # ids are given here: no one else may insert meanwhile
            cursor.execute("LOCK TABLE care_client IN EXCLUSIVE MODE")
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM care_client")
        first = int(cursor.fetchone()[0]) + 1
    ids = pa.array(range(first, first + n), pa.int64())
    _write("care_client", {
        "id": ids,
        "identifier_system": _const("local", n),
        # imported records: the data set's client_id is the identifier, keyed in the county's register
        "pseudonym": [register_pseudonym(key, pseudonym(key, "local", c), county, "")
                      for c, county in zip(codes, registers, strict=True)],
        "code": new.column("client_id"),
        "birth_year": new.column("birth_year"),
        "sex": new.column("sex"),
        "home_county_id": _map(new.column("county_code"), counties),
        "county_id": _map(new.column("county_code"), counties),
        "organisation_id": pa.nulls(n, pa.int64()),
        "language": new.column("language"),
        "local_identifier": _const("", n),
        "created_at": _const(_now(), n),
    })
    plan.clients.update(zip(codes, ids.to_pylist(), strict=True))


def _json_lists(column: pa.ChunkedArray) -> pa.Array:
    if column.null_count == len(column):
        return pa.nulls(len(column), pa.string())
    return pa.array([None if v is None else json.dumps(v) for v in column.to_pylist()], pa.string())


def _insert(plan: _Plan) -> dict[str, int]:
    episodes, appointments, measurements = (plan.tables[n] for n in TABLE_NAMES)
    now = _now()
    n = episodes.num_rows
    client_ids = _map(episodes.column("client_id"), plan.clients)
    unit_ids = _map(episodes.column("unit_id"), plan.units)
    problems = pc.fill_null(episodes.column("problem"), "")
    concerns = pc.if_else(pc.equal(problems, ""), "[]",
                          pc.binary_join_element_wise('["', problems, '"]', ""))
    _write("care_episode", {
        "id": episodes.column("episode_id"),
        "client_id": client_ids, "unit_id": unit_ids,
        "referral_date": episodes.column("referral_date"),
        "referral_source": _const("other", n),
        "concerns": concerns if not _needs_json_escape(problems) else
        [json.dumps([p]) if p else "[]" for p in problems.to_pylist()],
        "problem": problems,
        "assessment_date": episodes.column("assessment_date"),
        "first_treatment_date": episodes.column("first_treatment_date"),
        "step": episodes.column("step"),
        "intervention": _own_intervention_codes(pc.fill_null(episodes.column("intervention"), "")),
        "end_date": episodes.column("end_date"),
        "end_reason": pc.fill_null(episodes.column("end_reason"), ""),
        # a file without the children's columns (older than them) says nothing: unknown
        "minor_children": pc.fill_null(episodes.column("minor_children"), MinorChildren.UNKNOWN.value),
        "children_discussed_date": episodes.column("children_discussed_date"),
        "children_discussion_method": _const("", n),
        "family_referral_date": episodes.column("family_referral_date"),
        "navigator_ruleset_id": _const("", n), "navigator_ruleset_version": _const("", n),
        "version": _const(1, n, pa.int32()), "created_at": _const(now, n), "updated_at": _const(now, n),
        **_opened_beside(plan, episodes, client_ids, unit_ids),
        "voided_by": _const("", n), "void_reason": _const("", n),
    })
    links = pa.table({"client_id": client_ids, "unit_id": unit_ids}).group_by(["client_id", "unit_id"]).aggregate([])
    if plan.known_client_ids:
        known = sorted(plan.known_client_ids)
        pairs: set[tuple[int, int]] = set()
        for i in range(0, len(known), 5000):
            pairs.update(ClientUnit.objects.filter(client_id__in=known[i:i + 5000]).values_list("client_id", "unit_id"))
        if pairs:
            keep = [(c, u) not in pairs for c, u in zip(links.column("client_id").to_pylist(),
                                                        links.column("unit_id").to_pylist(), strict=True)]
            links = links.filter(pa.array(keep))
    _write("care_clientunit", {"client_id": links.column("client_id"), "unit_id": links.column("unit_id"),
                               "created_at": _const(now, links.num_rows)})

    m = appointments.num_rows
    _write("care_appointment", {
        "id": appointments.column("appointment_id"),
        "episode_id": appointments.column("episode_id"),
        "date": appointments.column("date"),
        "kind": appointments.column("kind"),
        "status": appointments.column("status"),
        "created_at": _const(now, m),
        "voided_by": _const("", m), "void_reason": _const("", m),
    })

    k = measurements.num_rows
    instruments = measurements.column("instrument")
    totals = measurements.column("total")
    severity = _const("", k)
    caseness = pa.nulls(k, pa.bool_())
    versions = _const("", k)
    loaded = {i: load_instrument(i) for i in pc.unique(instruments).to_pylist()}
    for instrument_id, inst in loaded.items():
        mask = pc.equal(instruments, instrument_id)
        versions = pc.if_else(mask, inst.version, versions)
        for band in inst.severity_bands:  # bands ascend: the last one reached wins
            severity = pc.if_else(pc.and_(mask, pc.greater_equal(totals, band.min)), band.key, severity)
        if inst.caseness is not None:
            caseness = pc.if_else(mask, pc.greater_equal(totals, inst.caseness.min_total), caseness)
    items = measurements.column("items")
    _write("care_measurement", {
        "id": measurements.column("measurement_id"),
        "episode_id": measurements.column("episode_id"),
        "instrument": instruments, "instrument_version": versions,
        "date": measurements.column("date"),
        "item_scores": _json_lists(items),
        "total": totals.cast(pa.float64()),
        "severity": severity, "caseness": caseness, "subscores": _const("{}", k), "complete": _const(True, k),
        "warnings": _const("[]", k), "source": _const("import", k),
        "created_at": _const(now, k),
        "voided_by": _const("", k), "void_reason": _const("", k),
    })

    # A risk answer is never lost: item scores at or above an item's risk threshold raise a flag.
    flags: dict[str, list[Any]] = {"episode_id": [], "measurement_id": [], "instrument": [], "item": [], "value": []}
    risky = {i: [(pos, it) for pos, it in enumerate(inst.scored_items) if it.risk is not None]
             for i, inst in loaded.items()}
    with_items = measurements.filter(pc.is_valid(items))
    for row in with_items.select(["measurement_id", "episode_id", "instrument", "items"]).to_pylist():
        for pos, item in risky[row["instrument"]]:
            assert item.risk is not None
            if row["items"][pos] >= item.risk.min_score:
                for name, value in (("episode_id", row["episode_id"]), ("measurement_id", row["measurement_id"]),
                                    ("instrument", row["instrument"]), ("item", item.id),
                                    ("value", row["items"][pos])):
                    flags[name].append(value)
    f = len(flags["item"])
    _write("care_riskflag", {**flags, "raised_at": _const(now, f), "acknowledged_by": _const("", f),
                             "acknowledgement_note": _const("", f)})

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Client, ClientUnit, Episode, Appointment,
                                                                  Measurement, RiskFlag]):
            cursor.execute(sql)
    return {"episodes": n, "appointments": m, "measurements": k, "clients": plan.new_clients.num_rows,
            "risk_flags": f}


OPENED_BESIDE_ON_IMPORT = "imported: the data set has an earlier open episode of the client in the same unit"


def _opened_beside(plan: _Plan, episodes: pa.Table, client_ids: pa.Array, unit_ids: pa.Array) -> dict[str, Any]:
    """``opened_beside_id`` and ``opened_beside_reason`` of the episodes: an open episode of a client in a
    unit that already has one (in the data set, by referral date and id, or in the database) is marked as
    opened beside the first, so that a client keeps one open episode per unit unless a second is recorded."""
    n = episodes.num_rows
    beside = np.full(n, -1, dtype=np.int64)
    open_rows = np.flatnonzero(np.asarray(pc.is_null(episodes.column("end_date"))))
    if len(open_rows):
        clients = np.asarray(client_ids)[open_rows]
        units = np.asarray(unit_ids)[open_rows]
        ids = np.asarray(episodes.column("episode_id"))[open_rows]
        dates = np.asarray(episodes.column("referral_date").cast(pa.int32()))[open_rows]
        order = np.lexsort((ids, dates, units, clients))
        clients, units, ids, rows = clients[order], units[order], ids[order], open_rows[order]
        starts = np.ones(len(rows), dtype=bool)
        starts[1:] = (clients[1:] != clients[:-1]) | (units[1:] != units[:-1])
        first = ids[np.maximum.accumulate(np.where(starts, np.arange(len(rows)), 0))]
        beside[rows[~starts]] = first[~starts]
        existing = _open_episodes_here(plan)  # an open episode already here comes first
        if existing:
            keys = (clients.astype(np.int64) << 32) | units.astype(np.int64)
            known = np.array(sorted((c << 32) | u for c, u in existing), dtype=np.int64)
            at = np.clip(np.searchsorted(known, keys), 0, len(known) - 1)
            hit = known[at] == keys
            ids_here = np.array([existing[(int(k) >> 32, int(k) & 0xFFFFFFFF)] for k in known], dtype=np.int64)
            beside[rows[hit]] = ids_here[at[hit]]
    marked = beside >= 0
    return {"opened_beside_id": pa.array(beside, mask=~marked),
            "opened_beside_reason": pa.array(np.where(marked, OPENED_BESIDE_ON_IMPORT, ""), pa.string())}


def _open_episodes_here(plan: _Plan) -> dict[tuple[int, int], int]:
    """(client id, unit id) → the open episode already in the database, for the clients the data set names."""
    found: dict[tuple[int, int], int] = {}
    known = sorted(plan.known_client_ids)
    for i in range(0, len(known), 5000):
        for pk, client_id, unit_id in (Episode.objects.filter(client_id__in=known[i:i + 5000], end_date__isnull=True,
                                                              voided_at__isnull=True, opened_beside__isnull=True)
                                       .values_list("pk", "client_id", "unit_id")):
            found[(client_id, unit_id)] = pk
    return found


def _own_intervention_codes(codes: pa.ChunkedArray) -> pa.ChunkedArray:
    """Procedure codes (``IDY03``) back to Porras's intervention codes; other codes kept as given."""
    by_procedure = {procedure: code for code, procedure in _procedure_codes().items()}
    for procedure, code in by_procedure.items():
        codes = pc.if_else(pc.equal(codes, procedure), code, codes)
    return codes


def _needs_json_escape(values: pa.Array | pa.ChunkedArray) -> bool:
    return bool(pc.any(pc.match_substring_regex(values, r'["\\\x00-\x1f]')).as_py())


_LOADED_TABLES = ("care_client", "care_clientunit", "care_episode", "care_appointment", "care_measurement",
                  "care_riskflag")


@contextmanager
def _bulk_load(rows: int) -> Iterator[None]:
    """On PostgreSQL, load like ``pg_restore``: drop the foreign keys of the loaded tables (and their
    plain indexes when the load is at least as big as what is there), and add them back after the
    load, inside the same transaction. Re-adding a foreign key checks every row in one pass instead
    of one trigger per row at commit, so nothing goes unchecked; the loaded tables are locked
    meanwhile. Other databases: no change."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)", [list(_LOADED_TABLES)])
        foreign_keys = cursor.fetchall()
        cursor.execute("SELECT COALESCE(SUM(reltuples), 0) FROM pg_class WHERE relname = ANY(%s)",
                       [list(_LOADED_TABLES)])
        existing = float(cursor.fetchone()[0])
        indexes: list[tuple[str, str]] = []
        if rows >= existing:
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "JOIN pg_class t ON t.oid = i.indrelid WHERE t.relname = ANY(%s) AND NOT i.indisunique "
                "AND NOT i.indisprimary", [list(_LOADED_TABLES)])
            indexes = cursor.fetchall()
        # Run deferred checks of earlier writes in this transaction now: ALTER TABLE refuses pending ones.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, name, _definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


def import_tables(tables: dict[str, pa.Table], pseudonym_key: str) -> dict[str, int]:
    """Import in-memory tables (all or nothing). Raises :class:`ImportFailed` with every bad cell."""
    typed, errors = validate(tables)
    if typed is None:
        raise ImportFailed(errors)
    with transaction.atomic():
        plan, errors = _domain_checks(typed)
        if plan is None:
            raise ImportFailed(errors)
        _ensure_units(plan)
        with _bulk_load(sum(t.num_rows for t in typed.values())):
            _insert_clients(plan, pseudonym_key)
            counts = _insert(plan)
        _refresh_planner_statistics()
        written = sorted(pc.unique(typed["episodes"].column("episode_id")).to_pylist())
        clients = sorted({plan.clients[c] for c in pc.unique(typed["episodes"].column("client_id")).to_pylist()})
        audit.record(None, "dataset.import", "dataset", "",
                     detail={**counts, "episodes": id_ranges(written), "clients": id_ranges(clients)})
    return counts


def _refresh_planner_statistics() -> None:
    """ANALYZE the loaded tables, as after ``pg_restore``: until autovacuum gets to them, PostgreSQL
    plans the reports over a fresh import with empty statistics (estimates of 3 rows for 100,000
    episodes; the county report took 1.18 s instead of 0.91 s: BENCHMARKS.md section 2b)."""
    with connection.cursor() as cursor:
        for table in _LOADED_TABLES:
            cursor.execute(f"ANALYZE {table}")


def app_import_hooks() -> list[Any]:
    """Apps above care that read their own tables of a data set (``<app>/dataset_import.py`` with
    ``import_(folder) -> counts`` and ``import_tables(tables) -> counts``, raising :class:`ImportFailed`);
    called in the transaction of the care tables' import."""
    from porras.care.episode_sections import discover

    return discover("dataset_import")


def import_dataset(folder: str | Path, pseudonym_key: str) -> dict[str, int]:
    """Read a data set folder and import it (all or nothing)."""
    path = Path(folder)
    if not path.is_dir():
        raise ImportFailed([RowError("dataset", 0, "", f"{path} is not a folder")])
    tables: dict[str, pa.Table] = {}
    for name in TABLE_NAMES:
        table = read_table(path, name)
        if table is not None:
            tables[name] = table
    return import_tables(tables, pseudonym_key)

