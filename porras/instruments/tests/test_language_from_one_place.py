"""The instruments and FHIR apps take the current language from porras.lib.language only."""

from __future__ import annotations

import ast
from pathlib import Path

PORRAS = Path(__file__).resolve().parents[2]


def test_no_private_language_helper_or_request_language_code_is_left() -> None:
    offenders = []
    for app in ("instruments", "fhir"):
        for path in (PORRAS / app).rglob("*.py"):
            if "tests" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef) and node.name == "_language":
                    offenders.append(f"{path.relative_to(PORRAS)}: def _language")
                if isinstance(node, ast.Constant) and node.value == "LANGUAGE_CODE":
                    offenders.append(f"{path.relative_to(PORRAS)}: LANGUAGE_CODE")
    assert offenders == []
