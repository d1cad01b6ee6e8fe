"""The care records as the reports' database source.

The dependency points one way: the reports read the care app's tables (and its interchange format);
the care app never imports the reports.
"""

from __future__ import annotations

from porras.outcomes.domain.engine import Relations


def database_relations() -> Relations:
    """The three interchange relations over this database's care tables, each as a parenthesised
    ``SELECT`` (the engine writes ``FROM <relation> AS x``)."""
    from porras.care.interchange import relations  # pyarrow and the care models: on first use

    r = relations()
    return Relations(f"({r['episodes']})", f"({r['appointments']})", f"({r['measurements']})")
