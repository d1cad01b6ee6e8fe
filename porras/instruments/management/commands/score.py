"""``porras score INSTRUMENT --answers 1,0,2,… [--format json|text]`` prints the scoring result.

Answers are option positions (0 = first option shown) in item order; leave a position empty
(``1,,2``) for an unanswered item. Exit status 2 on bad input, with every bad item named.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porras.instruments.domain import ScoringError, UnknownInstrument, load_instrument, score


def parse_answers(text: str) -> list[int | None]:
    answers: list[int | None] = []
    for position, part in enumerate(text.split(","), start=1):
        part = part.strip()
        if part == "":
            answers.append(None)
            continue
        try:
            answers.append(int(part))
        except ValueError:
            raise CommandError(
                f"--answers: position {position}: {part!r} is not an integer option position"
            ) from None
    return answers


class Command(BaseCommand):
    help = "Score an instrument from option positions and print the result."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("instrument", help="instrument id, e.g. phq9")
        parser.add_argument("--answers", required=True, help="comma-separated option positions, e.g. 1,0,2")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            instrument = load_instrument(options["instrument"])
        except UnknownInstrument as exc:
            raise CommandError(str(exc)) from None
        answers = parse_answers(options["answers"])
        try:
            result = score(instrument, answers)
        except ScoringError as exc:
            if options["format"] == "json":
                self.stderr.write(
                    json.dumps({"error": "validation_error", "detail": exc.errors}, ensure_ascii=False)
                )
            raise CommandError(str(exc), returncode=2) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{instrument.abbreviation} total: {result.total}")
        if result.severity:
            self.stdout.write(f"severity: {result.severity}")
        if result.caseness is not None:
            self.stdout.write(f"caseness: {'yes' if result.caseness else 'no'}")
        for key, value in result.subscores.items():
            self.stdout.write(f"{key}: {value}")
        if result.diagnostic_algorithm:
            self.stdout.write(f"diagnostic algorithm: {result.diagnostic_algorithm}")
        for flag in result.risk_flags:
            self.stdout.write(f"RISK: item {flag['item']} answered with score {flag['value']}")
        for warning in result.warnings:
            self.stdout.write(f"warning: {warning}")
