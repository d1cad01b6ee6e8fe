"""Notices that other apps put on the episode page (a method asking for training the professional
has not completed, ...). Discovered like ``nav.py``: an app's optional ``episode_notices.py`` defines
``notices(episode) -> list[Notice]``, so that care imports no app above it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from porras.care.episode_sections import discover


@dataclass(frozen=True)
class Notice:
    text: str
    link: str = ""
    link_text: str = ""


def episode_notices(episode: Any) -> list[Notice]:
    return [notice for module in discover("episode_notices") for notice in module.notices(episode)]
