"""``porras org list --format json`` prints counties, organisations and units with their codes."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from porras.accounts.services import load_counties, organisation_tree


class Command(BaseCommand):
    help = "List the organisation structure, or (re)load the county reference data."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list")
        listing.add_argument("--format", choices=["text", "json"], default="text")
        sub.add_parser("load-counties")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load-counties":
            self.stdout.write(f"{load_counties()} counties loaded")
            return
        tree = organisation_tree()
        if options["format"] == "json":
            self.stdout.write(json.dumps(tree, ensure_ascii=False, indent=2))
            return
        for county in tree:
            self.stdout.write(f"{county['code']}\t{county['name_fi']}")
            for org in county["organisations"]:
                self.stdout.write(f"  {org['code']}\t{org['name_fi']}")
                for unit in org["units"]:
                    self.stdout.write(f"    {unit['code']}\t{unit['name_fi']}\t{unit['kind']}")
