from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from porras.accounts.roles import Perm
from porras.lib.nav import NavItem

NAV_ITEMS = [
    NavItem("ips:caseload", _("IPS caseload"), Perm.IPS_CASELOAD, order=70),
    NavItem("ips:services", _("IPS fidelity reviews"), Perm.IPS_FIDELITY, order=71),
    NavItem("ips:reports", _("IPS employment reports"), Perm.AGGREGATE_READ, order=72),
]
