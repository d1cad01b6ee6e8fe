from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from porras.accounts.roles import Perm
from porras.lib.nav import NavItem

NAV_ITEMS = [
    NavItem("competence:methods", _("Method cards"), None, public=True, order=25),
    NavItem("competence:training", _("Training records"), Perm.CLIENT_WRITE, order=45),
    NavItem("competence:capacity", _("Trained capacity"), Perm.AGGREGATE_READ, order=65),
    # A scorecard is a whole county's: not offered to a unit's manager, whose scope covers no county.
    NavItem("competence:scorecards", _("Scorecards"), Perm.AGGREGATE_READ, order=66, county_wide=True),
]
