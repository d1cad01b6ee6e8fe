"""``porras fhir import-questionnaire FILE [--instrument ID] [--link LINKID=ITEM ...] [--url URL]`` and
``porras fhir import-text FILE --instrument ID --language L [--name NAME]``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porras.fhir import services
from porras.fhir.domain import FhirInputError
from porras.instruments.domain import InstrumentDefinitionError, UnknownInstrument
from porras.lib.errors import InputError


def _message(exc: Exception) -> str:
    details = "; ".join(i["diagnostics"] for i in getattr(exc, "issues", []) if i["diagnostics"] not in str(exc))
    return f"{exc}{': ' + details if details else ''}"


class Command(BaseCommand):
    help = (
        "Register an external FHIR Questionnaire so that responses to it can be scored, or import "
        "official item wording (a text pack) from one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import-questionnaire")
        imp.add_argument("file")
        imp.add_argument("--instrument", help="instrument id (default: inferred from LOINC codes)")
        imp.add_argument(
            "--link", action="append", default=[], help="LINKID=ITEM for items without LOINC codes"
        )
        imp.add_argument(
            "--url", help="canonical to register it under (default: its url, or Questionnaire/{id})"
        )
        text = sub.add_parser("import-text", help="import item wording matched by LOINC item codes")
        text.add_argument("file", help="a FHIR R4 Questionnaire (JSON)")
        text.add_argument("--instrument", required=True)
        text.add_argument("--language", required=True, choices=["fi", "sv", "en"])
        text.add_argument("--name", help="name of the text pack (default: the questionnaire's title)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "import-text":
                self._import_text(options)
            else:
                self._import_questionnaire(options)
        except (FhirInputError, InputError, UnknownInstrument, InstrumentDefinitionError) as exc:
            raise CommandError(_message(exc)) from None

    def _import_text(self, options: dict[str, Any]) -> None:
        pack = services.import_text_pack_file(
            options["file"], options["instrument"], options["language"], name=options["name"]
        )
        self.stdout.write(
            f"text pack {pack.pk} ({pack.name!r}): {len(pack.texts)} item(s) of {pack.instrument} in {pack.language}"
        )

    def _import_questionnaire(self, options: dict[str, Any]) -> None:
        link_map: dict[str, str] = {}
        for pair in options["link"]:
            link_id, sep, item = pair.rpartition("=")
            if not sep or not link_id or not item:
                raise CommandError(f"--link: {pair!r} is not LINKID=ITEM")
            link_map[link_id] = item
        resource = services.read_json_file(options["file"])
        stored, binding = services.import_questionnaire(
            resource, options["instrument"], link_map=link_map, url=options["url"]
        )
        self.stdout.write(f"registered {stored.url} as {binding.instrument.id} ({len(binding.items)} items)")
        for warning in binding.warnings:
            self.stdout.write(f"warning: {warning}")
