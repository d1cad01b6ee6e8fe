"""``porras report outcomes|access --source db|DIR|URI [--engine duckdb|spark] --group-by a,b --format json|csv|xlsx|parquet [--out FILE] [--round]``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from porras.outcomes import report_command
from porras.outcomes.domain.engine import ReportError


class Command(BaseCommand):
    help = report_command.HELP
    # Needs no URL configuration or API module: skip the system checks that would import them all.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        report_command.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = report_command.report(options, settings)
        except ReportError as exc:
            raise CommandError(str(exc)) from None
        report_command.write(report, options, self.stdout, self.stderr)  # type: ignore[arg-type]
