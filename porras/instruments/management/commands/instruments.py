"""``porras instruments list`` and ``porras instruments import-text FILE --instrument ID --language L``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porras.instruments import services
from porras.instruments.domain import InstrumentDefinitionError, UnknownInstrument, list_instruments


class Command(BaseCommand):
    help = "List instruments; import official wording (a text pack) from a FHIR Questionnaire."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list")
        imp = sub.add_parser("import-text", help="import item wording matched by LOINC item codes")
        imp.add_argument("file", help="a FHIR R4 Questionnaire (JSON)")
        imp.add_argument("--instrument", required=True)
        imp.add_argument("--language", required=True, choices=["fi", "sv", "en"])
        imp.add_argument("--name", help="name of the text pack (default: the questionnaire's title)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "list":
                for inst in list_instruments():
                    low, high = inst.score_range
                    self.stdout.write(
                        f"{inst.id}\t{inst.abbreviation}\t{len(inst.items)} items\t{low}-{high}"
                    )
                return
            pack = services.import_text_pack_file(
                options["file"], options["instrument"], options["language"], name=options["name"]
            )
        except (UnknownInstrument, InstrumentDefinitionError, services.TextPackError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"text pack {pack.pk} ({pack.name!r}): {len(pack.texts)} item(s) of {pack.instrument} in {pack.language}"
        )
