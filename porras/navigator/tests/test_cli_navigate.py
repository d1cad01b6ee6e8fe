"""``porras navigate --input FILE.json`` prints the recommendation as JSON."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from .conftest import person, phq9


def test_it_prints_the_recommendation_as_json(tmp_path, capsys):
    path = tmp_path / "input.json"
    path.write_text(json.dumps(person(scores={"phq9": phq9("severe")})), encoding="utf-8")
    call_command("navigate", "--input", str(path))
    result = json.loads(capsys.readouterr().out)
    assert result["step"] == 4
    assert result["ruleset"] == {"id": "porras-default", "version": "2026.4"}


def test_it_prints_field_errors_and_exits_with_2(tmp_path, capsys):
    path = tmp_path / "input.json"
    path.write_text(json.dumps({"age": 30, "language": "de"}), encoding="utf-8")
    with pytest.raises(SystemExit) as caught:
        call_command("navigate", "--input", str(path))
    assert caught.value.code == 2
    error = json.loads(capsys.readouterr().err)
    assert error["detail"] == [{"field": "language", "reason": "must be one of fi, sv, en"}]


def test_it_names_a_file_that_is_not_json(tmp_path):
    path = tmp_path / "input.json"
    path.write_text("{age: 30", encoding="utf-8")
    with pytest.raises(CommandError, match="--input: not valid JSON"):
        call_command("navigate", "--input", str(path))


def test_it_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="--input: cannot read"):
        call_command("navigate", "--input", str(tmp_path / "missing.json"))
