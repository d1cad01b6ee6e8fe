"""``porras purge``: delete what has outlived its retention, in every app (run it daily, e.g. from cron).

Each app that keeps something only for a while says what in its ``retention.py``
(``purge(now) -> str``, one line for the operator): saved self-assessments and ended rate-limit
counters (navigator), saved open-programme progress and client sign-ins (selfcare), stored
Idempotency-Key answers (idempotency). Each app's purge is its own transaction and audited.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from porras.lib.discovery import app_modules


class Command(BaseCommand):
    help = ("Delete what has outlived its retention in every app: expired saved self-assessments and "
            "rate-limit counters, open-programme progress, client sign-ins, stored idempotency answers.")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        for module in app_modules("retention"):
            self.stdout.write(module.purge(now))
