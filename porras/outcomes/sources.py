"""The care records as the reports' database source.

The dependency points one way: the reports read the care app's tables (and its interchange format);
the care app never imports the reports. Tables of the format kept by other apps (``programme_assignments``
of selfcare) come from those apps' ``dataset_export.relations()``, found by discovery; without such an
app the report reads the data set as one where nothing of that kind happened.
"""

from __future__ import annotations

from porras.lib.discovery import app_modules
from porras.outcomes.domain.engine import Relations


def app_relations() -> dict[str, str]:
    """``{table: SELECT ...}`` of the interchange tables kept by apps above care (``<app>/dataset_export.py``
    with a ``relations()``)."""
    found: dict[str, str] = {}
    for module in app_modules("dataset_export", exclude=("porras.care",)):
        if hasattr(module, "relations"):
            found.update(module.relations())
    return found


def database_relations() -> Relations:
    """The interchange relations over this database's tables, each as a parenthesised ``SELECT``
    (the engine writes ``FROM <relation> AS x``)."""
    from porras.care.interchange import relations  # pyarrow and the care models: on first use

    r = relations()
    assignments = app_relations().get("programme_assignments")
    return Relations(f"({r['episodes']})", f"({r['appointments']})", f"({r['measurements']})",
                     f"({assignments})" if assignments else None)
