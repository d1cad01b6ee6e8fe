"""Digital care on care's work list: how many of the user's own programmes await feedback, have had
no activity for a while, have a measure due or an unanswered message, with a link to the digital-care
work list (collected by :func:`porras.care.episode_sections.worklist`; care does not import this app)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from porras.accounts import authz
from porras.accounts.roles import Perm
from porras.care.episode_sections import Section
from porras.selfcare import services


def sections(request: Any) -> list[Section]:
    if not authz.may(request.user, Perm.CLIENT_READ):
        return []
    counts = services.worklist_counts(request)
    if not counts.any:
        return []
    return [Section("selfcare/worklist_section.html",
                    {"counts": counts, "days": settings.PORRAS_SELFCARE_INACTIVE_DAYS})]
