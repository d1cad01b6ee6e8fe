"""Sections that apps above care add to an episode's page and to the worklist, discovered like
``nav.py``: an app's optional ``episode_sections.py`` defines ``sections(request, episode) ->
list[Section]``, its ``worklist_sections.py`` ``sections(request)`` (so care imports none of them). Each section is a template included with ``section`` as its context; the app
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


def discover(name: str) -> list[Any]:
    """The ``porras.<app>.<name>`` modules of the apps other than care that have one."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("porras.") or config.name == "porras.care":
            continue
        try:
            found.append(import_module(f"{config.name}.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{name}":
                raise
    return found


def collect(request: Any, episode: Any) -> list[Section]:
    """The sections of an episode's page (``<app>/episode_sections.py``)."""
    return [section for module in discover("episode_sections") for section in module.sections(request, episode)]


def worklist(request: Any) -> list[Section]:
    """The sections of the worklist (``<app>/worklist_sections.py`` with ``sections(request)``)."""
    return [section for module in discover("worklist_sections") for section in module.sections(request)]
