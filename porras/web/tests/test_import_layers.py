"""The layers import downwards only: apps → lib, the shell (web) → accounts, never back.

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
