"""JSON from outside, parsed without letting its shape crash the server.

``json.loads`` recurses once per nesting level: a body of 100,000 ``[`` raises ``RecursionError``
(an HTTP 500), and a document nested a few hundred levels deep parses but then exhausts the stack
of whatever walks it next (validation, scoring, ``json.dumps`` when it is stored). :func:`loads`
refuses both with :class:`JsonError`, a ``ValueError`` the entry points answer with a 4xx.

No real request needs deep nesting: a FHIR QuestionnaireResponse nests item → answer → item, three
JSON levels per questionnaire level, and the deepest questionnaire we know (the HL7 SDC PHQ-9
example) is about 10 levels deep. :data:`MAX_DEPTH` leaves ample room.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 64


class JsonError(ValueError):
    """The text is not JSON, or is nested deeper than allowed."""


def depth(value: Any) -> int:
    """The nesting depth of a parsed JSON value (a scalar is 0, ``[]`` is 1), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        level += 1
        deepest = max(deepest, level)
        stack.extend((child, level) for child in children)
    return deepest


def loads(text: str | bytes | bytearray, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse ``text`` like :func:`json.loads`; raise :class:`JsonError` if it is not JSON or is
    nested more than ``max_depth`` levels."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise JsonError(f"JSON nested more than {max_depth} levels deep") from None
    except (ValueError, TypeError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise JsonError(f"not valid JSON: {exc}") from None
    if depth(value) > max_depth:
        raise JsonError(f"JSON nested more than {max_depth} levels deep")
    return value
