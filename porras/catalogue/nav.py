from django.utils.translation import gettext_lazy as _

from porras.accounts.roles import Perm
from porras.lib.nav import NavItem

NAV_ITEMS = [
    NavItem("catalogue:search", _("Find services"), None, public=True, order=20),
    NavItem("catalogue:manage", _("Service catalogue"), Perm.CATALOGUE_EDIT, order=60),
]
