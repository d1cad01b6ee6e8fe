from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from porras.accounts import authz
from porras.accounts.roles import Perm
from porras.lib.language import current_language
from porras.web.nav import all_items


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
            if visible and item.perm is not None and item.county_wide:
                held = authz.scope(user, Perm(item.perm))
                visible = held.everywhere or bool(held.county_ids)
        if not visible:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append({"url": url, "label": item.label, "current": request.path.startswith(url) and url != "/"})
    return {"nav_items": entries, "current_language": current_language(), "user_roles": sorted(r.value for r in authz.roles(user))}
