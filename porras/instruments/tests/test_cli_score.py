"""`porras score INSTRUMENT --answers … --format json` prints the result; bad input fails loudly."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_issue_example_prints_nine_mild_with_a_risk_flag_and_phq2() -> None:
    body = json.loads(run("score", "phq9", "--answers", "1,1,1,1,1,1,1,1,1,0", "--format", "json"))
    assert body["total"] == 9
    assert body["severity"] == "mild"
    assert body["risk_flags"] == [{"item": "9", "value": 1}]
    assert body["subscores"]["phq2"] == 2


def test_the_text_format_shows_the_risk_line() -> None:
    text = run("score", "phq9", "--answers", "1,1,1,1,1,1,1,1,1,0")
    assert "PHQ-9 total: 9" in text
    assert "RISK: item 9" in text


def test_an_empty_position_is_an_unanswered_item() -> None:
    body = json.loads(run("score", "core10", "--answers", "1,3,3,1,1,0,1,1,1,", "--format", "json"))
    assert body["complete"] is False


def test_an_out_of_range_answer_is_an_error_naming_the_item() -> None:
    with pytest.raises(CommandError, match="item 3: answer 4 is out of range"):
        run("score", "phq9", "--answers", "0,0,4,0,0,0,0,0,0")


def test_a_non_number_is_an_error() -> None:
    with pytest.raises(CommandError, match="position 2"):
        run("score", "phq9", "--answers", "0,x")


def test_an_unknown_instrument_is_an_error() -> None:
    with pytest.raises(CommandError, match="unknown instrument"):
        run("score", "phq99", "--answers", "0")
