"""Make a second factor mandatory where ``PORRAS_REQUIRE_2FA`` asks for it."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from porras.accounts import authz

# Paths a user without a verified second factor may still reach.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/", "/api/", "/fhir/")


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
        verified = getattr(user, "is_verified", lambda: False)()
        return not verified and authz.sees_client_data(user)

    @staticmethod
    def _has_device(request: HttpRequest) -> bool:
        from django_otp import devices_for_user

        return any(True for _ in devices_for_user(request.user, confirmed=True))
