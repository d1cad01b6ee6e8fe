"""``porras user create USERNAME --role ROLE (--unit CODE | --county CODE) [--password-stdin]``."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porras.accounts import authz
from porras.accounts.models import User
from porras.accounts.services import create_user
from porras.lib.errors import InputError


class Command(BaseCommand):
    help = "Create users and list them with their roles."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a user, or add a role to an existing one")
        create.add_argument("username")
        create.add_argument("--role", required=True)
        create.add_argument("--unit", dest="unit_code")
        create.add_argument("--county", dest="county_code")
        create.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
        listing = sub.add_parser("list", help="list users and their roles")
        listing.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            password = None
            if options["password_stdin"]:
                password = sys.stdin.readline().rstrip("\n")
            try:
                user = create_user(
                    options["username"], options["role"], unit_code=options["unit_code"],
                    county_code=options["county_code"], password=password,
                )
            except InputError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(f"user {user.username}: {', '.join(sorted(authz.roles(user)))}")
            return
        rows: list[dict[str, Any]] = [
            {"username": u.username, "active": u.is_active,
             "memberships": [{"role": m.role, "unit": m.unit.code if m.unit else None,
                              "county": m.county.code if m.county else None} for m in u.memberships.all()]}
            for u in User.objects.prefetch_related("memberships__unit", "memberships__county").order_by("username")
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for row in rows:
                roles = ", ".join(f"{m['role']}@{m['unit'] or m['county'] or 'national'}" for m in row["memberships"])
                self.stdout.write(f"{row['username']}\t{roles}")
