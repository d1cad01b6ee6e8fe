"""What ``porras purge`` deletes of this app: stored Idempotency-Key answers older than their retention."""

from __future__ import annotations

import datetime as dt

from porras.idempotency import services


def purge(now: dt.datetime) -> str:
    return f"purged {services.purge_expired(now=now)} expired idempotency answer(s)"
