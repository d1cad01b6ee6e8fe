"""A navigation entry, as each app declares it in its ``nav.py`` (``NAV_ITEMS``).

It lives in ``lib`` so that declaring an entry needs no import of the shell (``porras.web``), which
itself asks the accounts app who may see an entry: the apps and the shell import each other no more.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    """Shown to users holding ``perm`` (a ``porras.accounts.roles.Perm``; any scope, or - when
    ``county_wide`` - only where it covers a whole county or everywhere), to every signed-in user
    when ``perm`` is None, and also to anonymous visitors when ``public``."""

    url_name: str
    label: str | Promise
    perm: str | None = None
    public: bool = False
    order: int = 50
    county_wide: bool = False
