"""JSON from outside, with its nesting bounded before it is parsed.

Python's parser recurses once per nested array or object: 100,000 ``[`` raise ``RecursionError``
(an HTTP 500 where nobody catches it), and a few hundred levels, still parsed, recurse again in
every walk over the result. No Porras input needs more than a handful of levels (a FHIR
QuestionnaireResponse nests items in items, still far below the limit), so anything deeper than
:data:`MAX_DEPTH` is refused with :class:`JSONTooDeep` (a ``ValueError``) before the parser sees it.

Use :func:`loads` wherever a request body or a form field is parsed as JSON; the API's body parser
(``porras/api.py``) does.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 64

# A JSON string (escapes included), then any bracket outside strings.
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


class JSONTooDeep(ValueError):
    """The JSON nests arrays and objects deeper than allowed."""

    def __init__(self, max_depth: int) -> None:
        super().__init__(f"JSON nested deeper than {max_depth} levels")
        self.max_depth = max_depth


def nesting_depth(text: str, stop_above: int | None = None) -> int:
    """How deep arrays and objects nest in ``text`` (brackets inside strings do not count); stops
    counting once ``stop_above`` is passed."""
    depth = deepest = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if stop_above is not None and deepest > stop_above:
                    break
        elif token in "]}":
            depth -= 1
    return deepest


def loads(data: str | bytes | bytearray, *, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads`` that refuses more than ``max_depth`` levels of nesting (``JSONTooDeep``)."""
    if isinstance(data, bytes | bytearray):
        text = data.decode(json.detect_encoding(data), "surrogatepass")  # as json.loads decodes bytes
    else:
        text = data
    if nesting_depth(text, stop_above=max_depth) > max_depth:
        raise JSONTooDeep(max_depth)
    return json.loads(text)
