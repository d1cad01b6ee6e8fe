"""``porras instruments list``. (Official wording is imported from a FHIR Questionnaire by
``porras fhir import-text``: reading FHIR is the FHIR app's.)"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from porras.instruments.domain import list_instruments


class Command(BaseCommand):
    help = "List the instruments."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list")

    def handle(self, *args: Any, **options: Any) -> None:
        for inst in list_instruments():
            low, high = inst.score_range
            self.stdout.write(f"{inst.id}\t{inst.abbreviation}\t{len(inst.items)} items\t{low}-{high}")
