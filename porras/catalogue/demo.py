"""``porras demo`` hook: the fictional demo service catalogue (idempotent)."""

from __future__ import annotations

from porras.catalogue import services


def load() -> None:
    services.load_demo()
