"""``porras import DIR``: load a data set in the interchange format (Parquet or CSV), all or nothing.

Apps above care add their own tables through ``<app>/dataset_import.py`` with
``import_(folder) -> counts`` (the mirror of ``dataset_export.py``; found by
:func:`porras.care.interchange.app_import_hooks`, which the demo uses with each module's
``import_tables(tables) -> counts``): it runs after care's tables,
in the same transaction, and raises :class:`porras.care.interchange.ImportFailed` naming table, row and
column of each bad cell, so that a bad row of any table writes nothing of any table."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from porras.care import interchange, services


class Command(BaseCommand):
    help = ("Import a data set folder (episodes, appointments, measurements and the optional tables of other apps: "
            "programme_assignments, consultations, social_care, somatic_checks, somatic_risk_groups; Parquet or CSV); "
            "all or nothing.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="folder with episodes/appointments/measurements .parquet or .csv")
        parser.add_argument("--max-errors", type=int, default=100, help="how many bad cells to print (default 100)")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        extra: dict[str, int] = {}
        try:
            # one transaction: a bad cell in any table and nothing of the data set is written
            with transaction.atomic():
                counts: dict[str, int] = interchange.import_dataset(options["folder"], services.pseudonym_key())
                for hook in interchange.app_import_hooks():
                    extra.update(hook.import_(Path(options["folder"])))
        except interchange.ImportFailed as exc:
            shown = exc.errors[: options["max_errors"]]
            for error in shown:
                self.stderr.write(str(error))
            more = len(exc.errors) - len(shown)
            if more > 0:
                self.stderr.write(f"... and {more} more")
            raise CommandError(f"{len(exc.errors)} error(s) in the data set; nothing was imported") from None
        seconds = time.perf_counter() - started
        rows = counts["episodes"] + counts["appointments"] + counts["measurements"]
        others = "".join(f", {n} {name}" for name, n in extra.items())
        self.stdout.write(
            f"imported {counts['episodes']} episodes, {counts['appointments']} appointments, "
            f"{counts['measurements']} measurements{others} ({counts['clients']} new clients, {counts['risk_flags']} "
            f"risk flags) in {seconds:.2f} s ({rows / seconds if seconds else 0:,.0f} rows/s)"
        )
