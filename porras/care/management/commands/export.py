"""``porras export DIR``: write the care data in the interchange format (Parquet)."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser

from porras.care import interchange


class Command(BaseCommand):
    help = ("Export episodes, appointments and measurements (and the tables of other apps: consultations, "
            "social_care, programme_assignments) as Parquet files in the interchange format. Records voided as "
            "entered in error are left out, as the reports leave them out.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="folder to write episodes.parquet, appointments.parquet, measurements.parquet")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = interchange.export_dataset(options["folder"])
        # tables of apps above care (``<app>/dataset_export.py`` with ``export(folder) -> counts``)
        for config in apps.get_app_configs():
            if not config.name.startswith("porras.") or config.name == "porras.care":
                continue
            try:
                module = import_module(f"{config.name}.dataset_export")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.dataset_export":
                    raise
                continue
            counts.update(module.export(Path(options["folder"])))
        self.stdout.write(", ".join(f"{n} {name}" for name, n in counts.items()) + f" written to {options['folder']}")
