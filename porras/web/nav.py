"""Navigation entries. Each app may define ``NAV_ITEMS`` in its ``nav.py``; the shell collects them.

An entry is a :class:`porras.lib.nav.NavItem` (``NavItem(url_name, label, perm)``): shown to users
holding ``perm`` (any scope), to everyone when ``perm`` is None, and ``public=True`` items also to
anonymous visitors. ``NavItem`` is importable from here too, for apps that still import it so.
"""

from __future__ import annotations

from functools import cache

from porras.lib.discovery import app_modules
from porras.lib.nav import NavItem


@cache
def all_items() -> tuple[NavItem, ...]:
    items: list[NavItem] = []
    for module in app_modules("nav"):
        items.extend(getattr(module, "NAV_ITEMS", ()))
    return tuple(sorted(items, key=lambda item: item.order))
