from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from porras.accounts import authz
from porras.accounts.roles import Perm
from porras.lib.language import current_language
from porras.web.nav import all_items

# The crisis numbers in every page's footer come from the navigator's data, where each has its source.
_FOOTER_CONTACTS = ("emergency_112", "crisis_line_fi", "crisis_line_sv")


def _footer_contacts() -> list[dict[str, str]]:
    from porras.navigator.domain import load_default_ruleset

    language = current_language()
    by_id = {c.id: c for c in load_default_ruleset().crisis_contacts}
    return [
        {"name": by_id[i].name.get(language) or by_id[i].name["fi"], "phone": by_id[i].phone,
         "tel": "+358" + by_id[i].phone.replace(" ", "")[1:] if by_id[i].phone.startswith("0") else by_id[i].phone}
        for i in _FOOTER_CONTACTS if i in by_id
    ]


def shell(request: HttpRequest) -> dict[str, Any]:
    # An error page can be rendered before the authentication middleware ran (a refused Host
    # header fails in the first middleware): such a request has no user, so treat it as anonymous.
    user = getattr(request, "user", None) or AnonymousUser()
    entries = []
    for item in all_items():
        if not user.is_authenticated:
            visible = item.public
        else:
            visible = item.perm is None or authz.may(user, Perm(item.perm))
        if not visible:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append({"url": url, "label": item.label, "current": request.path.startswith(url) and url != "/"})
    return {"nav_items": entries, "current_language": current_language(), "user_roles": sorted(r.value for r in authz.roles(user)),
            "crisis_contacts_footer": _footer_contacts()}
