"""The ``consultations`` and ``social_care`` tables of the interchange format (docs/product.md §4,
extended by §6 K). Both are optional in a data set: a folder without them reports none.

A data set may hold, beside ``episodes``, ``appointments`` and ``measurements``, a table
``consultations`` (``consultations.parquet``, a folder ``consultations/`` of Parquet files, or
``consultations.csv``): one row per consultation question from primary care to specialised care.
``episode_id`` refers to ``episodes``; ``answered_date`` and ``outcome`` are null while unanswered.
Likewise optional: ``social_care``, ``somatic_checks`` and ``somatic_risk_groups`` (columns below).
Dates are ISO 8601. Framework-free: the report engine and the export read the columns from here.
"""

from __future__ import annotations

from porras.integrated.domain.consultation import Outcome, PreferredForm, Urgency

# (column, type): type one of "int", "string", "date", "float", "bool"
CONSULTATION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("consultation_id", "int"),
    ("episode_id", "int"),
    ("specialist_unit_id", "string"),
    ("asked_date", "date"),
    ("urgency", "string"),
    ("preferred_form", "string"),
    ("answered_date", "date"),
    ("outcome", "string"),
)
COLUMN_NAMES: tuple[str, ...] = tuple(name for name, _ in CONSULTATION_COLUMNS)
ALLOWED: dict[str, tuple[str, ...]] = {
    "urgency": tuple(u.value for u in Urgency),
    "preferred_form": tuple(f.value for f in PreferredForm),
    "outcome": tuple(o.value for o in Outcome),
}
# ``social_care``: one row per social-welfare member of an episode's team (no names, no contacts).
SOCIAL_CARE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("member_id", "int"),
    ("episode_id", "int"),
    ("category", "string"),
    ("start_date", "date"),
    ("end_date", "date"),
)
# ``somatic_checks``: one row per value recorded in a somatic health check (item codes of
# ``data/somatic_check.yaml``; a yes/no item has value 1 for yes and 0 for no). ``flagged`` is true
# where the value was out of its reference range under the limits of ``limits_version``.
SOMATIC_CHECK_COLUMNS: tuple[tuple[str, str], ...] = (
    ("check_id", "int"),
    ("episode_id", "int"),
    ("date", "date"),
    ("item", "string"),
    ("value", "float"),
    ("flagged", "bool"),
    ("limits_version", "string"),
)
# ``somatic_risk_groups``: the somatic-risk diagnosis groups recorded on an episode (codes of
# ``data/somatic_check.yaml`` ``risk_groups``); a group makes the episode eligible for the yearly check
# from ``recorded_date``.
RISK_GROUP_COLUMNS: tuple[tuple[str, str], ...] = (
    ("episode_id", "int"),
    ("risk_group", "string"),
    ("recorded_date", "date"),
)
# Optional columns (null allowed); every other column is required.
NULLABLE: dict[str, tuple[str, ...]] = {
    "consultations": ("answered_date", "outcome"),
    "social_care": ("end_date",),
    "somatic_checks": (),
    "somatic_risk_groups": (),
}
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "consultations": CONSULTATION_COLUMNS,
    "social_care": SOCIAL_CARE_COLUMNS,
    "somatic_checks": SOMATIC_CHECK_COLUMNS,
    "somatic_risk_groups": RISK_GROUP_COLUMNS,
}
SQL_TYPES = {"int": "BIGINT", "string": "VARCHAR", "date": "DATE", "float": "DOUBLE", "bool": "BOOLEAN"}
