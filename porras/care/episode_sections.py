"""Sections that apps above care add to an episode's page, discovered like ``nav.py``: an app's
optional ``episode_sections.py`` defines ``sections(request, episode) -> list[Section]`` (so care
imports none of them). Each section is a template included with ``section`` as its context; the app
audits what it reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class Section:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def collect(request: Any, episode: Any) -> list[Section]:
    found: list[Section] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("porras.") or config.name == "porras.care":
            continue
        try:
            module = import_module(f"{config.name}.episode_sections")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.episode_sections":
                raise
            continue
        found.extend(module.sections(request, episode))
    return found
