"""``porras catalogue export --format hsds OUT.json`` and ``porras catalogue import --format hsds FILE``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porras.accounts import audit
from porras.catalogue import search, services
from porras.catalogue.domain import hsds
from porras.catalogue.models import PublicationStatus


class Command(BaseCommand):
    help = "Exchange the service catalogue as Open Referral HSDS 3.0 JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        export = verbs.add_parser("export", help="write the published services as HSDS JSON")
        export.add_argument("out", help="output file (- for standard output)")
        export.add_argument("--format", choices=["hsds"], default="hsds")
        export.add_argument("--county", help="only this county's services (Porras county code)")
        imp = verbs.add_parser("import", help="read an HSDS JSON file (all or nothing)")
        imp.add_argument("file")
        imp.add_argument("--format", choices=["hsds"], default="hsds")
        imp.add_argument("--kind", choices=list(hsds.KINDS), help="document kind (detected when left out)")
        imp.add_argument("--county", help="county for services that name none")
        imp.add_argument(
            "--status",
            choices=PublicationStatus.values,
            default=PublicationStatus.DRAFT,
            help="status given to the imported services (default: draft)",
        )
        verbs.add_parser("reindex", help="rebuild the SQLite full-text index")

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        if verb == "export":
            qs = services.Service.objects.filter(status=PublicationStatus.PUBLISHED)
            if options["county"]:
                qs = qs.filter(county__code=options["county"])
            try:
                output = hsds.dumps(services.export_hsds(qs))
            except hsds.HsdsImportError as error:
                lines = [f"refused to export: {len(error.problems)} problem(s) in stored services"]
                lines += [f"  {problem}" for problem in error.problems]
                raise CommandError("\n".join(lines)) from None
            if options["out"] == "-":
                self.stdout.write(output, ending="")
            else:
                Path(options["out"]).write_text(output, encoding="utf-8")
                self.stdout.write(f"exported {qs.count()} service(s) to {options['out']}")
        elif verb == "import":
            try:
                catalogue = hsds.load(options["file"], options["kind"])
                result = services.import_catalogue(
                    catalogue, county=options["county"], status=options["status"]
                )
            except hsds.HsdsImportError as error:
                lines = [
                    f"{options['file']}: refused, {len(error.problems)} problem(s); nothing was imported"
                ]
                lines += [f"  {problem}" for problem in error.problems]
                raise CommandError("\n".join(lines)) from None
            except (services.CatalogueError, FileNotFoundError) as error:
                raise CommandError(f"{options['file']}: refused; nothing was imported: {error}") from None
            audit.record(
                None,
                "catalogue.import",
                "catalogue.Service",
                "",
                detail={"created": result.created, "updated": result.updated, "status": options["status"]},
            )
            self.stdout.write(
                f"imported {result.created + result.updated} service(s): "
                f"{result.created} new, {result.updated} updated"
            )
        else:
            self.stdout.write(f"reindexed {search.rebuild()} service(s)")
