from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from porras.accounts.roles import Perm
from porras.lib.nav import NavItem

NAV_ITEMS = [
    NavItem("integrated:consultations", _("Consultations"), Perm.CLIENT_READ, order=31),
    NavItem("integrated:somatic_due", _("Somatic health checks"), Perm.CLIENT_READ, order=32),
    NavItem("integrated:reports", _("Integrated care reports"), Perm.AGGREGATE_READ, order=62),
]
