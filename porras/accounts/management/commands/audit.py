"""``porras audit``: check and show the keyed, hash-chained audit log.

* ``verify [--anchor FILE]``: exit 0 on an intact chain, 1 naming the first broken entry. FILE holds
  anchors, one JSON object a line, as ``anchor`` printed them: an anchor the log no longer reaches
  (its end was removed) or no longer matches is a break too.
* ``anchor``: print the newest entry's anchor; append it to a file kept off this host (e.g. daily).
* ``rekey --old-key-file FILE``: after ``PORRAS_AUDIT_KEY`` was changed, verify the chain under the
  old key and re-hash it under the new one (refused, changing nothing, if it does not verify).
* ``tail [-n N]``: the newest entries as JSON lines.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porras.accounts import audit
from porras.accounts.domain.audit_chain import Anchor, ChainBroken
from porras.accounts.models import AuditEntry


def _read_anchors(path: str) -> list[Anchor]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"--anchor: cannot read {path!r}: {exc.strerror}") from None
    anchors = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            anchors.append(Anchor.from_json(line))
        except ValueError as exc:
            raise CommandError(f"--anchor: {path}, line {number}: {exc}") from None
    if not anchors:
        raise CommandError(f"--anchor: {path} holds no anchor")
    return anchors


def _read_key(path: str) -> str:
    try:
        key = Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise CommandError(f"--old-key-file: cannot read {path!r}: {exc.strerror}") from None
    if not key:
        raise CommandError(f"--old-key-file: {path} is empty")
    return key


class Command(BaseCommand):
    help = "Verify, anchor, re-key or show the keyed, hash-chained audit log."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify")
        verify.add_argument("--anchor", metavar="FILE", help="anchors printed by `porras audit anchor`, one a line")
        sub.add_parser("anchor")
        rekey = sub.add_parser("rekey")
        rekey.add_argument("--old-key-file", required=True, metavar="FILE", help="the key the chain was written under")
        tail = sub.add_parser("tail")
        tail.add_argument("-n", type=int, default=20)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "verify":
            anchors = _read_anchors(options["anchor"]) if options["anchor"] else []
            result = audit.verify(anchors)
            if result.ok:
                against = f", {len(anchors)} anchor(s) matched" if anchors else ""
                self.stdout.write(f"audit chain intact: {result.checked} entries{against}")
                return
            self.stderr.write(f"audit chain broken at entry {result.broken_seq}: {result.reason}")
            sys.exit(1)
        if action == "anchor":
            self.stdout.write(audit.head().as_json())
            return
        if action == "rekey":
            try:
                count = audit.rekey(_read_key(options["old_key_file"]))
            except ChainBroken as exc:
                raise CommandError(f"{exc}; nothing was re-keyed") from None
            self.stdout.write(f"re-keyed {count} entries; keep a new anchor (porras audit anchor)")
            return
        entries = list(AuditEntry.objects.order_by("-seq")[: options["n"]])
        for e in reversed(entries):
            self.stdout.write(json.dumps({
                "seq": e.seq, "at": e.at.isoformat(), "user": e.username, "role": e.role, "action": e.action,
                "object": f"{e.object_type}:{e.object_id}", "outcome": e.outcome,
            }, ensure_ascii=False))
