"""``porras import DIR`` reads the ``programme_assignments`` table too (collected by care's import
command, in the same transaction as the episodes: one bad cell and nothing of the data set is written).

Checks beyond the format (:mod:`porras.care.domain.interchange`), each naming the field:

* ``assignment_id`` must be new to this database;
* ``episode_id`` must be an episode of the data set or of this database (not voided);
* ``programme`` must be one of this Porras's programmes (the work list and the episode page read it);
* ``start_date`` may not be before the episode's referral; an ended episode's programme has ended too
  (Porras ends them when the episode's end is recorded, which may be days after its ``end_date``: an
  ``end_date`` after the episode's is accepted).

Imported assignments have no access code, messages or module answers: only the figures of the table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
from django.core.management.color import no_style
from django.db import connection

from porras.accounts import audit
from porras.care.domain.interchange import RowError, parse_row, validate_rows
from porras.care.interchange import ImportFailed, id_ranges, read_table
from porras.care.models import Episode
from porras.selfcare.domain.programmes import programmes
from porras.selfcare.models import Assignment

TABLE = "programme_assignments"


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)


def check_rows(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[RowError]]:
    """The typed rows, or every error found (format first, then against this database)."""
    errors = validate_rows(TABLE, rows)
    if errors:
        return [], sorted(errors)
    typed: list[dict[str, Any]] = [dict(parse_row(TABLE, number, row)[0]) for number, row in enumerate(rows, start=1)]
    ids = [int(r["assignment_id"]) for r in typed]
    taken = set(Assignment.objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    episode_ids = sorted({int(r["episode_id"]) for r in typed})
    episodes = {pk: (referral, end) for pk, referral, end in Episode.objects.filter(
        pk__in=episode_ids, voided_at__isnull=True).values_list("pk", "referral_date", "end_date")}
    known = programmes()
    for number, row in enumerate(typed, start=1):
        def err(column: str, reason: str, number: int = number) -> None:
            errors.append(RowError(TABLE, number, column, reason))

        if row["assignment_id"] in taken:
            err("assignment_id", "already exists in this database")
        if row["programme"] not in known:
            err("programme", f"is not a programme of this Porras ({row['programme']!r}; "
                             f"expected one of {', '.join(sorted(known))})")
        episode = episodes.get(int(row["episode_id"]))
        if episode is None:
            err("episode_id", f"refers to no episode ({row['episode_id']})")
            continue
        referral, end = episode
        if row["start_date"] < referral:
            err("start_date", f"is before the episode's referral_date {referral.isoformat()}")
        if end is not None and row["end_date"] is None:
            err("end_date", f"is required: the episode ended on {end.isoformat()}")
    return typed, sorted(errors)


def import_rows(rows: list[dict[str, Any]]) -> dict[str, int]:
    """Write the assignments (inside the caller's transaction), or raise :class:`ImportFailed`."""
    typed, errors = check_rows(rows)
    if errors:
        raise ImportFailed(errors)
    if not typed:
        return {TABLE: 0}
    known = programmes()
    Assignment.objects.bulk_create([
        Assignment(pk=r["assignment_id"], episode_id=r["episode_id"], programme=r["programme"],
                   programme_version=known[r["programme"]].version, modules_total=r["modules_total"],
                   modules_completed=r["modules_completed"], started_at=_midnight(r["start_date"]),
                   ended_at=None if r["end_date"] is None else _midnight(r["end_date"]), assigned_by=None)
        for r in typed
    ], batch_size=2000)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Assignment]):
            cursor.execute(sql)
    audit.record(None, "programme_assignment.import", "dataset", "",
                 detail={TABLE: len(typed), "episodes": id_ranges(sorted({int(r["episode_id"]) for r in typed}))})
    return {TABLE: len(typed)}


def import_(folder: Path) -> dict[str, int]:
    """Read ``programme_assignments`` (Parquet or CSV) from ``folder`` and import it; nothing when absent."""
    table = read_table(Path(folder), TABLE)
    if table is None:
        return {}
    return import_rows(table.to_pylist())


def import_tables(tables: Mapping[str, pa.Table]) -> dict[str, int]:
    """The same for in-memory tables (the demo history); nothing when ``programme_assignments`` is absent."""
    table = tables.get(TABLE)
    return {} if table is None else import_rows(table.to_pylist())
