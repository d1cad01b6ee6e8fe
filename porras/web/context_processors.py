from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from porras.accounts import authz
from porras.web.nav import all_items


def shell(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    entries = []
    for item in all_items():
        if not user.is_authenticated:
            visible = item.public
        else:
            visible = item.perm is None or authz.may(user, item.perm)
        if not visible:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append({"url": url, "label": item.label, "current": request.path.startswith(url) and url != "/"})
    return {"nav_items": entries, "user_roles": sorted(r.value for r in authz.roles(user))}
