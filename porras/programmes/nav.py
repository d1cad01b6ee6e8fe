from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from porras.accounts.roles import Perm
from porras.lib.nav import NavItem

NAV_ITEMS = [
    NavItem("programmes:portfolio", _("Strategy programmes"), None, public=True, order=60),
    NavItem("programmes:manage", _("Manage programmes"), Perm.PROGRAMME_EDIT, order=61),
]
