"""Which audit entries concern one client: the audit log page's client filter.

The accounts app keeps the log but knows no client (care imports accounts, never the reverse). An
app whose entries name clients defines ``porras/<app>/audit_subjects.py`` with
``client_trail(reference: str) -> Trail | None``: from the reference a professional sees in that
app (care: the client number ``#12`` or the client_id of the interchange format), the ids the
app's audit entries use for that client's records. It raises ``InputError`` for what must not be
searched by (an identity code) and returns None when it knows no such client. This module finds
those functions the way the shell finds ``nav.py`` and turns a trail into one query.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from porras.accounts.models import AuditEntry
from porras.lib.discovery import app_modules

# What a resolver answers to an identity code (in this app's catalogue, so the message is whole in every language).
NOT_AN_IDENTITY_CODE = _("Search by the client number shown in care, never by an identity code.")


@dataclass(frozen=True)
class Trail:
    """The records of one client as audit entries name them.

    ``client_id``: the client's pseudonymous id (what the audit entry of the search may name);
    ``objects``: object type → ids of entries *about* a record (``episode`` → ``{"7", "9"}``);
    ``detail``: a key of ``detail`` → the ids it may hold, as a number or in a list
    (``episodes`` → ``{7, 9}``, ``client`` → ``{12}``).
    """

    client_id: int
    objects: Mapping[str, frozenset[str]] = field(default_factory=dict)
    detail: Mapping[str, frozenset[int]] = field(default_factory=dict)


Resolver = Callable[[str], Trail | None]


@cache
def resolvers() -> tuple[Resolver, ...]:
    found: list[Resolver] = []
    for module in app_modules("audit_subjects"):
        resolver = getattr(module, "client_trail", None)
        if resolver is not None:
            found.append(resolver)
    return tuple(found)


def trail(reference: str) -> Trail | None:
    """The first app that knows the client ``reference``: its trail (InputError passes through)."""
    for resolver in resolvers():
        found = resolver(reference)
        if found is not None:
            return found
    return None


def _listed(key: str, ids: frozenset[int]) -> Q:
    """``detail[key]`` is a list holding one of ``ids`` (or is one of them)."""
    values = sorted(ids)
    scalar = Q(**{f"detail__{key}__in": values})
    if connection.vendor == "postgresql":
        listed = Q()
        for value in values:
            listed |= Q(**{f"detail__{key}__contains": [value]})
        return scalar | listed
    # SQLite (and others with JSON1): json_each walks the list; a missing key yields no row.
    marks = ", ".join(["%s"] * len(values))
    table = AuditEntry._meta.db_table
    # Only the table name is formatted in; the key and the ids are parameters.
    exists = RawSQL(  # noqa: S611
        f'EXISTS (SELECT 1 FROM json_each("{table}"."detail", %s) AS j WHERE j.value IN ({marks}))',  # noqa: S608
        [f"$.{key}", *values], output_field=BooleanField(),
    )
    return scalar | Q(exists)


def entries_about(found: Trail, entries: QuerySet[AuditEntry] | None = None) -> QuerySet[AuditEntry]:
    """The entries about the trail's records: by object, or naming them in their detail."""
    condition = Q(pk__in=[])
    for object_type, object_ids in found.objects.items():
        if object_ids:
            condition |= Q(object_type=object_type, object_id__in=sorted(object_ids))
    for key, ids in found.detail.items():
        if ids:
            condition |= _listed(key, ids)
    return (entries if entries is not None else AuditEntry.objects.all()).filter(condition)
