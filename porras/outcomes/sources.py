"""The care records as the reports' database source, provided by the app that keeps them.

The dependency points one way: the care app imports this module and, when Django starts it,
hands over a function that gives its tables as the engine's :class:`Relations`
(``porras.care.apps``). The reports never import the care app.
"""

from __future__ import annotations

from collections.abc import Callable

from porras.outcomes.domain.engine import Relations

_provider: Callable[[], Relations] | None = None


def provide_database_relations(provider: Callable[[], Relations]) -> None:
    """Called once by the app that keeps the episodes, appointments and measurements."""
    global _provider
    _provider = provider


def database_relations() -> Relations:
    """The three interchange relations over this database's care tables."""
    if _provider is None:
        raise RuntimeError("no installed app provides the care tables to the reports (porras.care does)")
    return _provider()
