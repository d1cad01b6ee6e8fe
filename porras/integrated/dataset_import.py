"""``porras import DIR`` of the tables of :mod:`porras.integrated.dataset_export` (discovered by care's
import command, run after care's tables in the same transaction). Each table is optional. A bad cell
is named by table, row (1-based over the data rows) and column, and nothing of the data set is
written: :class:`porras.care.interchange.ImportFailed` rolls back care's tables too.

What an imported row cannot carry (the question and answer texts, a team member's name and contact)
is left empty; who asked or answered is unknown (null)."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from django.utils import timezone

from porras.accounts import audit
from porras.accounts.models import Unit
from porras.care.domain.interchange import RowError
from porras.care.interchange import ImportFailed, id_ranges, read_table
from porras.care.models import Episode
from porras.integrated.domain import consultation as rules
from porras.integrated.domain import somatic
from porras.integrated.domain.interchange import ALLOWED, NULLABLE, TABLES
from porras.integrated.domain.social_care import BEFORE_START, NOT_SOCIAL_WELFARE, social_care_categories
from porras.integrated.models import Consultation, SocialCareMember, SomaticCheck, SomaticRiskGroup

KEYS = {"consultations": "consultation_id", "social_care": "member_id"}
MAX_ERRORS = 200


class _Bad(ValueError):
    pass


def _int(v: Any) -> int:
    if isinstance(v, bool):
        raise _Bad("must be an integer")
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    text = str(v).strip()
    if text.lstrip("-").isdigit():
        return int(text)
    raise _Bad("must be an integer")


def _date(v: Any) -> dt.date:
    if isinstance(v, dt.datetime):
        raise _Bad("must be a date (YYYY-MM-DD)")
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v).strip())
    except ValueError:
        raise _Bad("must be a date (YYYY-MM-DD)") from None


def _float(v: Any) -> float:
    if isinstance(v, bool):
        raise _Bad("must be a number")
    try:
        f = float(v)
    except (TypeError, ValueError):
        raise _Bad("must be a number") from None
    if not math.isfinite(f):
        raise _Bad("must be a number")
    return f


def _bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    text = str(v).strip().lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise _Bad("must be true or false")


def _str(v: Any) -> str:
    text = str(v).strip()
    if not text:
        raise _Bad("is required")
    return text


PARSE: dict[str, Callable[[Any], Any]] = {"int": _int, "date": _date, "float": _float, "bool": _bool, "string": _str}


def _parse(name: str, table: Any, errors: list[RowError]) -> list[dict[str, Any]]:
    """Typed rows of one table (its columns exactly as the format names them)."""
    spec = TABLES[name]
    columns = [n for n, _ in spec]
    have = list(table.column_names)
    for column in columns:
        if column not in have:
            errors.append(RowError(name, 0, column, "missing column"))
    for column in have:
        if column not in columns:
            errors.append(RowError(name, 0, column, "is not a column of the format"))
    if any(e.table == name for e in errors):
        return []
    rows = []
    for i, raw in enumerate(table.to_pylist(), start=1):
        row: dict[str, Any] = {}
        for column, kind in spec:
            value = raw.get(column)
            if value is None or (isinstance(value, str) and not value.strip()):
                if column not in NULLABLE[name]:
                    errors.append(RowError(name, i, column, "is required"))
                row[column] = None
                continue
            try:
                row[column] = PARSE[kind](value)
            except _Bad as exc:
                errors.append(RowError(name, i, column, str(exc)))
                row[column] = None
        if column_ok := all(row.get(c) is not None or c in NULLABLE[name] for c in columns):
            allowed = ALLOWED if name == "consultations" else {}
            for column, values in allowed.items():
                if row.get(column) is not None and row[column] not in values:
                    errors.append(RowError(name, i, column, f"must be one of {', '.join(values)}"))
                    column_ok = False
        rows.append({**row, "_row": i, "_ok": column_ok})
    return rows


def _episodes(tables: dict[str, list[dict[str, Any]]], errors: list[RowError]) -> dict[int, Episode]:
    ids = {r["episode_id"] for rows in tables.values() for r in rows if r.get("episode_id") is not None}
    found = {e.pk: e for e in Episode.objects.filter(pk__in=ids, voided_at__isnull=True)
             .select_related("unit__organisation", "client")}
    for name, rows in tables.items():
        for r in rows:
            if r.get("episode_id") is not None and r["episode_id"] not in found:
                errors.append(RowError(name, r["_row"], "episode_id", "is not an episode of the data set or this database"))
                r["_ok"] = False
    return found


def _unique(name: str, rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], Any], column: str,
            errors: list[RowError]) -> None:
    seen: set[Any] = set()
    for r in rows:
        k = key(r)
        if k in seen:
            errors.append(RowError(name, r["_row"], column, "is given twice"))
            r["_ok"] = False
        seen.add(k)


def _taken(name: str, rows: list[dict[str, Any]], model: Any, column: str, errors: list[RowError]) -> None:
    ids = [r[column] for r in rows if r.get(column) is not None]
    taken = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    for r in rows:
        if r.get(column) in taken:
            errors.append(RowError(name, r["_row"], column, "already exists in this database"))
            r["_ok"] = False


def _check_consultations(rows: list[dict[str, Any]], episodes: dict[int, Episode], errors: list[RowError]) -> None:
    name = "consultations"
    _unique(name, rows, lambda r: r["consultation_id"], "consultation_id", errors)
    _taken(name, rows, Consultation, "consultation_id", errors)
    units = {u.code: u for u in Unit.objects.select_related("organisation")
             .filter(code__in={r["specialist_unit_id"] for r in rows if r.get("specialist_unit_id")})}
    for r in rows:
        i = r["_row"]
        unit = units.get(r.get("specialist_unit_id") or "")
        episode = episodes.get(r.get("episode_id") or -1)
        if r.get("specialist_unit_id") and (unit is None or unit.kind not in rules.SPECIALIST_UNIT_KINDS):
            errors.append(RowError(name, i, "specialist_unit_id", rules.NOT_A_SPECIALIST_UNIT))
        elif unit is not None and episode is not None and \
                unit.organisation.county_id != episode.unit.organisation.county_id:
            errors.append(RowError(name, i, "specialist_unit_id", rules.OTHER_COUNTY))
        if (r.get("answered_date") is None) != (r.get("outcome") is None):
            column = "outcome" if r.get("answered_date") is not None else "answered_date"
            errors.append(RowError(name, i, column, "answered_date and outcome are given together or not at all"))
        if r.get("answered_date") and r.get("asked_date") and r["answered_date"] < r["asked_date"]:
            errors.append(RowError(name, i, "answered_date", "cannot be before asked_date"))


def _check_social_care(rows: list[dict[str, Any]], errors: list[RowError]) -> None:
    name = "social_care"
    _unique(name, rows, lambda r: r["member_id"], "member_id", errors)
    _taken(name, rows, SocialCareMember, "member_id", errors)
    for r in rows:
        if r.get("category") and r["category"] not in social_care_categories().codes:
            errors.append(RowError(name, r["_row"], "category", NOT_SOCIAL_WELFARE))
        if r.get("end_date") and r.get("start_date") and r["end_date"] < r["start_date"]:
            errors.append(RowError(name, r["_row"], "end_date", BEFORE_START))


def _check_somatic(rows: list[dict[str, Any]], errors: list[RowError]) -> None:
    name = "somatic_checks"
    spec = somatic.load_check()
    _unique(name, rows, lambda r: (r["check_id"], r["item"]), "item", errors)
    _taken(name, rows, SomaticCheck, "check_id", errors)
    first: dict[int, dict[str, Any]] = {}
    for r in rows:
        i = r["_row"]
        if r.get("check_id") is not None:
            seen = first.setdefault(r["check_id"], r)
            for column in ("episode_id", "date", "limits_version"):
                if seen is not r and seen.get(column) is not None and r.get(column) != seen.get(column):
                    errors.append(RowError(name, i, column, f"differs from row {seen['_row']} of the same check_id"))
        item = spec.item(r.get("item") or "")
        if r.get("item") and item is None:
            errors.append(RowError(name, i, "item", somatic.UNKNOWN_ITEM))
        elif item is not None and r.get("value") is not None:
            if item.kind == "yes_no" and r["value"] not in (0.0, 1.0):
                errors.append(RowError(name, i, "value", "must be 1 (yes) or 0 (no) for a yes/no item"))
            elif item.kind == "number":
                low, high = somatic.PLAUSIBLE[item.code]
                if not low <= r["value"] <= high:
                    errors.append(RowError(name, i, "value", somatic.OUT_OF_BOUNDS))
        if r.get("date") and r["date"] > timezone.localdate():
            errors.append(RowError(name, i, "date", "cannot be in the future"))


def _check_risk_groups(rows: list[dict[str, Any]], errors: list[RowError]) -> None:
    name = "somatic_risk_groups"
    spec = somatic.load_check()
    _unique(name, rows, lambda r: (r["episode_id"], r["risk_group"]), "risk_group", errors)
    existing = set(SomaticRiskGroup.objects.filter(episode_id__in={r["episode_id"] for r in rows})
                   .values_list("episode_id", "risk_group"))
    for r in rows:
        if r.get("risk_group") and spec.risk_group(r["risk_group"]) is None:
            errors.append(RowError(name, r["_row"], "risk_group", somatic.UNKNOWN_RISK_GROUP))
        if (r.get("episode_id"), r.get("risk_group")) in existing:
            errors.append(RowError(name, r["_row"], "risk_group", somatic.ALREADY_RECORDED))


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _write(tables: dict[str, list[dict[str, Any]]], episodes: dict[int, Episode]) -> None:
    units = {u.code: u for u in Unit.objects.filter(
        code__in={r["specialist_unit_id"] for r in tables.get("consultations", [])})}
    Consultation.objects.bulk_create([Consultation(
        id=r["consultation_id"], episode_id=r["episode_id"], asking_unit_id=episodes[r["episode_id"]].unit_id,
        specialist_unit=units[r["specialist_unit_id"]], question="", urgency=r["urgency"],
        preferred_form=r["preferred_form"], asked_at=_aware(r["asked_date"]), asked_on=r["asked_date"],
        outcome=r["outcome"] or "", answered_at=_aware(r["answered_date"]) if r["answered_date"] else None,
        answered_on=r["answered_date"]) for r in tables.get("consultations", [])])
    SocialCareMember.objects.bulk_create([SocialCareMember(
        id=r["member_id"], episode_id=r["episode_id"], category=r["category"], professional="",
        start_date=r["start_date"], end_date=r["end_date"]) for r in tables.get("social_care", [])])
    checks: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in tables.get("somatic_checks", []):
        checks[r["check_id"]].append(r)
    yes_no = {i.code for i in somatic.load_check().items if i.kind == "yes_no"}

    def value(r: dict[str, Any]) -> Any:
        if r["item"] in yes_no:
            return r["value"] == 1.0
        return int(r["value"]) if float(r["value"]).is_integer() else r["value"]

    SomaticCheck.objects.bulk_create([SomaticCheck(
        id=check_id, episode_id=rows[0]["episode_id"], date=rows[0]["date"],
        values={r["item"]: value(r) for r in rows}, flagged=[r["item"] for r in rows if r["flagged"]],
        spec_version=rows[0]["limits_version"]) for check_id, rows in checks.items()])
    SomaticRiskGroup.objects.bulk_create([SomaticRiskGroup(
        episode_id=r["episode_id"], risk_group=r["risk_group"], recorded_on=r["recorded_date"],
        recorded_at=_aware(r["recorded_date"])) for r in tables.get("somatic_risk_groups", [])])
    _reset_sequences()


def _reset_sequences() -> None:
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), [Consultation, SocialCareMember, SomaticCheck])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def import_(folder: Path) -> dict[str, int]:
    """Validate and write the tables found in ``folder`` (inside the caller's transaction)."""
    found = {name: table for name in TABLES if (table := read_table(Path(folder), name)) is not None}
    return import_tables(found)


def import_tables(found: Mapping[str, Any]) -> dict[str, int]:
    """Validate and write this app's tables among ``found`` (name -> Arrow table; others ignored)."""
    errors: list[RowError] = []
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in TABLES:
        if name in found:
            tables[name] = _parse(name, found[name], errors)
    if not tables:
        return {}
    episodes = _episodes(tables, errors)
    _check_consultations(tables.get("consultations", []), episodes, errors)
    _check_social_care(tables.get("social_care", []), errors)
    _check_somatic(tables.get("somatic_checks", []), errors)
    _check_risk_groups(tables.get("somatic_risk_groups", []), errors)
    if errors:
        raise ImportFailed(sorted(set(errors), key=lambda e: (e.table, e.row, e.column, e.reason))[:MAX_ERRORS])
    _write(tables, episodes)
    touched = sorted({r["episode_id"] for rows in tables.values() for r in rows})
    counts = {name: len(rows) for name, rows in tables.items()}
    audit.record(None, "consultation.import", "consultation", "", detail={**counts, "episodes": id_ranges(touched)})
    return counts
