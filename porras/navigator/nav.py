from django.utils.translation import gettext_lazy as _

from porras.accounts.roles import Perm
from porras.lib.nav import NavItem

NAV_ITEMS = [
    NavItem("navigator:start", _("Self-assessment"), None, public=True, order=10),
    NavItem("navigator:professional", _("Navigator"), Perm.ASSESSMENT_OPEN, order=20),
    NavItem("navigator:open", _("Open a self-assessment code"), Perm.ASSESSMENT_OPEN, order=21),
]
