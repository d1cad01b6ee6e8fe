"""``porras purge``: delete expired anonymous self-assessments (run it daily, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from porras.navigator import services


class Command(BaseCommand):
    help = "Delete saved self-assessments whose 30-day validity has ended (and ended rate-limit counters)."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = services.purge_expired()
        self.stdout.write(f"purged {deleted} expired self-assessment(s)")
