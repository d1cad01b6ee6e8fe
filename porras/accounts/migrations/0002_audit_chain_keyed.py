"""Data: re-key the audit chain written before PORRAS_AUDIT_KEY (plain SHA-256) with the key.

The whole chain is verified under the old hash first: a chain that does not verify is not re-keyed
(that would launder the change) and the migration stops, naming the first broken entry. Backwards,
the chain is verified under the key and written back with plain SHA-256.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import migrations

from porras.accounts.domain import audit_chain

_ADVISORY_LOCK_KEY = 72_617_001  # the audit chain's lock, as porras.accounts.audit takes it


def _rechain(apps: Any, schema_editor: Any, old: audit_chain.Hasher, new: audit_chain.Hasher) -> None:
    AuditEntry = apps.get_model("accounts", "AuditEntry")
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
    entries = AuditEntry.objects.order_by("seq").values(*audit_chain.FIELDS, "prev_hash", "entry_hash")
    try:
        links = audit_chain.rechain(entries, old, new)
    except audit_chain.ChainBroken as exc:
        raise RuntimeError(f"{exc}; the audit log was not re-keyed. Investigate the change before migrating.") from None
    by_seq = {e.seq: e for e in AuditEntry.objects.only("pk", "seq")}
    for seq, prev_hash, entry_hash in links:
        by_seq[seq].prev_hash, by_seq[seq].entry_hash = prev_hash, entry_hash
    AuditEntry.objects.bulk_update(by_seq.values(), ["prev_hash", "entry_hash"], batch_size=2000)


def keyed(apps: Any, schema_editor: Any) -> None:
    _rechain(apps, schema_editor, audit_chain.unkeyed, audit_chain.keyed(settings.PORRAS_AUDIT_KEY))


def unkeyed(apps: Any, schema_editor: Any) -> None:
    _rechain(apps, schema_editor, audit_chain.keyed(settings.PORRAS_AUDIT_KEY), audit_chain.unkeyed)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(keyed, unkeyed, elidable=False)]
