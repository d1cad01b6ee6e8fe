from django.utils.translation import gettext_lazy as _

from porras.accounts.roles import Perm
from porras.lib.nav import NavItem

NAV_ITEMS = [
    NavItem("care:worklist", _("Clients"), Perm.CLIENT_READ, order=30),
]
