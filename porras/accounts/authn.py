"""Who a request acts as, and whether it brings the factors its user must bring: the one place that decides.

The JSON API's auth classes (``porras/api.py``), the FHIR views and the web UI's second-factor
middleware all ask this module, so that no entry point is a way around ``PORRAS_REQUIRE_2FA``:

* a web **session** counts only once its second factor was verified in this session
  (django-otp's ``user.is_verified()``), when the user's roles require one;
* a **bearer token** counts only while its user has a confirmed second-factor device, when the
  user's roles require one (tokens are issued only to such users, see
  :func:`porras.accounts.services.issue_token`; this also stops tokens issued before the requirement
  was switched on, or whose user's device was removed since).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django_otp import devices_for_user

from porras.accounts import audit, authz
from porras.accounts.models import ApiToken, User, hash_token


def second_factor_required(user: Any) -> bool:
    """``PORRAS_REQUIRE_2FA`` is on and the user's roles see client data, administer users or read the
    audit log (``authz.needs_second_factor``)."""
    return bool(settings.PORRAS_REQUIRE_2FA) and authz.needs_second_factor(user)


def has_confirmed_device(user: Any) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def session_user(request: HttpRequest) -> User | None:
    """The user of the request's web session, if it is signed in with every factor it needs."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if second_factor_required(user) and not getattr(user, "is_verified", lambda: False)():
        return None
    return user  # type: ignore[no-any-return]


def token_user(raw: str) -> User | None:
    """The user of an unexpired, unrevoked bearer token, if that user may use the API with it.

    A known token that is refused (revoked, expired, its user deactivated or without the second
    factor the user's roles require) is audited as ``token.refused`` under its user's name: its use
    may be a lost or stolen token. An unknown token names no one and is not written to the log
    (a flood of guesses must not fill it)."""
    token = ApiToken.objects.select_related("user").filter(token_hash=hash_token(raw)).first()
    if token is None:
        return None
    reason = _refusal(token)
    if reason is not None:
        audit.record(None, "token.refused", "api_token", token.pk, outcome=audit.Outcome.DENIED,
                     detail={"reason": reason}, username=token.user.username)
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def _refusal(token: ApiToken) -> str | None:
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= timezone.now():
        return "expired"
    if not token.user.is_active:
        return "inactive"
    if second_factor_required(token.user) and not has_confirmed_device(token.user):
        return "second_factor"
    return None


def bearer_token(request: HttpRequest) -> str | None:
    """The token of an ``Authorization: Bearer …`` header, if there is one."""
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def api_user(request: HttpRequest, *, allow_session: bool = True) -> User | None:
    """The user an API or FHIR request acts as, or None (answer 401).

    A bearer token is tried first, then (where ``allow_session``) the web session. The caller puts
    the user on ``request.user``.
    """
    raw = bearer_token(request)
    user = token_user(raw) if raw is not None else None
    if user is None and allow_session:
        user = session_user(request)
    return user
