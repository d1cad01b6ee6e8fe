"""Sections that apps above care add to an episode's page and to the worklist, discovered like
``nav.py``: an app's optional ``episode_sections.py`` defines ``sections(request, episode) ->
list[Section]``, its ``worklist_sections.py`` ``sections(request)`` (so care imports none of them). Each section is a template included with ``section`` as its context; the app
audits what it reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from porras.lib.discovery import app_modules


@dataclass(frozen=True)
class Section:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def discover(name: str) -> list[Any]:
    """The ``porras.<app>.<name>`` modules of the apps other than care that have one."""
    return app_modules(name, exclude=("porras.care",))


def collect(request: Any, episode: Any) -> list[Section]:
    """The sections of an episode's page (``<app>/episode_sections.py``)."""
    return [section for module in discover("episode_sections") for section in module.sections(request, episode)]


def worklist(request: Any) -> list[Section]:
    """The sections of the worklist (``<app>/worklist_sections.py`` with ``sections(request)``)."""
    return [section for module in discover("worklist_sections") for section in module.sections(request)]
