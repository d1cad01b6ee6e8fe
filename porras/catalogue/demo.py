"""``porras demo`` hook: the fictional demo service catalogue (idempotent)."""

from __future__ import annotations

from porras.catalogue import services


def load() -> None:
    from porras.catalogue.domain.demo import YOUTH_DEMO_FILE

    services.load_demo()
    services.load_demo(YOUTH_DEMO_FILE)  # school and student health care, family centres, youth services
