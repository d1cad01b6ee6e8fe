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
from porras.accounts.roles import (
    AGGREGATE_ONLY_ROLES,
    CLIENT_DATA_ROLES,
    NATIONAL_ROLES,
    ROLE_PERMISSIONS,
    SECOND_FACTOR_ROLES,
    Perm,
    Role,
)

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


def needs_second_factor(user: AnyUser) -> bool:
    """Do the user's roles call for a second factor where PORRAS_REQUIRE_2FA is on? (client data, user
    administration or the audit log: ``roles.SECOND_FACTOR_ROLES``)"""
    return bool(roles(user) & SECOND_FACTOR_ROLES)


def role_label(user: AnyUser) -> str:
    """The roles as written into audit entries."""
    return ",".join(sorted(r.value for r in roles(user)))


# ------------------------------------------------------------------------------------------------
# Who administers whom. An administrator (USER_ADMIN everywhere) manages every user; a unit manager
# (USER_ADMIN in a unit or a county) only users all of whose memberships lie within that scope, and
# gives only roles scoped within it — never the administrator's role, never a national role. A user
# without any membership is the administrator's alone (nothing places them in a unit). Nobody
# removes their own last administrator role, and nobody deactivates their own account.


def _within(s: Scope, unit: Unit | None, county: County | None) -> bool:
    """Is a membership scoped to ``unit`` / ``county`` (both None: national) inside ``s``?"""
    if s.everywhere:
        return True
    if unit is not None:
        return unit.pk in s.unit_ids or unit.organisation.county_id in s.county_ids
    if county is not None:
        return county.pk in s.county_ids
    return False


def may_manage_user(actor: AnyUser, target: User) -> bool:
    """May ``actor`` see and change the account ``target`` (its roles, its state, its password link)?"""
    s = scope(actor, Perm.USER_ADMIN)
    if s.empty:
        return False
    if s.everywhere:
        return True
    memberships = list(target.memberships.select_related("unit__organisation", "county"))
    return bool(memberships) and all(_within(s, m.unit, m.county) for m in memberships)


def manageable_users(actor: AnyUser) -> QuerySet[User]:
    """The users ``actor`` may manage (the same rule as :func:`may_manage_user`, as a query)."""
    s = scope(actor, Perm.USER_ADMIN)
    if s.everywhere:
        return User.objects.all()
    if s.empty:
        return User.objects.none()
    inside = Q(unit__in=s.unit_ids) | Q(unit__organisation__county__in=s.county_ids) | Q(county__in=s.county_ids)
    inside_ids = Membership.objects.filter(inside).values("pk")
    outside = Membership.objects.exclude(pk__in=inside_ids).values("user_id")
    return User.objects.filter(memberships__isnull=False).exclude(pk__in=outside).distinct()


def grantable_roles(actor: AnyUser) -> list[Role]:
    """Roles ``actor`` may give: every role for an administrator; a unit manager no national role."""
    s = scope(actor, Perm.USER_ADMIN)
    if s.empty:
        return []
    if s.everywhere:
        return list(Role)
    return [r for r in Role if r not in NATIONAL_ROLES]


def may_grant(actor: AnyUser, role: Role, unit: Unit | None, county: County | None) -> bool:
    """May ``actor`` give ``role`` scoped to ``unit`` / ``county`` (both None: national)?"""
    if role not in grantable_roles(actor):
        return False
    return _within(scope(actor, Perm.USER_ADMIN), unit, county)


def grantable_units(actor: AnyUser) -> QuerySet[Unit]:
    return unit_scope(actor, Perm.USER_ADMIN).select_related("organisation__county")


def grantable_counties(actor: AnyUser) -> QuerySet[County]:
    """Counties a role may be scoped to by ``actor``: all for an administrator, else only counties held
    whole (a unit manager of one unit gives no county-wide role)."""
    s = scope(actor, Perm.USER_ADMIN)
    if s.everywhere:
        return County.objects.all()
    return County.objects.filter(pk__in=s.county_ids)


def may_remove_membership(actor: AnyUser, membership: Membership) -> bool:
    """Nobody removes their own last administrator role (the rest: :func:`may_manage_user`)."""
    if membership.role != Role.ADMINISTRATOR.value or membership.user_id != getattr(actor, "pk", None):
        return True
    return Membership.objects.filter(user_id=membership.user_id, role=Role.ADMINISTRATOR.value).count() > 1


def may_deactivate(actor: AnyUser, target: User) -> bool:
    """Nobody deactivates their own account (it would leave no one to undo it)."""
    return getattr(actor, "pk", None) != target.pk
