"""Use cases for organisations, users and tokens, shared by the CLI, the API and the UI."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from porras.accounts import audit, authn, authz
from porras.accounts.models import ApiToken, County, Membership, Organisation, Unit, UnitKind, User
from porras.accounts.roles import NATIONAL_ROLES, Perm, Role
from porras.lib.errors import Conflict, InputError, NotFound


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


# ------------------------------------------------------------------------------------------------
# User administration (the web UI's "Users" pages; the CLI's `porras user`). Each use case takes the
# acting user, asks porras.accounts.authz whether it may act, and is one transaction with its audit
# entry. ``actor=None`` is the command line (the operator of the host), which may do everything.
# A user outside the actor's scope is NotFound, exactly like a missing one; a refusal is audited.


def _denied(actor: User | None, action: str, target_id: object, message: str) -> PermissionDenied:
    audit.record(actor, action, "user", target_id, outcome=audit.Outcome.DENIED)
    return PermissionDenied(message)


def _require_admin(actor: User | None, action: str) -> None:
    if actor is not None and not authz.may(actor, Perm.USER_ADMIN):
        raise _denied(actor, action, "", "user administration is not among your permissions")


def managed_user(actor: User | None, user_id: object, action: str = "user.read") -> User:
    """The account ``user_id`` if ``actor`` may manage it; NotFound (audited as denied) otherwise."""
    _require_admin(actor, action)
    try:
        pk = int(str(user_id))
    except ValueError:
        raise NotFound("no such user") from None
    user = User.objects.filter(pk=pk).first() if 0 < pk < 2**63 else None
    if user is None:
        raise NotFound("no such user")
    if actor is not None and not authz.may_manage_user(actor, user):
        audit.record(actor, action, "user", user.pk, outcome=audit.Outcome.DENIED)
        raise NotFound("no such user")
    return user


def user_by_name(username: str) -> User:
    """For the command line: the account ``username`` (InputError naming the field if none)."""
    user = User.objects.filter(username=username).first()
    if user is None:
        raise InputError.of("username", f"no user {username!r}")
    return user


def _scope_of(unit_code: str | None, county_code: str | None) -> tuple[Unit | None, County | None]:
    unit = county = None
    if unit_code:
        unit = Unit.objects.select_related("organisation__county").filter(code=unit_code).first()
        if unit is None:
            raise InputError.of("unit", _("There is no such unit."))
    if county_code:
        county = County.objects.filter(code=county_code).first()
        if county is None:
            raise InputError.of("county", _("There is no such county."))
    return unit, county


def _checked_grant(actor: User | None, role: str, unit_code: str | None, county_code: str | None,
                   action: str, target_id: object) -> tuple[Role, Unit | None, County | None]:
    """The role and scope to give, checked for shape and for the actor's right to give them."""
    try:
        role_value = Role(role)
    except ValueError:
        raise InputError.of("role", _("Choose a role from the list.")) from None
    if unit_code and county_code:
        raise InputError.of("scope", _("Choose one unit or one county, not both."))
    unit, county = _scope_of(unit_code, county_code)
    national = unit is None and county is None
    if role_value in NATIONAL_ROLES and not national:
        raise InputError.of("scope", _("This role is national: it takes no unit or county."))
    if role_value not in NATIONAL_ROLES and national:
        raise InputError.of("scope", _("This role needs a unit or a county."))
    if actor is not None and not authz.may_grant(actor, role_value, unit, county):
        raise _denied(actor, action, target_id, "this role or scope is outside what you may give")
    return role_value, unit, county


def _scope_detail(role: Role | str, unit: Unit | None, county: County | None) -> dict[str, str]:
    return {"role": str(role), "unit": unit.code if unit else "", "county": county.code if county else ""}


def admin_create_user(actor: User | None, username: str, email: str, role: str, *, unit_code: str | None = None,
                      county_code: str | None = None) -> User:
    """A new account with one role, no usable password yet (the user sets one through a link)."""
    _require_admin(actor, "user.create")
    username = username.strip()
    if not username or len(username) > 150:
        raise InputError.of("username", _("Give a username of at most 150 characters."))
    try:
        User.username_validator(username)
    except ValidationError:
        raise InputError.of("username", _("Use only letters, digits and the characters @ . + - _ in the username.")) from None
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InputError.of("email", _("Enter a valid e-mail address.")) from None
    role_value, unit, county = _checked_grant(actor, role, unit_code, county_code, "user.create", "")
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise InputError.of("username", _("This username is already taken."))
        user = User(username=username, email=email)
        user.set_unusable_password()
        user.save()
        Membership.objects.create(user=user, role=role_value.value, unit=unit, county=county)
        audit.record(actor, "user.create", "user", user.pk, detail=_scope_detail(role_value, unit, county))
    return user


def set_email(actor: User | None, user_id: object, email: str) -> User:
    user = managed_user(actor, user_id, "user.update")
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InputError.of("email", _("Enter a valid e-mail address.")) from None
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(email=email)
        audit.record(actor, "user.update", "user", user.pk, detail={"fields": ["email"]})
    user.email = email
    return user


def grant_role(actor: User | None, user_id: object, role: str, *, unit_code: str | None = None,
               county_code: str | None = None) -> Membership:
    user = managed_user(actor, user_id, "user.role_grant")
    role_value, unit, county = _checked_grant(actor, role, unit_code, county_code, "user.role_grant", user.pk)
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(user=user, role=role_value.value, unit=unit, county=county)
        if not created:
            raise InputError.of("role", _("The user already holds this role in this scope."))
        audit.record(actor, "user.role_grant", "user", user.pk, detail=_scope_detail(role_value, unit, county))
    return membership


