"""``porras report outcomes|access --source db|DIR --group-by a,b --format json|csv|xlsx|parquet [--out FILE] [--round]``.

Run by an operator who can read the database anyway: exact counts unless ``--round`` is given;
counts below the minimum (``PORRAS_SUPPRESSION_MIN``) are withheld either way.
"""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from porras.lib.disclosure import Policy
from porras.outcomes.domain.definitions import GROUP_KEYS
from porras.outcomes.domain.engine import REPORT_KINDS, ReportError, parse_group_by
from porras.outcomes.domain.writers import FORMATS, render


class Command(BaseCommand):
    help = "Print or write the outcome or access report (aggregates) of a database or data-set folder."
    # Needs no URL configuration or API module: skip the system checks that would import them all.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=REPORT_KINDS)
        parser.add_argument(
            "--source", default="db", help="'db' (this database) or a data-set folder (Parquet or CSV files)"
        )
        parser.add_argument("--group-by", default="", help=f"comma-separated keys: {', '.join(GROUP_KEYS)}")
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--out", help="write to this file instead of standard output")
        parser.add_argument("--county", help="only episodes of this county code")
        parser.add_argument("--unit", help="only episodes of this unit")
        parser.add_argument(
            "--round",
            action="store_true",
            help="round counts as analysts get them (PORRAS_ROUNDING_BASE) instead of exact counts",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from porras.outcomes.services import run  # the Django models: only once the arguments are good

        try:
            report = run(
                options["kind"],
                options["source"],
                parse_group_by(options["group_by"]),
                policy=Policy.from_settings(settings, exact=not options["round"]),
                county=options["county"],
                unit=options["unit"],
            )
        except ReportError as exc:
            raise CommandError(str(exc)) from None
        data = render(report, options["format"])
        if options["out"]:
            with open(options["out"], "wb") as fh:
                fh.write(data)
            self.stderr.write(f"{len(report.groups)} groups written to {options['out']}")
        elif options["format"] in ("json", "csv"):
            self.stdout.write(data.decode("utf-8"), ending="" if data.endswith(b"\n") else "\n")
        else:
            self.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
