"""porras.lib.jsonsafe: JSON parsed with a depth limit instead of a RecursionError."""

from __future__ import annotations

import pytest

from porras.lib import jsonsafe


def test_ordinary_json_parses_as_json_loads_would() -> None:
    assert jsonsafe.loads('{"a": [1, {"b": null}]}') == {"a": [1, {"b": None}]}


def test_a_hundred_thousand_brackets_are_a_json_error_not_a_recursion_error() -> None:
    with pytest.raises(jsonsafe.JsonError, match="nested"):
        jsonsafe.loads("[" * 100_000)


def test_nesting_beyond_the_limit_is_refused_even_when_the_parser_copes() -> None:
    assert jsonsafe.loads("[" * 64 + "]" * 64) is not None
    with pytest.raises(jsonsafe.JsonError, match="nested"):
        jsonsafe.loads("[" * 65 + "]" * 65)


def test_text_that_is_not_json_is_a_json_error() -> None:
    with pytest.raises(jsonsafe.JsonError, match="not valid JSON"):
        jsonsafe.loads(b"{not json")
    with pytest.raises(jsonsafe.JsonError):
        jsonsafe.loads(b"\xff\xfe")
