"""The audit helper: every read and write of client-level data calls :func:`record`.

Entries are appended under a lock so that two writers never fork the hash chain: on PostgreSQL a
transaction-level advisory lock, on SQLite the database write lock taken by IMMEDIATE transactions.
The chain is keyed with ``PORRAS_AUDIT_KEY`` (:mod:`porras.accounts.domain.audit_chain`);
:func:`head` gives the anchor to keep elsewhere, :func:`verify` checks the chain and any anchors.
Details must never hold identifying data (no identity codes, no free text about a client).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from porras.accounts.domain import audit_chain
from porras.accounts.domain.audit_chain import GENESIS, Anchor, VerifyResult
from porras.accounts.models import AuditEntry

__all__ = ["GENESIS", "Anchor", "Outcome", "VerifyResult", "head", "record", "rekey", "verify"]

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
        _lock_the_chain()
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


def _lock_the_chain() -> None:
    """Inside a transaction: wait for and hold the chain's lock until it ends (PostgreSQL's
    advisory lock; SQLite's IMMEDIATE transactions already hold the database's write lock)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])


def _entries() -> Iterator[dict[str, Any]]:
    return AuditEntry.objects.order_by("seq").values(
        *audit_chain.FIELDS, "prev_hash", "entry_hash").iterator(chunk_size=2000)


def verify(anchors: Sequence[Anchor] = (), *, key: str | None = None) -> VerifyResult:
    """Walk the chain; report the first entry that was changed, removed or reordered, or written under
    another key, and the first anchor that the log no longer reaches (truncation) or matches."""
    return audit_chain.verify(_entries(), audit_chain.keyed(key or settings.PORRAS_AUDIT_KEY), anchors)


def head() -> Anchor:
    """The newest entry, to be kept outside the database (``porras audit anchor``)."""
    last = AuditEntry.objects.order_by("-seq").only("seq", "entry_hash").first()
    return Anchor(last.seq, last.entry_hash) if last else Anchor(0, GENESIS)


def rekey(old_key: str) -> int:
    """Re-hash the whole chain under the configured key, after verifying it under ``old_key``
    (``porras audit rekey``, after the key was changed). Raises ``audit_chain.ChainBroken``."""
    return _rechain(audit_chain.keyed(old_key), audit_chain.keyed(settings.PORRAS_AUDIT_KEY))


def _rechain(old: audit_chain.Hasher, new: audit_chain.Hasher) -> int:
    with transaction.atomic():
        _lock_the_chain()
        links = audit_chain.rechain(_entries(), old, new)
        by_seq = {e.seq: e for e in AuditEntry.objects.only("pk", "seq")}
        changed = []
        for seq, prev_hash, entry_hash in links:
            entry = by_seq[seq]
            entry.prev_hash, entry.entry_hash = prev_hash, entry_hash
            changed.append(entry)
        # bulk_update writes through the queryset: the model's own save() refuses every change.
        AuditEntry.objects.bulk_update(changed, ["prev_hash", "entry_hash"], batch_size=2000)
    return len(links)
