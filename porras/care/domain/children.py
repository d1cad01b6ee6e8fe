"""The children of clients: whether a client has children under 18, whether their situation was
discussed with the parent, and any referral to family services (issue 17, "The children of clients").

Least data: yes / no / unknown and dates only - never a child's name, age or identity. The
children's situation counts as *addressed* when it was discussed with the parent (for example in a
Let's Talk about Children discussion, ``porras.lets_talk_about_children`` in the youth methods) or
the family was referred to family services; the report engine (:mod:`porras.outcomes.domain.engine`)
uses the same definition.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from porras.care.domain.episodes import EpisodeRuleError


class MinorChildren(StrEnum):
    """Has the client children under 18? Unknown until asked (and for data that does not say)."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class ChildrenDiscussion(StrEnum):
    """How the children's situation was discussed with the parent."""

    LETS_TALK = "lets_talk_about_children"  # Lapset puheeksi, the method of the youth methods' data
    OTHER = "other"


# The reasons a rule below gives (care/messages.py lists them for translation).
ONLY_WITH_CHILDREN = "is recorded only when the client has children under 18"
NEEDS_DISCUSSION_DATE = "needs the date of the discussion"
NEEDS_FAMILY_REFERRAL_DATE = "needs the date of the referral to family services"
BEFORE_REFERRAL = "must not be before the referral date"
IN_THE_FUTURE = "must not be in the future"


@dataclass(frozen=True)
class ChildrenOfClient:
    minor_children: str = MinorChildren.UNKNOWN.value
    discussed_date: dt.date | None = None
    discussion_method: str = ""
    family_referral_date: dt.date | None = None
    family_service: bool = False  # a family service of the catalogue is named

    @property
    def addressed(self) -> bool:
        """The children's situation was discussed with the parent, or the family referred on."""
        return self.minor_children == MinorChildren.YES and (
            self.discussed_date is not None or self.family_referral_date is not None)


def check_children(c: ChildrenOfClient, referral_date: dt.date, today: dt.date) -> None:
    """Raise :class:`EpisodeRuleError` naming the first field that breaks a rule."""
    if c.minor_children not in MinorChildren.__members__.values():
        raise EpisodeRuleError("minor_children", f"must be one of {', '.join(MinorChildren)}")
    if c.discussion_method and c.discussion_method not in ChildrenDiscussion.__members__.values():
        raise EpisodeRuleError("children_discussion_method", f"must be one of {', '.join(ChildrenDiscussion)}")
    if c.minor_children != MinorChildren.YES:
        for name, value in (("children_discussed_date", c.discussed_date),
                            ("children_discussion_method", c.discussion_method),
                            ("family_referral_date", c.family_referral_date),
                            ("family_service", c.family_service)):
            if value:
                raise EpisodeRuleError(name, ONLY_WITH_CHILDREN)
        return
    if c.discussion_method and c.discussed_date is None:
        raise EpisodeRuleError("children_discussed_date", NEEDS_DISCUSSION_DATE)
    if c.family_service and c.family_referral_date is None:
        raise EpisodeRuleError("family_referral_date", NEEDS_FAMILY_REFERRAL_DATE)
    for name, day in (("children_discussed_date", c.discussed_date), ("family_referral_date", c.family_referral_date)):
        if day is None:
            continue
        if day < referral_date:
            raise EpisodeRuleError(name, BEFORE_REFERRAL)
        if day > today:
            raise EpisodeRuleError(name, IN_THE_FUTURE)
