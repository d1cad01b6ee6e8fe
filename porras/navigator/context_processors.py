"""The crisis numbers in every page's footer, from the navigator's data where each has its source.

Registered in settings' TEMPLATES, so that the web shell does not import the navigator.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from porras.lib.language import current_language
from porras.navigator.domain import load_default_ruleset

FOOTER_CONTACTS = ("emergency_112", "crisis_line_fi", "crisis_line_sv")


def _tel(phone: str) -> str:
    return "+358" + phone.replace(" ", "")[1:] if phone.startswith("0") else phone


def crisis_contacts(request: HttpRequest) -> dict[str, Any]:
    language = current_language()
    by_id = {c.id: c for c in load_default_ruleset().crisis_contacts}
    return {"crisis_contacts_footer": [
        {"name": by_id[i].name.get(language) or by_id[i].name["fi"], "phone": by_id[i].phone, "tel": _tel(by_id[i].phone)}
        for i in FOOTER_CONTACTS if i in by_id
    ]}
