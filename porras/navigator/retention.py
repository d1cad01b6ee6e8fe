"""What ``porras purge`` deletes of this app: saved self-assessments whose validity has ended and the
rate-limit counters whose window has ended."""

from __future__ import annotations

import datetime as dt

from porras.navigator import services


def purge(now: dt.datetime) -> str:
    return f"purged {services.purge_expired(now=now)} expired self-assessment(s)"
