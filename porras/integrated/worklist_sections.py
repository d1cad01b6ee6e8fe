"""The worklist's note of somatic health checks due (collected by :func:`porras.care.episode_sections.worklist`)."""

from __future__ import annotations

from typing import Any

from porras.care.episode_sections import Section
from porras.integrated import services


def sections(request: Any) -> list[Section]:
    rows = services.somatic_worklist(request)
    if not rows:
        return []
    return [Section("integrated/somatic_worklist.html", {
        "due": sum(1 for r in rows if r.due), "flagged": sum(1 for r in rows if r.flagged)})]
