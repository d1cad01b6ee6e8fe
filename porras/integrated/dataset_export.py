"""The ``consultations``, ``social_care``, ``somatic_checks`` and ``somatic_risk_groups`` tables of
``porras export DIR`` (collected by care's export command). Rows of voided episodes are left out, as
the episodes are; so are questions withdrawn before their answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from django.db import connection

from porras.accounts import audit
from porras.care.interchange import id_ranges
from porras.integrated.domain import somatic
from porras.integrated.domain.interchange import (
    CONSULTATION_COLUMNS,
    RISK_GROUP_COLUMNS,
    SOCIAL_CARE_COLUMNS,
    SOMATIC_CHECK_COLUMNS,
)
from porras.integrated.reports import CONSULTATIONS_SQL, RISK_GROUPS_SQL, SOCIAL_CARE_SQL

ARROW = {"int": pa.int64(), "string": pa.string(), "date": pa.date32(), "float": pa.float64(), "bool": pa.bool_()}

SOMATIC_SQL = """SELECT k.id AS check_id, k.episode_id AS episode_id, k.date AS date, k."values" AS v,
  k.flagged AS flagged, k.spec_version AS limits_version
FROM integrated_somaticcheck k"""


def _fetch(sql: str, key: str) -> list[Any]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT k.* FROM ({sql}) k JOIN care_episode e ON e.id = k.episode_id "
                       f"WHERE e.voided_at IS NULL ORDER BY {key}")
        return cursor.fetchall()


def _write_rows(folder: Path, name: str, rows: list[Any], spec: tuple[tuple[str, str], ...]) -> None:
    arrays = []
    for i, (_name, kind) in enumerate(spec):
        values = [r[i] for r in rows]
        if kind == "date":
            arrays.append(pa.array(values, pa.string()).cast(pa.date32()) if any(isinstance(v, str) for v in values)
                          else pa.array(values, pa.date32()))
        else:
            arrays.append(pa.array(values, ARROW[kind]))
    pq.write_table(pa.Table.from_arrays(arrays, names=[n for n, _ in spec]), folder / f"{name}.parquet")


def _json(value: Any) -> Any:
    import json

    return json.loads(value) if isinstance(value, str) else value


def somatic_rows() -> list[tuple[Any, ...]]:
    """One row per recorded value, in the item order of the data (yes/no as 1/0)."""
    order = [i.code for i in somatic.load_check().items]
    rows = []
    for check_id, episode_id, date, values, flagged, version in _fetch(SOMATIC_SQL, "k.check_id"):
        values, flagged = _json(values) or {}, set(_json(flagged) or [])
        for code in sorted(values, key=lambda c: (order.index(c) if c in order else len(order), c)):
            value = values[code]
            if value is None:
                continue
            rows.append((check_id, episode_id, date, code, float(value), code in flagged, version))
    return rows


def export(folder: Path) -> dict[str, int]:
    """Write the four tables; rows per table."""
    out = Path(folder)
    consultations = _fetch(CONSULTATIONS_SQL, "k.consultation_id")
    members = _fetch(SOCIAL_CARE_SQL, "k.member_id")
    checks = somatic_rows()
    groups = _fetch(RISK_GROUPS_SQL, "k.episode_id, k.risk_group")
    _write_rows(out, "consultations", consultations, CONSULTATION_COLUMNS)
    _write_rows(out, "social_care", members, SOCIAL_CARE_COLUMNS)
    _write_rows(out, "somatic_checks", checks, SOMATIC_CHECK_COLUMNS)
    _write_rows(out, "somatic_risk_groups", groups, RISK_GROUP_COLUMNS)
    # no question, answer, name, contact or note is exported, but which episodes had them is client data
    episodes = sorted({int(r[1]) for r in consultations + members + checks} | {int(r[0]) for r in groups})
    audit.record(None, "consultation.export", "consultation", "",
                 detail={"consultations": len(consultations), "social_care": len(members),
                         "somatic_checks": len({r[0] for r in checks}), "somatic_risk_groups": len(groups),
                         "episodes": id_ranges(episodes)})
    return {"consultations": len(consultations), "social_care": len(members), "somatic_checks": len(checks),
            "somatic_risk_groups": len(groups)}
