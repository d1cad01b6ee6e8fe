"""The ``consultations`` and ``social_care`` tables of the interchange format (docs/product.md §4,
extended by §6 K). Both are optional in a data set: a folder without them reports none.

A data set may hold, beside ``episodes``, ``appointments`` and ``measurements``, a table
``consultations`` (``consultations.parquet``, a folder ``consultations/`` of Parquet files, or
``consultations.csv``): one row per consultation question from primary care to specialised care.
``episode_id`` refers to ``episodes``; ``answered_date`` and ``outcome`` are null while unanswered.
Dates are ISO 8601. Framework-free: the report engine and the export read the columns from here.
"""

from __future__ import annotations

from porras.integrated.domain.consultation import Outcome, PreferredForm, Urgency

# (column, type): type one of "int", "string", "date" (the types of the care interchange format)
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
SQL_TYPES = {"int": "BIGINT", "string": "VARCHAR", "date": "DATE"}
