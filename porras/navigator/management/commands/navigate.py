"""``porras navigate --input FILE.json``: print the navigator's recommendation as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porras.navigator import services
from porras.navigator.domain import NavigatorInputError, RuleSetError


class Command(BaseCommand):
    help = "Print the stepped-care recommendation for the input JSON file ('-' reads standard input)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, help="navigator input JSON file, or - for stdin")

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["input"]
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"--input: cannot read {source}: {exc.strerror or exc}") from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            where = f"line {exc.lineno}, column {exc.colno}"
            raise CommandError(f"--input: not valid JSON ({where}): {exc.msg}") from exc
        try:
            result = services.recommend(data)
        except NavigatorInputError as exc:
            error = {"error": "validation_error", "detail": exc.as_list(), **(exc.risk or {})}
            self.stderr.write(json.dumps(error, ensure_ascii=False))
            sys.exit(2)
        except RuleSetError as exc:
            raise CommandError(f"rule set: {exc}") from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
