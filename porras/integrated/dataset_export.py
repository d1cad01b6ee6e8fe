"""The ``consultations`` table of ``porras export DIR`` (collected by care's export command).

Consultations of voided episodes are left out, as the episodes are."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from django.db import connection

from porras.accounts import audit
from porras.care.interchange import id_ranges
from porras.integrated.domain.interchange import CONSULTATION_COLUMNS
from porras.integrated.reports import CONSULTATIONS_SQL

ARROW = {"int": pa.int64(), "string": pa.string(), "date": pa.date32()}


def export(folder: Path) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT k.* FROM ({CONSULTATIONS_SQL}) k JOIN care_episode e ON e.id = k.episode_id "
                       "WHERE e.voided_at IS NULL ORDER BY k.consultation_id")
        rows = cursor.fetchall()
    arrays = []
    for i, (_name, kind) in enumerate(CONSULTATION_COLUMNS):
        values = [r[i] for r in rows]
        if kind == "date":
            arrays.append(pa.array(values, pa.string()).cast(pa.date32()) if any(isinstance(v, str) for v in values)
                          else pa.array(values, pa.date32()))
        else:
            arrays.append(pa.array(values, ARROW[kind]))
    table = pa.Table.from_arrays(arrays, names=[name for name, _ in CONSULTATION_COLUMNS])
    pq.write_table(table, Path(folder) / "consultations.parquet")
    # the consultations' questions are not exported, but which episodes had one is client data
    audit.record(None, "consultation.export", "consultation", "",
                 detail={"consultations": table.num_rows,
                         "episodes": id_ranges(sorted({int(r[1]) for r in rows}))})
    return {"consultations": table.num_rows}
