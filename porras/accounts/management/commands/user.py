"""``porras user create USERNAME --role ROLE (--unit CODE | --county CODE) [--password-stdin]``, ``list``,
and the host operator's way back in when no administrator can sign in: ``unlock``, ``reset-2fa``,
``password-link`` (prints a one-time link), ``deactivate`` / ``activate``. Each is audited as "system"."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porras.accounts import authz, services
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
        for verb, text in (("unlock", "clear the failed logins that locked the account"),
                           ("reset-2fa", "remove the user's second-factor devices"),
                           ("deactivate", "refuse sign-in; end sessions and API tokens"),
                           ("activate", "allow sign-in again")):
            sub.add_parser(verb, help=text).add_argument("username")
        link = sub.add_parser("password-link", help="print a one-time link to set the password")
        link.add_argument("username")
        link.add_argument("--base-url", required=True, help="the address users open Porras at, e.g. https://porras.example")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] in {"unlock", "reset-2fa", "deactivate", "activate", "password-link"}:
            try:
                self._account(options)
            except InputError as exc:
                raise CommandError(str(exc)) from None
            return
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

    def _account(self, options: dict[str, Any]) -> None:
        action, user = options["action"], services.user_by_name(options["username"])
        if action == "unlock":
            cleared = services.unlock(None, user.pk)
            self.stdout.write(f"user {user.username}: unlocked ({cleared} failed login record(s) cleared)")
        elif action == "reset-2fa":
            removed = services.reset_second_factor(None, user.pk)
            self.stdout.write(f"user {user.username}: {removed} second-factor device(s) removed")
        elif action in {"deactivate", "activate"}:
            services.set_active(None, user.pk, action == "activate")
            self.stdout.write(f"user {user.username}: {action}d")
        else:
            base = options["base_url"]
            if not base.startswith(("https://", "http://")):
                raise InputError.of("base-url", "must start with https:// or http://")
            link = services.password_link(None, user.pk, base)
            where = f"sent to {link.sent_to}" if link.sent_to else "not e-mailed; hand it over yourself"
            self.stdout.write(f"{link.url}\n(works once, for {link.expires_hours} hours; {where})")
