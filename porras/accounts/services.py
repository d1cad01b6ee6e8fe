"""Use cases for organisations, users and tokens, shared by the CLI, the API and the UI."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from porras.accounts import audit, authn
from porras.accounts.models import ApiToken, County, Membership, Organisation, Unit, UnitKind, User
from porras.accounts.roles import NATIONAL_ROLES, Role
from porras.lib.errors import InputError


def load_counties() -> int:
    """Create or update the 21 wellbeing services counties and Helsinki. Idempotent."""
    text = resources.files("porras.accounts").joinpath("data/counties.csv").read_text(encoding="utf-8")
    count = 0
    with transaction.atomic():
        for row in csv.DictReader(text.splitlines()):
            County.objects.update_or_create(
                code=row["code"],
                defaults={"name_fi": row["name_fi"], "name_sv": row["name_sv"], "name_en": row["name_en"]},
            )
            count += 1
    return count


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name_fi: str
    name_sv: str
    kind: str


def ensure_organisation(code: str, county_code: str, name_fi: str, name_sv: str, *, is_ngo: bool = False) -> Organisation:
    county = County.objects.get(code=county_code)
    org, _ = Organisation.objects.update_or_create(
        code=code, defaults={"county": county, "name_fi": name_fi, "name_sv": name_sv, "is_ngo": is_ngo}
    )
    return org


def ensure_unit(org: Organisation, spec: UnitSpec) -> Unit:
    if spec.kind not in UnitKind.values:
        raise InputError.of("kind", f"unknown unit kind {spec.kind!r}")
    unit, _ = Unit.objects.update_or_create(
        code=spec.code,
        defaults={"organisation": org, "name_fi": spec.name_fi, "name_sv": spec.name_sv, "kind": spec.kind},
    )
    return unit


def _resolve_scope(role: Role, unit_code: str | None, county_code: str | None) -> tuple[Unit | None, County | None]:
    if unit_code and county_code:
        raise InputError.of("scope", "give either --unit or --county, not both")
    unit = county = None
    if unit_code:
        unit = Unit.objects.filter(code=unit_code).first()
        if unit is None:
            raise InputError.of("unit", f"no unit with code {unit_code!r}")
    elif county_code:
        county = County.objects.filter(code=county_code).first()
        if county is None:
            raise InputError.of("county", f"no county with code {county_code!r}")
    elif role not in NATIONAL_ROLES:
        raise InputError.of("scope", f"role {role.value} needs --unit or --county")
    return unit, county


def create_user(
    username: str,
    role: str,
    *,
    unit_code: str | None = None,
    county_code: str | None = None,
    password: str | None = None,
    actor: object = None,
) -> User:
    """Create a user with one role membership (or add the membership to an existing user)."""
    try:
        role_value = Role(role)
    except ValueError:
        raise InputError.of("role", f"unknown role {role!r}; one of {', '.join(r.value for r in Role)}") from None
    if not username or len(username) > 150:
        raise InputError.of("username", "required, at most 150 characters")
    unit, county = _resolve_scope(role_value, unit_code, county_code)
    with transaction.atomic():
        user, created = User.objects.get_or_create(username=username)
        if password is not None:
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise InputError.of("password", " ".join(exc.messages)) from None
            user.set_password(password)
            user.save()
        elif created:
            user.set_unusable_password()
            user.save()
        Membership.objects.get_or_create(user=user, role=role_value.value, unit=unit, county=county)
        audit.record(actor, "user.create" if created else "user.add_role", "user", user.pk,
                     detail={"role": role_value.value, "unit": unit_code or "", "county": county_code or ""})
    return user


def issue_token(username: str, expires_days: int | None, actor: object = None) -> str:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise InputError.of("username", f"no active user {username!r}")
    if expires_days is not None and expires_days < 1:
        raise InputError.of("expires-days", "must be at least 1")
    if authn.second_factor_required(user) and not authn.has_confirmed_device(user):
        # A token must not be a way around the second factor: its user sets one up first.
        raise InputError.of("username", f"{username!r} has no second factor yet, which PORRAS_REQUIRE_2FA "
                           "requires of this role; the user sets one up on the two-step page first")
    with transaction.atomic():
        token, raw = ApiToken.issue(user, expires_days)
        audit.record(actor, "token.issue", "api_token", token.pk, detail={"user": username})
    return raw


def revoke_token(prefix: str, actor: object = None) -> int:
    with transaction.atomic():
        tokens = list(ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True))
        for token in tokens:
            token.revoke()
            audit.record(actor, "token.revoke", "api_token", token.pk)
    return len(tokens)


def organisation_tree() -> list[dict]:
    """Counties → organisations → units with their codes (``porras org list``, ``/api/v1/org``)."""
    counties = County.objects.prefetch_related("organisations__units").order_by("name_fi")
    return [
        {
            "code": c.code,
            "name_fi": c.name_fi,
            "name_sv": c.name_sv,
            "organisations": [
                {
                    "code": o.code,
                    "name_fi": o.name_fi,
                    "name_sv": o.name_sv,
                    "units": [
                        {"code": u.code, "name_fi": u.name_fi, "name_sv": u.name_sv, "kind": u.kind}
                        for u in o.units.all()
                    ],
                }
                for o in c.organisations.all()
            ],
        }
        for c in counties
    ]
