"""The one authorisation module.

Every later feature asks it two kinds of question:

* "may this user do PERM on this object?" — :func:`may` (objects are located through their unit
  or county: a ``Unit``, a ``County``, or any object with a ``unit`` / ``county`` attribute or an
  ``authz_unit()`` / ``authz_county()`` method);
* "which units / counties is this user's PERM scoped to?" — :func:`unit_scope`,
  :func:`county_scope`, :func:`scope_queryset`; and "may this user see only aggregates?" —
  :func:`aggregates_only`.

A scope of ``None`` means "everywhere" (national roles).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from porras.accounts.models import County, Membership, Unit, User
from porras.accounts.roles import AGGREGATE_ONLY_ROLES, CLIENT_DATA_ROLES, ROLE_PERMISSIONS, Perm, Role

AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class Scope:
    """Where a permission applies: everywhere, or in these units and counties."""

    everywhere: bool
    unit_ids: frozenset[int]
    county_ids: frozenset[int]

    @property
    def empty(self) -> bool:
        return not self.everywhere and not self.unit_ids and not self.county_ids



def _memberships(user: AnyUser) -> list[Membership]:
    if not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, "_porras_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("unit__organisation"))
        user._porras_memberships = cached  # type: ignore[union-attr,attr-defined]
    return cached


def roles(user: AnyUser) -> set[Role]:
    return {Role(m.role) for m in _memberships(user)}


def has_role(user: AnyUser, *wanted: Role) -> bool:
    return bool(roles(user) & set(wanted))


def scope(user: AnyUser, perm: Perm) -> Scope:
    """The units and counties where ``user`` holds ``perm``."""
    everywhere = False
    units: set[int] = set()
    counties: set[int] = set()
    for m in _memberships(user):
        if perm not in ROLE_PERMISSIONS[Role(m.role)]:
            continue
        if m.unit_id is not None:
            units.add(m.unit_id)
        elif m.county_id is not None:
            counties.add(m.county_id)
        else:
            everywhere = True
    return Scope(everywhere, frozenset(units), frozenset(counties))


def _locate(obj: Any) -> tuple[int | None, int | None]:
    """(unit id, county id) of an object."""
    if isinstance(obj, Unit):
        return obj.pk, obj.organisation.county_id
    if isinstance(obj, County):
        return None, obj.pk
    if hasattr(obj, "authz_unit"):
        unit = obj.authz_unit()
        if unit is not None:
            return _locate(unit)
    if hasattr(obj, "authz_county"):
        county = obj.authz_county()
        if county is not None:
            return None, county.pk
    unit = getattr(obj, "unit", None)
    if isinstance(unit, Unit):
        return _locate(unit)
    county = getattr(obj, "county", None)
    if isinstance(county, County):
        return None, county.pk
    raise TypeError(f"cannot locate {type(obj).__name__} in the organisation structure")


def may(user: AnyUser, perm: Perm, obj: Any = None) -> bool:
    """May ``user`` exercise ``perm`` (on ``obj``, if given)?"""
    s = scope(user, perm)
    if s.empty:
        return False
    if obj is None or s.everywhere:
        return True
    unit_id, county_id = _locate(obj)
    if unit_id is not None and unit_id in s.unit_ids:
        return True
    return county_id is not None and county_id in s.county_ids


def require(user: AnyUser, perm: Perm, obj: Any = None) -> None:
    if not may(user, perm, obj):
        raise PermissionDenied(perm.value)


def scope_queryset(
    user: AnyUser, perm: Perm, qs: QuerySet[Any], *, unit_field: str = "unit", county_field: str | None = None
) -> QuerySet[Any]:
    """Filter ``qs`` to the objects within the user's scope for ``perm``.

    ``unit_field`` is the lookup path to the object's unit (e.g. ``"episode__unit"``); the county
    path defaults to ``<unit_field>__organisation__county``.
    """
    s = scope(user, perm)
    if s.everywhere:
        return qs
    if s.empty:
        return qs.none()
    county_path = county_field or f"{unit_field}__organisation__county"
    condition = Q(**{f"{unit_field}__in": s.unit_ids}) | Q(**{f"{county_path}__in": s.county_ids})
    return qs.filter(condition)


def unit_scope(user: AnyUser, perm: Perm) -> QuerySet[Unit]:
    return scope_queryset(user, perm, Unit.objects.all(), unit_field="pk", county_field="organisation__county")


def county_scope(user: AnyUser, perm: Perm) -> QuerySet[County]:
    """Counties in which the user holds ``perm`` (a unit membership counts for its county)."""
    s = scope(user, perm)
    if s.everywhere:
        return County.objects.all()
    return County.objects.filter(
        Q(pk__in=s.county_ids) | Q(organisations__units__in=s.unit_ids)
    ).distinct()


def aggregates_only(user: AnyUser) -> bool:
    """True when the user may see aggregates but no client-level data at all."""
    held = roles(user)
    return bool(held) and held <= AGGREGATE_ONLY_ROLES


def sees_client_data(user: AnyUser) -> bool:
    return bool(roles(user) & CLIENT_DATA_ROLES)


def role_label(user: AnyUser) -> str:
    """The roles as written into audit entries."""
    return ",".join(sorted(r.value for r in roles(user)))
