"""``porras serve``: the production server (gunicorn) on 127.0.0.1:8000 by default."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

# The path without the query string, no client address: access logs must not carry codes or
# identifiers that travel in query strings, nor more personal data than needed.
ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


class Command(BaseCommand):
    help = "Serve Porras with gunicorn (not Django's development server)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("PORRAS_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("PORRAS_WORKERS", "3")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("PORRAS_THREADS", "4")))

    def handle(self, *args: Any, **options: Any) -> None:
        argv = [
            sys.executable, "-m", "gunicorn", "porras.wsgi:application",
            "--bind", options["bind"], "--workers", str(options["workers"]), "--threads", str(options["threads"]),
            "--access-logfile", "-", "--access-logformat", ACCESS_LOG_FORMAT,
            "--graceful-timeout", "20", "--timeout", "120", "--forwarded-allow-ips", "127.0.0.1",
        ]
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "porras.settings")
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn
