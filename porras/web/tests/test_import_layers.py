"""The layers import downwards only: apps → lib, the shell (web) → accounts, never back; and no import
cycle anywhere, between apps or between modules (imports inside functions count too).

Read from the source, so that a new import that closes a circle fails here, not in a reviewer's head.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PORRAS = Path(__file__).resolve().parents[2]
APPS = sorted(p.name for p in PORRAS.iterdir() if (p / "apps.py").exists())


def _sources(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.py") if "tests" not in p.relative_to(PORRAS).parts
            and "migrations" not in p.parts]


def _imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _module_name(path: Path) -> str:
    parts = path.relative_to(PORRAS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_graph() -> dict[str, set[str]]:
    """Each module of porras (tests and migrations apart) → the porras modules it imports, at any level,
    relative imports resolved, ``from package import name`` counted as the module ``package.name``
    where that is a module."""
    modules = {_module_name(p): p for p in _sources(PORRAS)}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                candidates = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            else:
                continue
            for candidate in candidates:
                while candidate and candidate not in modules:
                    candidate = candidate.rpartition(".")[0]
                if candidate and candidate != name:
                    targets.add(candidate)
        graph[name] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one member (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _package(module: str) -> str:
    """The app (or top-level module) a module belongs to: porras.care.services → care."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_no_module_imports_itself_in_a_circle() -> None:
    assert _cycles(_module_graph()) == []


def test_no_app_imports_itself_in_a_circle() -> None:
    apps: dict[str, set[str]] = {}
    for module, targets in _module_graph().items():
        apps.setdefault(_package(module), set()).update(
            _package(t) for t in targets if _package(t) != _package(module))
    assert _cycles(apps) == []


def _imports_of(folder: Path, package: str) -> dict[str, set[str]]:
    offenders: dict[str, set[str]] = {}
    for path in _sources(folder):
        hits = {m for m in _imported_modules(path) if m == package or m.startswith(package + ".")}
        if hits:
            offenders[str(path.relative_to(PORRAS))] = hits
    return offenders


def test_the_accounts_app_never_imports_the_web_shell() -> None:
    assert _imports_of(PORRAS / "accounts", "porras.web") == {}


def test_lib_imports_no_app() -> None:
    offenders = {}
    for app in APPS:
        offenders.update(_imports_of(PORRAS / "lib", f"porras.{app}"))
    assert offenders == {}


_LANGUAGE_READ = re.compile(r"\bget_language\(|get_current_language|LANGUAGE_CODE")


def test_the_current_language_is_read_only_through_lib_language() -> None:
    readers = set()
    for path in PORRAS.rglob("*"):
        relative = path.relative_to(PORRAS)
        if path.suffix not in {".py", ".html"} or "tests" in relative.parts or relative.name == "settings.py":
            continue
        if str(relative) == "lib/language.py":
            continue
        if _LANGUAGE_READ.search(path.read_text(encoding="utf-8")):
            readers.add(str(relative))
    assert readers == set()
