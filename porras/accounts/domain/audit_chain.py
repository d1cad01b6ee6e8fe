"""The audit log's hash chain, framework-free.

Each entry's hash covers every field of the entry and the previous entry's hash. The hash is an
HMAC-SHA-256 under ``PORRAS_AUDIT_KEY``, a key kept outside the database: whoever can write to the
database but lacks the key cannot remove or change an entry and recompute the hashes after it.
Removing the newest entries (truncating the tail) leaves a valid shorter chain; an *anchor* (the
sequence number and hash of the newest entry, kept elsewhere) detects that.

The chain written before the key existed used plain SHA-256 (:func:`unkeyed`); migration
``accounts.0002_audit_chain_keyed`` re-keys it with :func:`rechain`, as does ``porras audit rekey``
after a change of key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64

# What each entry's hash covers, besides the previous entry's hash.
FIELDS = ("seq", "at", "username", "role", "action", "object_type", "object_id", "outcome", "detail")

Hasher = Callable[[bytes], str]


def keyed(key: str | bytes) -> Hasher:
    """HMAC-SHA-256 under ``key``: the chain's hash since PORRAS_AUDIT_KEY."""
    secret = key.encode("utf-8") if isinstance(key, str) else key

    def digest(payload: bytes) -> str:
        return hmac.new(secret, payload, hashlib.sha256).hexdigest()

    return digest


def unkeyed(payload: bytes) -> str:
    """Plain SHA-256: the chain's hash before PORRAS_AUDIT_KEY (kept to re-key old chains only)."""
    return hashlib.sha256(payload).hexdigest()


def canonical(entry: Mapping[str, Any], prev_hash: str) -> bytes:
    """The bytes an entry's hash covers: its fields and the previous hash, as sorted, compact JSON."""
    body = {name: entry[name] for name in FIELDS}
    body["at"] = entry["at"].isoformat(timespec="microseconds")
    body["prev_hash"] = prev_hash
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("utf-8")


@dataclass(frozen=True)
class Anchor:
    """The newest entry at some moment, kept outside the database: ``seq`` 0 is the empty log."""

    seq: int
    entry_hash: str

    def as_json(self) -> str:
        return json.dumps({"seq": self.seq, "entry_hash": self.entry_hash}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Anchor:
        """Raises ``ValueError`` naming what is wrong."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not JSON: {exc.msg}") from None
        if not isinstance(data, dict):
            raise ValueError("expected an object with seq and entry_hash")
        seq, entry_hash = data.get("seq"), data.get("entry_hash")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            raise ValueError("seq: expected a whole number, at least 0")
        if not isinstance(entry_hash, str) or len(entry_hash) != 64:
            raise ValueError("entry_hash: expected 64 hexadecimal digits")
        return cls(seq, entry_hash)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def verify(entries: Iterable[Mapping[str, Any]], hasher: Hasher, anchors: Sequence[Anchor] = ()) -> VerifyResult:
    """Walk the chain in ``seq`` order; report the first entry changed, removed, reordered or written
    under another key, and the first anchor the chain no longer reaches or no longer matches.

    ``entries`` are mappings with :data:`FIELDS`, ``prev_hash`` and ``entry_hash``.
    """
    by_seq = {a.seq: a for a in sorted(anchors, key=lambda a: a.seq)}
    previous_hash = GENESIS
    expected_seq = 1
    checked = 0
    for entry in entries:
        seq = entry["seq"]
        if seq != expected_seq:
            return VerifyResult(False, checked, expected_seq, f"entry {expected_seq} is missing")
        if entry["prev_hash"] != previous_hash:
            return VerifyResult(False, checked, seq, "link to the previous entry is broken")
        if hasher(canonical(entry, entry["prev_hash"])) != entry["entry_hash"]:
            return VerifyResult(False, checked, seq,
                                "entry content does not match its hash (changed, or written under another key)")
        anchor = by_seq.get(seq)
        if anchor is not None and anchor.entry_hash != entry["entry_hash"]:
            return VerifyResult(False, checked, seq, "entry differs from the anchor kept of it")
        previous_hash = entry["entry_hash"]
        expected_seq += 1
        checked += 1
    newest = expected_seq - 1
    beyond = [a for a in by_seq.values() if a.seq > newest]
    if beyond:
        first = min(a.seq for a in beyond)
        return VerifyResult(False, checked, newest + 1,
                            f"the log ends at entry {newest} but an anchor names entry {first}: entries were removed from its end")
    return VerifyResult(True, checked)


class ChainBroken(Exception):
    """A chain to be re-keyed does not verify under its old hash: re-keying it would hide that."""

    def __init__(self, result: VerifyResult) -> None:
        super().__init__(f"audit chain broken at entry {result.broken_seq}: {result.reason}")
        self.result = result


def rechain(entries: Iterable[Mapping[str, Any]], old: Hasher, new: Hasher) -> list[tuple[int, str, str]]:
    """(seq, prev_hash, entry_hash) of every entry hashed with ``new``, after checking the whole
    chain under ``old``; raises :class:`ChainBroken` if it does not verify."""
    entries = list(entries)
    result = verify(entries, old)
    if not result.ok:
        raise ChainBroken(result)
    links: list[tuple[int, str, str]] = []
    previous_hash = GENESIS
    for entry in entries:
        entry_hash = new(canonical(entry, previous_hash))
        links.append((entry["seq"], previous_hash, entry_hash))
        previous_hash = entry_hash
    return links
