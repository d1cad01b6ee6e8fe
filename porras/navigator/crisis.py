"""The crisis contacts a printed document carries, from the navigator's rule set data (each contact
names its source there): the emergency number 112 first, then the crisis line in the reader's
language, then the rest. Documents that leave the service (a client's safety plan, a resident's
result) print them all, whatever the answers showed.
"""

from __future__ import annotations

from dataclasses import dataclass

from porras.navigator.domain import ruleset_for_county
from porras.navigator.domain.ruleset import CrisisContact


@dataclass(frozen=True)
class PrintedContact:
    name: str
    phone: str
    description: str


def crisis_contacts_for(language: str, county: str | None = None) -> list[PrintedContact]:
    """Every crisis contact of the county's rule set (else the default one), in ``language``."""
    contacts = ruleset_for_county(county).crisis_contacts

    def order(contact: CrisisContact) -> tuple[int, int, int]:
        fit = 0 if contact.language == language else (1 if contact.language is None else 2)
        return (0 if contact.rank.get("emergency") == 1 else 1, fit, contact.rank.get("same_day", 99))

    return [
        PrintedContact(c.name.get(language) or c.name["fi"], c.phone,
                       c.description.get(language) or c.description["fi"])
        for c in sorted(contacts, key=order)
    ]
