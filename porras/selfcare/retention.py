"""What ``porras purge`` deletes of this app: expired saved progress of open programmes and expired client
sign-ins (the same as ``porras selfcare purge``)."""

from __future__ import annotations

import datetime as dt

from porras.selfcare import services


def purge(now: dt.datetime) -> str:
    return f"purged {services.purge_expired(now=now)} expired programme progress row(s) and client sign-in(s)"
