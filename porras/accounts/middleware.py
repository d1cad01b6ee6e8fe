"""Make a second factor mandatory where ``PORRAS_REQUIRE_2FA`` asks for it."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from porras.accounts import authn

# Paths a user without a verified second factor may still reach: signing in and out, setting up the
# factor, a set-password link. Not the rest of /accounts/ (user administration, the audit log, one's
# own password). The API and FHIR answer such a session 401 themselves (porras.accounts.authn).
_OPEN_PREFIXES = ("/accounts/login/", "/accounts/verify/", "/accounts/two-step/", "/accounts/logout/",
                  "/accounts/set-password/", "/static/", "/favicon.ico", "/healthz", "/i18n/", "/api/", "/fhir/")


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
