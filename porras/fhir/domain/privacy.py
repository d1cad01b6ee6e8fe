"""No identity code is stored or returned: finding Finnish personal identity codes in FHIR JSON.

A QuestionnaireResponse's ``subject.identifier`` may carry a client's identity code; Porras uses it
only to find the episode's client and replaces the subject with a pseudonymous reference
(``Patient/<client id>``, Porras's own id of the pseudonymous client). An identity code anywhere else
(a ``display``, a free-text answer, an extension, a reference such as ``Patient/131052-308T``) is
replaced by :data:`REMOVED` before anything is stored, and the OperationOutcome says where.

Codes are found in any form they are written (:mod:`porras.care.domain.identity_codes_in_text`).
"""

from __future__ import annotations

from typing import Any

from porras.care.domain.identity_codes_in_text import REMOVED, contains_identity_code, redact_text

__all__ = ["REMOVED", "contains_identity_code", "redact", "redact_text"]


def redact(value: Any, path: str = "") -> list[str]:
    """Replace, in place, every identity code in the strings (and keys) of a JSON object or array;
    the paths where one was found, sorted. Iterative: safe on any depth."""
    if not isinstance(value, dict | list):
        raise TypeError("redact works in place on a dict or list; use redact_text for a string")
    found: list[str] = []
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            for key in [k for k in node if isinstance(k, str) and contains_identity_code(k)]:
                node[redact_text(key)] = node.pop(key)
                found.append(f"{where}.{redact_text(key)}")
            entries: list[tuple[Any, str]] = [(k, f"{where}.{k}" if where else str(k)) for k in node]
        else:
            entries = [(i, f"{where}[{i}]") for i in range(len(node))]
        for key, here in entries:
            child = node[key]
            if isinstance(child, str):
                cleaned = redact_text(child)
                if cleaned != child:
                    node[key] = cleaned
                    found.append(here)
            elif isinstance(child, dict | list):
                stack.append((child, here))
    return sorted(found)
