"""The ``programme_assignments`` table of the interchange format (described in
:mod:`porras.care.domain.interchange`): its relation over this database for the reports, and its
Parquet file in ``porras export DIR`` (collected by care's export command and by the report sources).

Conventions: ``start_date`` and ``end_date`` are the UTC dates of the assignment's start and end;
assignments of voided episodes are left out, as the episodes are; ``modules_completed`` counts the
modules the client marked done (kept on the assignment with each completion).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
from django.db import connection

from porras.accounts import audit
from porras.care.interchange import id_ranges, relation_table

TABLE = "programme_assignments"


def _utc_date(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(({column} AT TIME ZONE 'UTC') AS DATE)"
    return f"date({column})"  # SQLite keeps UTC ISO text


def relations() -> dict[str, str]:
    """``{"programme_assignments": SELECT ...}`` with exactly the interchange columns."""
    return {TABLE: f"""SELECT a.id AS assignment_id, a.episode_id AS episode_id, a.programme AS programme,
  {_utc_date("a.started_at")} AS start_date, {_utc_date("a.ended_at")} AS end_date,
  a.modules_completed AS modules_completed, a.modules_total AS modules_total
FROM selfcare_assignment a
JOIN care_episode e ON e.id = a.episode_id
WHERE e.voided_at IS NULL"""}


def export(folder: Path) -> dict[str, int]:
    """Write ``programme_assignments.parquet``; rows written."""
    table = relation_table(TABLE, relations()[TABLE])
    pq.write_table(table, Path(folder) / f"{TABLE}.parquet")
    # no answer, message or feedback is exported, but which episodes had a programme is client data
    episodes = sorted(set(table.column("episode_id").to_pylist()))
    audit.record(None, "programme_assignment.export", "dataset", "",
                 detail={TABLE: table.num_rows, "episodes": id_ranges(episodes)})
    return {TABLE: table.num_rows}
