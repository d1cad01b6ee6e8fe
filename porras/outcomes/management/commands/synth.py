"""``porras synth --episodes N --seed S --out DIR``: a synthetic data set in the interchange format."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porras.outcomes.synth import synth


class Command(BaseCommand):
    help = ("Write deterministic synthetic national data (episodes, appointments, measurements, "
            "programme_assignments) as Parquet.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--episodes", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", required=True, help="folder to write to (created if missing)")
        parser.add_argument(
            "--partition-by-county",
            action="store_true",
            help="one Parquet file per county in each table folder",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.perf_counter()
        try:
            counts = synth(
                options["episodes"],
                options["seed"],
                options["out"],
                partition_by_county=options["partition_by_county"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        rows = ", ".join(f"{name} {n}" for name, n in counts.items())
        self.stdout.write(f"{rows} rows written to {options['out']} in {time.perf_counter() - start:.1f} s")
