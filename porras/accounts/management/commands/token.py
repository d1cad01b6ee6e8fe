"""``porras token create USERNAME [--expires-days N]`` prints the token alone, once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porras.accounts.models import ApiToken
from porras.accounts.services import issue_token, revoke_token
from porras.lib.errors import InputError


class Command(BaseCommand):
    help = "Issue, list and revoke API bearer tokens (stored only as hashes)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("username")
        create.add_argument("--expires-days", type=int, default=90)
        revoke = sub.add_parser("revoke")
        revoke.add_argument("prefix", help="the token's prefix, as `token list` shows it")
        listing = sub.add_parser("list")
        listing.add_argument("--username")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "create":
                self.stdout.write(issue_token(options["username"], options["expires_days"]))
            elif action == "revoke":
                count = revoke_token(options["prefix"])
                if count == 0:
                    raise CommandError(f"prefix: no active token with prefix {options['prefix']!r}")
                self.stdout.write(f"revoked {count} token(s)")
            else:
                tokens = ApiToken.objects.select_related("user").order_by("created_at")
                if options["username"]:
                    tokens = tokens.filter(user__username=options["username"])
                for t in tokens:
                    state = "revoked" if t.revoked_at else "active"
                    expires = t.expires_at.isoformat() if t.expires_at else "never"
                    self.stdout.write(f"{t.prefix}\t{t.user.username}\t{state}\texpires {expires}")
        except InputError as exc:
            raise CommandError(str(exc)) from None
