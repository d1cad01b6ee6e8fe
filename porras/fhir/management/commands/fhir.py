"""``porras fhir import-questionnaire FILE [--instrument ID] [--link LINKID=ITEM ...] [--url URL]``."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porras.fhir import services
from porras.fhir.domain import FhirInputError
from porras.instruments.domain import UnknownInstrument


class Command(BaseCommand):
    help = "Register an external FHIR Questionnaire so that responses to it can be scored."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import-questionnaire")
        imp.add_argument("file")
        imp.add_argument("--instrument", help="instrument id (default: inferred from LOINC codes)")
        imp.add_argument(
            "--link", action="append", default=[], help="LINKID=ITEM for items without LOINC codes"
        )
        imp.add_argument(
            "--url", help="canonical to register it under (default: its url, or Questionnaire/{id})"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        link_map: dict[str, str] = {}
        for pair in options["link"]:
            link_id, sep, item = pair.rpartition("=")
            if not sep or not link_id or not item:
                raise CommandError(f"--link: {pair!r} is not LINKID=ITEM")
            link_map[link_id] = item
        try:
            with open(options["file"], encoding="utf-8") as fh:
                resource = json.load(fh)
        except (OSError, ValueError) as exc:
            raise CommandError(f"{options['file']}: cannot read JSON ({exc})") from None
        try:
            stored, binding = services.import_questionnaire(
                resource, options["instrument"], link_map=link_map, url=options["url"]
            )
        except (FhirInputError, UnknownInstrument) as exc:
            details = "; ".join(i["diagnostics"] for i in getattr(exc, "issues", []))
            raise CommandError(f"{exc}{': ' + details if details else ''}") from None
        self.stdout.write(f"registered {stored.url} as {binding.instrument.id} ({len(binding.items)} items)")
        for warning in binding.warnings:
            self.stdout.write(f"warning: {warning}")
