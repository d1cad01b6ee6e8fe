"""An anchor (the newest entry's number and hash, kept off the host) detects a truncated audit log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from porras.accounts import audit
from porras.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db


def _write(count: int) -> list[AuditEntry]:
    return [audit.record(None, "client.read", "client", i) for i in range(count)]


def _anchor_to(path: Path, capsys) -> dict:
    call_command("audit", "anchor")
    line = capsys.readouterr().out.strip()
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    return json.loads(line)


def _verify(*args: str) -> int:
    try:
        call_command("audit", "verify", *args)
    except SystemExit as exit_info:
        return int(exit_info.code or 0)
    return 0


def test_the_anchor_names_the_newest_entry_and_its_hash(capsys, tmp_path) -> None:
    entries = _write(3)
    assert _anchor_to(tmp_path / "anchors", capsys) == {"seq": entries[-1].seq, "entry_hash": entries[-1].entry_hash}


def test_removing_the_newest_entries_is_detected_with_an_anchor(capsys, tmp_path) -> None:
    anchors = tmp_path / "anchors"
    _write(3)
    kept = _anchor_to(anchors, capsys)
    _write(2)
    AuditEntry.objects.filter(seq__gte=kept["seq"])._raw_delete(AuditEntry.objects.db)
    assert _verify() == 0, "without an anchor the shorter chain is intact: that is why anchors exist"
    capsys.readouterr()
    assert _verify("--anchor", str(anchors)) == 1
    error = capsys.readouterr().err
    assert f"broken at entry {kept['seq']}" in error and "removed from its end" in error


def test_an_entry_that_no_longer_matches_its_anchor_is_named(capsys, tmp_path) -> None:
    anchors = tmp_path / "anchors"
    _write(2)
    kept = _anchor_to(anchors, capsys)
    # The whole log replaced by another of the same length, written under the key (an insider with it).
    AuditEntry.objects.all()._raw_delete(AuditEntry.objects.db)
    _write(2)
    capsys.readouterr()
    assert _verify("--anchor", str(anchors)) == 1
    assert f"broken at entry {kept['seq']}: entry differs from the anchor" in capsys.readouterr().err


def test_an_intact_log_matches_every_anchor_kept_of_it(capsys, tmp_path) -> None:
    anchors = tmp_path / "anchors"
    _anchor_to(anchors, capsys)  # the empty log
    _write(2)
    _anchor_to(anchors, capsys)
    _write(3)
    _anchor_to(anchors, capsys)
    assert _verify("--anchor", str(anchors)) == 0
    assert "3 anchor(s) matched" in capsys.readouterr().out


def test_an_unreadable_anchor_file_is_named_with_its_line(tmp_path) -> None:
    anchors = tmp_path / "anchors"
    anchors.write_text('{"seq": 1, "entry_hash": "' + "0" * 64 + '"}\n{"seq": "one"}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="line 2: seq"):
        call_command("audit", "verify", "--anchor", str(anchors))
