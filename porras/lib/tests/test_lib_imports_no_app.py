"""porras/lib holds helpers without the database: it imports no Porras app (not even lazily)."""

from __future__ import annotations

import ast
from pathlib import Path

LIB = Path(__file__).resolve().parents[1]


def test_no_module_of_lib_imports_an_app() -> None:
    offenders = []
    for path in LIB.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.startswith("porras.") and not n.startswith("porras.lib")]
    assert offenders == []
