"""``porras help`` and ``porras report ... --source DIR`` start without Django's apps and say exactly
what the Django commands say."""

from __future__ import annotations

import io
import json

from django.core.management import ManagementUtility, call_command

from porras import cli


def test_the_command_list_is_djangos_own(capsys):
    assert cli._quick(["help"]) == 0
    assert capsys.readouterr().out == ManagementUtility(["porras"]).main_help_text() + "\n"


def test_a_folder_report_gives_the_same_bytes_as_the_django_command(report_folder, capsys):
    for fmt in ("json", "csv"):
        args = ["outcomes", "--source", str(report_folder), "--group-by", "county,unit", "--format", fmt]
        assert cli._quick(["report", *args]) == 0
        quick = capsys.readouterr().out
        out = io.StringIO()
        call_command("report", *args, stdout=out)
        assert quick == out.getvalue()
        assert "unit-a" in quick


def test_a_rounded_folder_report_is_rounded(report_folder, capsys):
    assert cli._quick(["report", "outcomes", "--source", str(report_folder), "--group-by", "county", "--round"]) == 0
    groups = {g["county"]: g["finished"] for g in json.loads(capsys.readouterr().out)["groups"]}
    assert groups == {"helsinki": 10, "pirkanmaa": 5}  # 11 and 7 finished


def test_a_bad_group_key_is_a_command_error(report_folder, capsys):
    assert cli._quick(["report", "outcomes", "--source", str(report_folder), "--group-by", "kunta"]) == 1
    assert "CommandError: group_by: unknown group key 'kunta'" in capsys.readouterr().err


def test_the_database_and_options_only_django_knows_go_to_django():
    assert cli._quick(["report", "outcomes", "--source", "db"]) is None
    assert cli._quick(["report", "outcomes", "--source", "x", "--verbosity", "2"]) is None
    assert cli._quick(["report", "nonsense"]) is None
    assert cli._quick(["migrate"]) is None


def test_a_folder_report_reads_the_disclosure_settings_from_the_environment(report_folder, capsys, monkeypatch):
    monkeypatch.setenv("PORRAS_SUPPRESSION_MIN", "8")  # pirkanmaa has 7 finished episodes
    assert cli._quick(["report", "outcomes", "--source", str(report_folder), "--group-by", "county"]) == 0
    groups = {g["county"]: g["finished"] for g in json.loads(capsys.readouterr().out)["groups"]}
    assert groups == {"helsinki": 11}  # the small county is withheld


def test_a_bad_disclosure_setting_stops_a_folder_report(report_folder, capsys, monkeypatch):
    monkeypatch.setenv("PORRAS_ROUNDING_BASE", "2")
    assert cli._quick(["report", "outcomes", "--source", str(report_folder), "--round"]) == 2
    assert "configuration error: PORRAS_ROUNDING_BASE: must be 1 (exact counts) or at least 3" in capsys.readouterr().err


def test_a_folder_report_process_imports_no_django_at_all(report_folder):
    # Every start of the national report pays for what it imports (BENCHMARKS.md 1b): Django is
    # needed only by the verbs that hand over to it.
    import subprocess
    import sys

    code = (
        "import sys; from porras import cli\n"
        "try:\n"
        f"    cli.main(['report', 'outcomes', '--source', {str(report_folder)!r}, '--out', '/dev/null'])\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_a_configuration_error_is_still_one_line_and_status_2(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PORRAS_ROUNDING_BASE": "2", "PORRAS_VAR_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run([sys.executable, "-m", "porras.cli", "check"], capture_output=True, text=True, env=env)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("porras: configuration error: PORRAS_ROUNDING_BASE")
    assert "Traceback" not in done.stderr
