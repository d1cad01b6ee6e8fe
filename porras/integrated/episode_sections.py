"""The consultations section of an episode's page (collected by :mod:`porras.care.episode_sections`)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from porras.accounts import authz
from porras.accounts.roles import Perm
from porras.care.episode_sections import Section
from porras.integrated import services
from porras.integrated.domain import somatic
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
        Section("integrated/somatic_section.html", _somatic(request, episode, language)),
    ]


def _somatic(request: Any, episode: Any, language: str) -> dict[str, Any]:
    from porras.integrated.views import item_rows

    checks = services.somatic_checks_of(request, episode)
    groups = services.risk_groups_of(request, episode)
    today = timezone.localdate()
    is_open = episode.end_date is None and not episode.voided
    eligible = is_open and somatic.is_eligible(episode.referral_date, [g.risk_group for g in groups], today)
    spec = somatic.load_check()
    return {
        "episode": episode, "eligible": eligible,
        "due": eligible and somatic.is_due(checks[0].date if checks else None, today),
        "checks": [{"check": c, "date": c.date, "rows": item_rows(c, language)} for c in checks],
        "risk_groups": [{"group": g, "label": (spec.risk_group(g.risk_group).label(language)  # type: ignore[union-attr]
                                               if spec.risk_group(g.risk_group) else g.risk_group)} for g in groups],
        "risk_group_choices": [(g.code, g.label(language), g.icd10) for g in spec.risk_groups
                               if g.code not in {x.risk_group for x in groups}],
        "may_record": authz.may(request.user, Perm.CLIENT_WRITE, episode.unit) and not episode.voided,
    }
