"""The ``consultations`` and ``social_care`` tables of ``porras export DIR`` (collected by care's
export command). Rows of voided episodes are left out, as the episodes are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from django.db import connection

from porras.accounts import audit
from porras.care.interchange import id_ranges
from porras.integrated.domain.interchange import CONSULTATION_COLUMNS, SOCIAL_CARE_COLUMNS
from porras.integrated.reports import CONSULTATIONS_SQL, SOCIAL_CARE_SQL

ARROW = {"int": pa.int64(), "string": pa.string(), "date": pa.date32()}


def _write(folder: Path, name: str, sql: str, key: str, spec: tuple[tuple[str, str], ...]) -> list[Any]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT k.* FROM ({sql}) k JOIN care_episode e ON e.id = k.episode_id "
                       f"WHERE e.voided_at IS NULL ORDER BY k.{key}")
        rows = cursor.fetchall()
    arrays = []
    for i, (_name, kind) in enumerate(spec):
        values = [r[i] for r in rows]
        if kind == "date":
            arrays.append(pa.array(values, pa.string()).cast(pa.date32()) if any(isinstance(v, str) for v in values)
                          else pa.array(values, pa.date32()))
        else:
            arrays.append(pa.array(values, ARROW[kind]))
    pq.write_table(pa.Table.from_arrays(arrays, names=[n for n, _ in spec]), folder / f"{name}.parquet")
    return rows


def export(folder: Path) -> dict[str, int]:
    """Write ``consultations.parquet`` and ``social_care.parquet``; rows per table."""
    consultations = _write(Path(folder), "consultations", CONSULTATIONS_SQL, "consultation_id", CONSULTATION_COLUMNS)
    members = _write(Path(folder), "social_care", SOCIAL_CARE_SQL, "member_id", SOCIAL_CARE_COLUMNS)
    # no question, answer, name or contact is exported, but which episodes had them is client data
    audit.record(None, "consultation.export", "consultation", "",
                 detail={"consultations": len(consultations), "social_care": len(members),
                         "episodes": id_ranges(sorted({int(r[1]) for r in consultations + members}))})
    return {"consultations": len(consultations), "social_care": len(members)}
