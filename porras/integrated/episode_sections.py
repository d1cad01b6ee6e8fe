"""The consultations section of an episode's page (collected by :mod:`porras.care.episode_sections`)."""

from __future__ import annotations

from typing import Any

from porras.accounts import authz
from porras.accounts.roles import Perm
from porras.care.episode_sections import Section
from porras.integrated import services
from porras.lib.language import current_language


def sections(request: Any, episode: Any) -> list[Section]:
    may_ask = (authz.may(request.user, Perm.CLIENT_WRITE, episode.unit)
               and not episode.voided and episode.end_date is None)
    language = current_language()
    members = [{"member": m, "label": m.category_label(language)} for m in services.social_care_of(request, episode)]
    return [
        Section("integrated/episode_section.html", {
            "episode": episode, "consultations": services.for_episode(request, episode), "may_ask": may_ask,
        }),
        Section("integrated/social_care_section.html", {
            "episode": episode, "members": members,
            "may_change": authz.may(request.user, Perm.CLIENT_WRITE, episode.unit) and not episode.voided,
        }),
    ]
