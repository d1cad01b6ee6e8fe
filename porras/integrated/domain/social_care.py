"""Social welfare in an episode's team: which catalogue categories count as social welfare (data in
``porras/integrated/data/social_care.yaml``, with its source) and the rules of a team member's input.
Plain Python."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from porras.integrated.domain.consultation import REQUIRED, RuleError

DATA = Path(__file__).resolve().parents[1] / "data" / "social_care.yaml"
TEXT_MAX = 200

NOT_SOCIAL_WELFARE = "is not a social-welfare category of the service catalogue"
BEFORE_START = "cannot be before the start"
IN_THE_FUTURE = "cannot be in the future"
ALREADY_ENDED = "has already ended"


@dataclass(frozen=True)
class SocialCareCategories:
    codes: tuple[str, ...]
    source: str


@cache
def social_care_categories() -> SocialCareCategories:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return SocialCareCategories(tuple(raw["categories"]), " ".join(str(raw["source"]).split()))


def member_errors(category: str, professional: str, start: dt.date | None, end: dt.date | None,
                  today: dt.date) -> list[RuleError]:
    errors = []
    if category not in social_care_categories().codes:
        errors.append(RuleError("category", NOT_SOCIAL_WELFARE))
    if not (professional or "").strip():
        errors.append(RuleError("professional", REQUIRED))
    if start is None:
        errors.append(RuleError("start_date", REQUIRED))
    elif start > today:
        errors.append(RuleError("start_date", IN_THE_FUTURE))
    if end is not None and start is not None and end < start:
        errors.append(RuleError("end_date", BEFORE_START))
    if end is not None and end > today:
        errors.append(RuleError("end_date", IN_THE_FUTURE))
    return errors
