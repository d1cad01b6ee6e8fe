from django.utils.translation import gettext_lazy as _

from porras.accounts.roles import Perm
from porras.lib.nav import NavItem

NAV_ITEMS = [
    NavItem("accounts:users", _("Users"), Perm.USER_ADMIN, order=85),
    NavItem("accounts:audit", _("Audit log"), Perm.AUDIT_READ, order=90),
]
