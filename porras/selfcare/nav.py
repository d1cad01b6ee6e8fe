from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from porras.accounts.roles import Perm
from porras.lib.nav import NavItem

NAV_ITEMS = [
    NavItem("selfcare:programmes", _("Self-care programmes"), None, public=True, order=15),
    NavItem("selfcare:worklist", _("Internet therapy"), Perm.CLIENT_READ, order=31),
]
