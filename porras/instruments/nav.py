from django.utils.translation import gettext_lazy as _

from porras.lib.nav import NavItem

NAV_ITEMS = [
    NavItem("instruments:list", _("Questionnaires"), None, order=20),
]