def revoke_role(actor: User | None, user_id: object, membership_id: object) -> None:
    user = managed_user(actor, user_id, "user.role_revoke")
    try:
        membership = user.memberships.select_related("unit", "county").get(pk=int(str(membership_id)))
    except (ValueError, OverflowError, Membership.DoesNotExist):
        raise NotFound("no such role") from None
    if actor is not None and not authz.may_remove_membership(actor, membership):
        audit.record(actor, "user.role_revoke", "user", user.pk, outcome=audit.Outcome.DENIED,
                     detail={"reason": "own_last_administrator_role"})
        raise Conflict(_("You cannot remove your own last administrator role."))
    with transaction.atomic():
        detail = _scope_detail(membership.role, membership.unit, membership.county)
        membership.delete()
        audit.record(actor, "user.role_revoke", "user", user.pk, detail=detail)


def set_active(actor: User | None, user_id: object, active: bool) -> User:
    """Deactivate (sign-in refused, sessions and API tokens end) or reactivate an account."""
    action = "user.activate" if active else "user.deactivate"
    user = managed_user(actor, user_id, action)
    if not active and actor is not None and not authz.may_deactivate(actor, user):
        audit.record(actor, action, "user", user.pk, outcome=audit.Outcome.DENIED, detail={"reason": "own_account"})
        raise Conflict(_("You cannot deactivate your own account."))
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=active)
        revoked = 0
        if not active:
            revoked = ApiToken.objects.active().filter(user=user).update(revoked_at=timezone.now())
        audit.record(actor, action, "user", user.pk, detail={"tokens_revoked": revoked} if not active else None)
    user.is_active = active
    return user


def _lockout_attempts(username: str) -> Any:
    from axes.models import AccessAttempt

    return AccessAttempt.objects.filter(username=username)


def is_locked_out(user: User) -> bool:
    """Has the user reached the failed-login limit within the cool-off time (from any address)?"""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return _lockout_attempts(user.username).filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since).exists()


def unlock(actor: User | None, user_id: object) -> int:
    """Clear the user's failed logins (django-axes' reset for that username); the count cleared."""
    from axes.utils import reset

    user = managed_user(actor, user_id, "user.unlock")
    with transaction.atomic():
        cleared = reset(username=user.username)
        audit.record(actor, "user.unlock", "user", user.pk, detail={"attempts_cleared": cleared})
    return int(cleared)


def reset_second_factor(actor: User | None, user_id: object) -> int:
    """Remove the user's TOTP devices: they set one up again (where PORRAS_REQUIRE_2FA asks for it, before
    anything else), and a session verified with the old device is no longer verified."""
    user = managed_user(actor, user_id, "user.second_factor_reset")
    with transaction.atomic():
        removed, _by_model = TOTPDevice.objects.filter(user=user).delete()
        audit.record(actor, "user.second_factor_reset", "user", user.pk, detail={"devices_removed": removed})
    return int(removed)


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def email_configured() -> bool:
    """Does this installation send e-mail (``PORRAS_EMAIL_URL`` other than ``none:``)?"""
    return str(settings.EMAIL_BACKEND) != "django.core.mail.backends.dummy.EmailBackend"


@dataclass(frozen=True)
class PasswordLink:
    url: str
    sent_to: str  # the address it was e-mailed to; empty: not sent, show it to the administrator once
    expires_hours: int


def password_link(actor: User | None, user_id: object, base_url: str) -> PasswordLink:
    """A one-time link to set the password (Django's password-reset token: it stops working once the
    password is set, or after PASSWORD_RESET_TIMEOUT). E-mailed when e-mail is set up and the user has
    an address; else returned for the administrator to hand over. Neither the token nor the link is
    ever written to the audit log."""
    user = managed_user(actor, user_id, "user.password_link")
    if not user.is_active:
        raise InputError.of("user", _("The account is deactivated: activate it first."))
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    url = base_url.rstrip("/") + reverse("accounts:password_set", args=[uid, token])
    hours = int(settings.PASSWORD_RESET_TIMEOUT // 3600)
    sent_to = ""
    if user.email and email_configured():
        subject = _("Set your Porras password")
        body = _("A Porras account has been created for you, or its password is to be set again. Your username "
                 "is %(username)s.\n\nSet your password with this link within %(hours)s hours. The link works "
                 "once.\n\n%(url)s\n\nIf you did not expect this message, tell your administrator.") % {
                     "username": user.username, "hours": hours, "url": url}
        try:
            send_mail(subject, body, None, [user.email])
            sent_to = user.email
        except OSError:
            sent_to = ""  # the mail server did not answer: the administrator is shown the link instead
    audit.record(actor, "user.password_link", "user", user.pk, detail={"delivery": "email" if sent_to else "shown"})
    return PasswordLink(url=url, sent_to=sent_to, expires_hours=hours)


def password_was_set(user: User, *, through_link: bool, request: Any = None) -> None:
    """After a password change: clear the lock-out (django-axes) and write the audit entry."""
    from axes.utils import reset

    reset(username=user.username)
    audit.record(request or user, "user.password_set" if through_link else "user.password_change", "user", user.pk)


def user_rows(actor: User, query: str = "") -> Any:
    """The users ``actor`` may manage, matching ``query`` in the username or e-mail address."""
    from django.db.models import Q

    found = authz.manageable_users(actor).prefetch_related("memberships__unit", "memberships__county")
    if query:
        found = found.filter(Q(username__icontains=query) | Q(email__icontains=query))
    return found.order_by("username")
