"""The care tables as the outcomes report engine's relations (``porras.outcomes`` calls this)."""

from __future__ import annotations

from porras.care.interchange import relations
from porras.outcomes.domain.engine import Relations


def interchange_relations() -> Relations:
    """Each relation as a parenthesised ``SELECT`` (the engine writes ``FROM <relation> AS x``)."""
    r = relations()
    return Relations(f"({r['episodes']})", f"({r['appointments']})", f"({r['measurements']})")
