"""The audit helper: every read and write of client-level data calls :func:`record`.

Entries are appended under a lock so that two writers never fork the hash chain: on PostgreSQL a
transaction-level advisory lock, on SQLite the database write lock taken by IMMEDIATE transactions.
Details must never hold identifying data (no identity codes, no free text about a client).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from porras.accounts.models import AuditEntry

GENESIS = "0" * 64
_ADVISORY_LOCK_KEY = 72_617_001  # arbitrary, fixed: "the audit chain" lock


class Outcome:
    OK = "ok"
    DENIED = "denied"
    FAILED = "failed"


def _actor(actor: Any) -> tuple[str, str]:
    from porras.accounts import authz

    user = getattr(actor, "user", actor)  # a request or a user
    if user is None or not getattr(user, "is_authenticated", False):
        return "anonymous", ""
    return user.get_username(), authz.role_label(user)


def record(
    actor: Any,
    action: str,
    object_type: str,
    object_id: Any = "",
    outcome: str = Outcome.OK,
    detail: dict[str, Any] | None = None,
    *,
    username: str | None = None,
) -> AuditEntry:
    """Append one entry. ``actor`` is a request, a user, or None (system)."""
    name, role = _actor(actor) if username is None else (username, "")
    if actor is None and username is None:
        name = "system"
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
        last = AuditEntry.objects.order_by("-seq").only("seq", "entry_hash").first()
        entry = AuditEntry(
            seq=(last.seq + 1) if last else 1,
            at=timezone.now(),
            username=name,
            role=role,
            action=action,
            object_type=object_type,
            object_id=str(object_id) if object_id is not None else "",
            outcome=outcome,
            detail=detail or {},
            prev_hash=last.entry_hash if last else GENESIS,
        )
        entry.entry_hash = entry.compute_hash()
        entry.save()
    return entry


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def _entries() -> Iterator[AuditEntry]:
    return AuditEntry.objects.order_by("seq").iterator(chunk_size=2000)


def verify() -> VerifyResult:
    """Walk the chain; report the first entry that was changed, removed or reordered."""
    previous_hash = GENESIS
    expected_seq = 1
    checked = 0
    for entry in _entries():
        if entry.seq != expected_seq:
            return VerifyResult(False, checked, expected_seq, f"entry {expected_seq} is missing")
        if entry.prev_hash != previous_hash:
            return VerifyResult(False, checked, entry.seq, "link to the previous entry is broken")
        if entry.compute_hash() != entry.entry_hash:
            return VerifyResult(False, checked, entry.seq, "entry content does not match its hash")
        previous_hash = entry.entry_hash
        expected_seq += 1
        checked += 1
    return VerifyResult(True, checked)
