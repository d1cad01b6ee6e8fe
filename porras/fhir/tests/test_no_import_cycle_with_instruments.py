"""The FHIR app depends on the instruments app, never the other way round (text packs are read from
FHIR Questionnaires by the FHIR app), and no import cycle runs through the apps of answer sets and
their idempotent writes. (Cycles elsewhere, e.g. accounts and web, are their owners' to remove.)"""

from __future__ import annotations

import ast
from pathlib import Path

PORRAS = Path(__file__).resolve().parents[2]


def imported_apps(app: str) -> set[str]:
    """The other porras apps any module of ``app`` imports, at any level (functions included)."""
    found: set[str] = set()
    for path in (PORRAS / app).rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                parts = name.split(".")
                if parts[0] == "porras" and len(parts) > 1 and parts[1] != app:
                    found.add(parts[1])
    return found


def test_the_instruments_app_imports_nothing_of_fhir() -> None:
    assert "fhir" not in imported_apps("instruments")


def test_no_cycle_runs_through_instruments_fhir_or_idempotency() -> None:
    apps = [p.name for p in PORRAS.iterdir() if (p / "__init__.py").exists() and p.name != "tests"]
    graph = {app: imported_apps(app) for app in apps}
    for start in ("instruments", "fhir", "idempotency"):
        seen, stack = set(), list(graph[start])
        while stack:
            app = stack.pop()
            assert app != start, f"an import cycle runs through {start}"
            if app not in seen and app in graph:
                seen.add(app)
                stack.extend(graph[app])
