"""``porras audit verify`` (exit 0 on an intact chain, 1 naming the first broken entry) and ``tail``."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from porras.accounts import audit
from porras.accounts.models import AuditEntry


class Command(BaseCommand):
    help = "Verify or show the hash-chained audit log."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify")
        tail = sub.add_parser("tail")
        tail.add_argument("-n", type=int, default=20)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify":
            result = audit.verify()
            if result.ok:
                self.stdout.write(f"audit chain intact: {result.checked} entries")
                return
            self.stderr.write(f"audit chain broken at entry {result.broken_seq}: {result.reason}")
            sys.exit(1)
        entries = list(AuditEntry.objects.order_by("-seq")[: options["n"]])
        for e in reversed(entries):
            self.stdout.write(json.dumps({
                "seq": e.seq, "at": e.at.isoformat(), "user": e.username, "role": e.role, "action": e.action,
                "object": f"{e.object_type}:{e.object_id}", "outcome": e.outcome,
            }, ensure_ascii=False))
