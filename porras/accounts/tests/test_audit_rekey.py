"""An existing chain is re-keyed, after it verifies under its old hash: by the migration for the chain
written before PORRAS_AUDIT_KEY (plain SHA-256), by ``porras audit rekey`` after a change of key."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from porras.accounts import audit
from porras.accounts.models import AuditEntry

OLD_KEY = "the-old-audit-key-0123456789-0123456789"
NEW_KEY = "the-new-audit-key-0123456789-0123456789"


def _sha256_chain(count: int) -> list[dict[str, Any]]:
    """Entries as the chain before PORRAS_AUDIT_KEY wrote them, built here by hand."""
    rows, previous = [], "0" * 64
    for seq in range(1, count + 1):
        row = {"seq": seq, "at": dt.datetime(2026, 1, seq, 8, 0, tzinfo=dt.UTC), "username": "clinician_a",
               "role": "professional", "action": "client.read", "object_type": "client", "object_id": str(seq),
               "outcome": "ok", "detail": {"n": seq}}
        body = dict(row, at=row["at"].isoformat(timespec="microseconds"), prev_hash=previous)
        row["prev_hash"] = previous
        row["entry_hash"] = previous = hashlib.sha256(
            json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()).hexdigest()
        rows.append(row)
    return rows


def _keyed_migration() -> tuple[tuple[str, str], tuple[str, str], tuple[str, str]]:
    """(the migration before it, the re-keying migration, the newest accounts migration)."""
    loader = MigrationExecutor(connection).loader
    [key] = [k for k in loader.disk_migrations if k[0] == "accounts" and k[1].endswith("audit_chain_keyed")]
    [before] = [d for d in loader.disk_migrations[key].dependencies if d[0] == "accounts"]
    [leaf] = loader.graph.leaf_nodes("accounts")
    return before, key, leaf


def _migrate(target: tuple[str, str]) -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return MigrationExecutor(connection).loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_rekeys_the_chain_written_before_the_key() -> None:
    before, _key, leaf = _keyed_migration()
    try:
        historical = _migrate(before).get_model("accounts", "AuditEntry")
        for row in _sha256_chain(3):
            historical.objects.create(**row)
        _migrate(leaf)
        result = audit.verify()
        assert (result.ok, result.checked) == (True, 3)
        assert AuditEntry.objects.get(seq=2).object_id == "2"
    finally:
        AuditEntry.objects.all()._raw_delete(AuditEntry.objects.db)
        _migrate(leaf)


@pytest.mark.django_db(transaction=True)
def test_the_migration_refuses_to_rekey_a_chain_that_was_already_changed() -> None:
    before, _key, leaf = _keyed_migration()
    try:
        historical = _migrate(before).get_model("accounts", "AuditEntry")
        rows = _sha256_chain(3)
        rows[1]["outcome"] = "denied"  # changed after it was written
        for row in rows:
            historical.objects.create(**row)
        with pytest.raises(RuntimeError, match="broken at entry 2"):
            _migrate(leaf)
        assert historical.objects.get(seq=3).entry_hash == rows[2]["entry_hash"], "nothing was re-keyed"
    finally:
        AuditEntry.objects.all()._raw_delete(AuditEntry.objects.db)
        _migrate(leaf)


@pytest.mark.django_db
def test_the_rekey_command_moves_the_chain_to_a_new_key(settings, tmp_path, capsys) -> None:
    settings.PORRAS_AUDIT_KEY = OLD_KEY
    for i in range(3):
        audit.record(None, "client.read", "client", i)
    old_key_file = tmp_path / "old.key"
    old_key_file.write_text(OLD_KEY + "\n", encoding="utf-8")
    settings.PORRAS_AUDIT_KEY = NEW_KEY
    assert audit.verify().broken_seq == 1
    call_command("audit", "rekey", "--old-key-file", str(old_key_file))
    assert "re-keyed 3 entries" in capsys.readouterr().out
    assert audit.verify().ok
    assert audit.verify(key=OLD_KEY).broken_seq == 1


@pytest.mark.django_db
def test_the_rekey_command_changes_nothing_when_the_old_key_is_wrong(settings, tmp_path) -> None:
    settings.PORRAS_AUDIT_KEY = OLD_KEY
    for i in range(3):
        audit.record(None, "client.read", "client", i)
    hashes = list(AuditEntry.objects.order_by("seq").values_list("entry_hash", flat=True))
    wrong = tmp_path / "wrong.key"
    wrong.write_text("not-the-old-key-0123456789-0123456789", encoding="utf-8")
    settings.PORRAS_AUDIT_KEY = NEW_KEY
    with pytest.raises(CommandError, match="broken at entry 1.*nothing was re-keyed"):
        call_command("audit", "rekey", "--old-key-file", str(wrong))
    assert list(AuditEntry.objects.order_by("seq").values_list("entry_hash", flat=True)) == hashes
