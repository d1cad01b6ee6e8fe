"""``porras selfcare list [--format json]`` and ``porras selfcare purge`` (run it daily beside
``porras purge``: expired saved progress of open programmes and expired client sign-ins)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from porras.selfcare import services
from porras.selfcare.schemas import programme_summary


class Command(BaseCommand):
    help = "Self-care and guided internet-therapy programmes: list them; purge expired anonymous progress."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="the programmes (Porras's own and a county's folder)")
        listing.add_argument("--format", choices=["text", "json"], default="text")
        sub.add_parser("purge", help="delete expired saved progress of open programmes and expired client sign-ins")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "purge":
            self.stdout.write(f"purged {services.purge_expired()} expired row(s)")
            return
        programmes = services.all_programmes()
        if options["format"] == "json":
            self.stdout.write(json.dumps([programme_summary(p) for p in programmes], ensure_ascii=False, indent=2))
            return
        for p in programmes:
            kind = "open" if p.open else "guided"
            self.stdout.write(f"{p.id}\t{p.version}\t{p.status}\tstep {p.step} ({kind})\t{len(p.modules)} modules\t"
                              f"{p.expected_weeks} weeks\t{p.title['en']}")
