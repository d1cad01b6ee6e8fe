"""Names of the programmes for the report pages (found by :class:`porras.outcomes.names.GroupNames`
through discovery; the published report and the downloads keep the programme ids)."""

from __future__ import annotations

from porras.selfcare.domain.programmes import programmes


def names(key: str, language: str) -> dict[str, str]:
    """``{programme id: title}`` in ``language`` for the group key ``programme``; nothing for other keys."""
    if key != "programme":
        return {}
    return {p.id: p.title.get(language) or p.title["en"] for p in programmes().values()}
