"""``porras synth`` and ``porras report``."""

from __future__ import annotations

import csv
import json

import pytest
from django.core.management import CommandError, call_command


def test_synth_then_report_writes_every_format(tmp_path, capsys):
    call_command("synth", "--episodes", "800", "--seed", "4", "--out", str(tmp_path / "data"))
    assert "episodes 800" in capsys.readouterr().out
    for fmt in ("json", "csv", "xlsx", "parquet"):
        out = tmp_path / f"report.{fmt}"
        call_command(
            "report",
            "outcomes",
            "--source",
            str(tmp_path / "data"),
            "--group-by",
            "county,quarter",
            "--format",
            fmt,
            "--out",
            str(out),
        )
        assert out.stat().st_size > 0
    with (tmp_path / "report.csv").open() as fh:
        header = next(csv.reader(fh))
    assert header[:3] == ["county", "quarter", "finished"]


def test_report_prints_json_to_standard_output(report_folder, capsys):
    call_command("report", "access", "--source", str(report_folder), "--group-by", "unit")
    doc = json.loads(capsys.readouterr().out)
    assert [g["unit"] for g in doc["groups"]] == ["unit-a", "unit-a2", "unit-b"]
    assert doc["groups"][0]["referrals"] == 6


@pytest.mark.django_db(transaction=True)
def test_a_report_of_the_database_equals_the_report_of_the_imported_folder(tmp_path, capsys):
    call_command("org", "load-counties")
    call_command("synth", "--episodes", "1500", "--seed", "8", "--out", str(tmp_path / "data"))
    call_command("import", str(tmp_path / "data"))
    assert "programme_assignments" in capsys.readouterr().out  # the synthetic programmes came in too
    for kind in ("outcomes", "access"):
        for group_by in ("", "county,quarter", "unit,step", "age_group,sex,language,year", "programme",
                         "programme,county"):
            call_command("report", kind, "--source", "db", "--group-by", group_by)
            from_db = capsys.readouterr().out
            call_command("report", kind, "--source", str(tmp_path / "data"), "--group-by", group_by)
            assert from_db == capsys.readouterr().out, f"{kind} {group_by}"


def test_report_names_a_bad_group_key(report_folder):
    with pytest.raises(CommandError, match="group_by: unknown group key 'kunta'"):
        call_command("report", "outcomes", "--source", str(report_folder), "--group-by", "kunta")
