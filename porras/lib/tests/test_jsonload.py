"""porras.lib.jsonload: JSON nested deeper than the limit is refused before the parser recurses."""

from __future__ import annotations

import json

import pytest

from porras.lib import jsonload


def test_it_parses_ordinary_json_like_the_standard_parser():
    text = '{"a": [1, {"b": "x"}], "c": null}'
    assert jsonload.loads(text) == json.loads(text)
    assert jsonload.loads(text.encode()) == json.loads(text)


def test_it_refuses_a_hundred_thousand_open_brackets_without_recursing():
    with pytest.raises(jsonload.JSONTooDeep):
        jsonload.loads("[" * 100_000)


def test_the_limit_is_exact():
    assert jsonload.loads("[" * 64 + "]" * 64, max_depth=64) is not None
    with pytest.raises(jsonload.JSONTooDeep, match="deeper than 64 levels"):
        jsonload.loads("[" * 65 + "]" * 65, max_depth=64)


def test_brackets_inside_strings_do_not_count():
    text = json.dumps({"text": "[[[[{{{{" * 50, "quote": 'a "[" b \\ ['})
    assert jsonload.nesting_depth(text) == 1
    assert jsonload.loads(text)["quote"] == 'a "[" b \\ ['


def test_it_is_a_value_error_as_bad_json_is():
    assert issubclass(jsonload.JSONTooDeep, ValueError)
    with pytest.raises(ValueError):
        jsonload.loads("{not json")
