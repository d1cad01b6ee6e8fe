"""``porras export DIR``: write the care data in the interchange format (Parquet)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from porras.care import interchange
from porras.care.episode_sections import discover


class Command(BaseCommand):
    help = ("Export episodes, appointments and measurements (and the tables of other apps: consultations, "
            "social_care, programme_assignments) as Parquet files in the interchange format. Records voided as "
            "entered in error are left out, as the reports leave them out.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="folder to write episodes.parquet, appointments.parquet, measurements.parquet")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = interchange.export_dataset(options["folder"])
        # tables of apps above care (``<app>/dataset_export.py`` with ``export(folder) -> counts``)
        for module in discover("dataset_export"):
            counts.update(module.export(Path(options["folder"])))
        self.stdout.write(", ".join(f"{n} {name}" for name, n in counts.items()) + f" written to {options['folder']}")
