"""Request guards of accounts: forwarded headers only from our proxies; a second factor where
``PORRAS_REQUIRE_2FA`` asks for it."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from porras.accounts import authn
from porras.accounts.client_address import from_trusted_proxy

# Paths a user without a verified second factor may still reach: signing in and out, setting up the
# factor, a set-password link. Not the rest of /accounts/ (user administration, the audit log, one's
# own password). The API and FHIR answer such a session 401 themselves (porras.accounts.authn).
_OPEN_PREFIXES = ("/accounts/login/", "/accounts/verify/", "/accounts/two-step/", "/accounts/logout/",
                  "/accounts/set-password/", "/static/", "/favicon.ico", "/healthz", "/i18n/", "/api/", "/fhir/")


class ForwardedProtoMiddleware:
    """``X-Forwarded-Proto`` only from our own proxies (first in the chain).

    In production Django believes the header (``SECURE_PROXY_SSL_HEADER``) to know that a request
    came over HTTPS; a client reaching the application server directly could otherwise claim HTTPS
    over plain HTTP and skip the HTTPS redirect. The header is dropped unless the connection's peer
    is in ``PORRAS_TRUSTED_PROXIES``, as ``X-Forwarded-For`` is read (``client_address``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "HTTP_X_FORWARDED_PROTO" in request.META and not from_trusted_proxy(request):
            del request.META["HTTP_X_FORWARDED_PROTO"]
        return self.get_response(request)


class Require2FAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.PORRAS_REQUIRE_2FA and self._needs_second_factor(request):
            return redirect("accounts:totp_setup" if not self._has_device(request) else "accounts:verify")
        return self.get_response(request)

    @staticmethod
    def _needs_second_factor(request: HttpRequest) -> bool:
        user = request.user
        if not user.is_authenticated or request.path.startswith(_OPEN_PREFIXES):
            return False
        return authn.session_user(request) is None

    @staticmethod
    def _has_device(request: HttpRequest) -> bool:
        return authn.has_confirmed_device(request.user)
