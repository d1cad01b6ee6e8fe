"""Notices that other apps put on the episode page (a method asking for training the professional
has not completed, ...). Discovered like ``nav.py``: an app's optional ``episode_notices.py`` defines
``notices(episode) -> list[Notice]``, so that care imports no app above it."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class Notice:
    text: str
    link: str = ""
    link_text: str = ""


def episode_notices(episode: Any) -> list[Notice]:
    found: list[Notice] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("porras.") or config.name == "porras.care":
            continue
        try:
            module = import_module(f"{config.name}.episode_notices")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.episode_notices":
                raise
            continue
        found.extend(module.notices(episode))
    return found
