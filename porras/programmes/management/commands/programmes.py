"""``porras programmes load [--data DIR]``: load the strategy, entities, projects and grants of the public record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porras.programmes import services
from porras.programmes.domain import ReferenceDataError
from porras.programmes.domain.reference import DATA_DIR


class Command(BaseCommand):
    help = "Programme reference data: `load` reads porras/programmes/data (or --data DIR) into the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load"])
        parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder of the reference YAML files")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = services.load_public_record(options["data"])
        except (ReferenceDataError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"loaded {summary.programmes} programmes, {summary.priority_areas} priority areas, "
            f"{summary.entities} entities, {summary.projects} projects, {summary.grants} grants, "
            f"{summary.unallocated} unallocated sums"
        )
