from django.utils.translation import gettext_lazy as _

from porras.accounts.roles import Perm
from porras.lib.nav import NavItem

NAV_ITEMS = [
    NavItem("outcomes:dashboard", _("Reports"), Perm.AGGREGATE_READ, order=60),
]
