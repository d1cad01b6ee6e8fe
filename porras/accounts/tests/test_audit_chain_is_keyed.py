"""The audit chain is keyed with PORRAS_AUDIT_KEY: who can write to the database but lacks the key
cannot remove or change an entry and recompute the chain after it."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings

from porras.accounts import audit
from porras.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db


def _write(count: int) -> list[AuditEntry]:
    return [audit.record(None, "client.read", "client", i) for i in range(1, count + 1)]


def _canonical(row: dict[str, Any], prev_hash: str) -> bytes:
    # The entry as the chain's hash covers it, written out here as an attacker reading the source would.
    body = {k: row[k] for k in ("seq", "username", "role", "action", "object_type", "object_id", "outcome", "detail")}
    body["at"] = row["at"].isoformat(timespec="microseconds")
    body["prev_hash"] = prev_hash
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _rows() -> list[dict[str, Any]]:
    return list(AuditEntry.objects.order_by("seq").values())


def _rehash_from(seq: int, digest: Any) -> None:
    """Recompute every hash from entry ``seq`` on with ``digest``, as an attacker would after a removal."""
    rows = _rows()
    previous = next((r["entry_hash"] for r in rows if r["seq"] == seq - 1), "0" * 64)
    for row in (r for r in rows if r["seq"] >= seq):
        entry_hash = digest(_canonical(row, previous))
        AuditEntry.objects.filter(pk=row["id"]).update(prev_hash=previous, entry_hash=entry_hash)
        previous = entry_hash


def test_each_hash_is_an_hmac_under_the_configured_key() -> None:
    entry = _write(1)[0]
    row = _rows()[0]
    expected = hmac.new(settings.PORRAS_AUDIT_KEY.encode(), _canonical(row, "0" * 64), hashlib.sha256).hexdigest()
    assert entry.entry_hash == expected


def test_removing_an_entry_and_recomputing_the_chain_after_it_is_detected() -> None:
    entries = _write(4)
    AuditEntry.objects.filter(pk=entries[1].pk)._raw_delete(AuditEntry.objects.db)
    for entry in entries[2:]:  # close the gap in the numbering
        AuditEntry.objects.filter(pk=entry.pk).update(seq=entry.seq - 1)
    _rehash_from(2, lambda payload: hashlib.sha256(payload).hexdigest())
    result = audit.verify()
    assert not result.ok
    assert result.broken_seq == 2


def test_changing_an_entry_and_rehashing_with_a_guessed_key_is_detected() -> None:
    _write(3)
    AuditEntry.objects.filter(seq=2).update(outcome="denied")
    _rehash_from(2, lambda payload: hmac.new(b"a guess", payload, hashlib.sha256).hexdigest())
    assert audit.verify().broken_seq == 2


def test_a_chain_checked_under_another_key_fails_at_its_first_entry(settings) -> None:
    _write(3)
    assert audit.verify().ok
    settings.PORRAS_AUDIT_KEY = "another-key-of-the-same-length-0123456789abcdef"
    result = audit.verify()
    assert (result.ok, result.broken_seq) == (False, 1)
    assert "another key" in result.reason


def _porras_check(tmp_path: Any, **extra: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PORRAS_")}
    environ.update(PORRAS_ENV="production", PORRAS_VAR_DIR=str(tmp_path), PORRAS_SECRET_KEY="s" * 50,
                   PORRAS_PSEUDONYM_KEY="p" * 50, **extra)
    return subprocess.run([sys.executable, "-m", "porras.cli", "check"], capture_output=True, text=True,
                          env=environ, timeout=120)


def test_production_refuses_to_start_without_the_audit_key(tmp_path) -> None:
    refused = _porras_check(tmp_path)
    assert refused.returncode != 0
    assert "PORRAS_AUDIT_KEY" in refused.stderr
    assert not (tmp_path / "audit_key").exists(), "production must not make up a key of its own"
    assert _porras_check(tmp_path, PORRAS_AUDIT_KEY="k" * 40).returncode == 0


def test_production_takes_the_audit_key_from_a_file(tmp_path) -> None:
    key_file = tmp_path / "audit.key"
    key_file.write_text("f" * 40 + "\n", encoding="utf-8")
    assert _porras_check(tmp_path, PORRAS_AUDIT_KEY_FILE=str(key_file)).returncode == 0
