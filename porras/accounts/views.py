"""Log in (password, then the TOTP code where a device exists), set up a second factor, the profile.

Signing out, passwords and user administration: ``views_users``; the audit log: ``views_audit``."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from porras.accounts import audit, authz
from porras.accounts.forms import LoginForm, TokenForm
from porras.accounts.models import User

_PENDING = "porras_2fa_pending"
_PENDING_BACKEND = "porras_2fa_backend"
_NEXT = "porras_2fa_next"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return "/"


def _confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@sensitive_post_parameters("password")
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request, data=request.POST or None)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if _confirmed_device(user) is not None:
            request.session[_PENDING] = user.pk
            request.session[_PENDING_BACKEND] = getattr(user, "backend", "django.contrib.auth.backends.ModelBackend")
            request.session[_NEXT] = next_url
            return redirect("accounts:verify")
        login(request, user)
        audit.record(request, "login", "user", user.pk)
        return redirect(next_url)
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


def verify_view(request: HttpRequest) -> HttpResponse:
    """Second step of the login: the TOTP code. django-otp throttles repeated wrong codes."""
    user_id = request.session.get(_PENDING)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None and request.user.is_authenticated:
        user = request.user  # logged in, asked to verify by the 2FA requirement
    if user is None:
        return redirect("accounts:login")
    device = _confirmed_device(user)
    if device is None:
        return redirect("accounts:totp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _info = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["token"]):
            next_url = request.session.pop(_NEXT, "/")
            backend = request.session.pop(_PENDING_BACKEND, None)
            request.session.pop(_PENDING, None)
            if not request.user.is_authenticated:
                login(request, user, backend=backend or "django.contrib.auth.backends.ModelBackend")
            otp_login(request, device)
            audit.record(request, "login", "user", user.pk, detail={"second_factor": "totp"})
            return redirect(next_url)
        form.add_error("token", _("The code is wrong or has expired. Wait for a new code and try again."))
        audit.record(None, "login.second_factor", "user", user.pk, outcome=audit.Outcome.DENIED, username=user.username)
    return render(request, "accounts/verify.html", {"form": form})


@login_required
def totp_setup_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        if request.method == "POST":
            # A code for a key this page never showed cannot be right: show the key, write nothing.
            return redirect("accounts:totp_setup")
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            otp_login(request, device)
            audit.record(request, "second_factor.enable", "user", user.pk)
            messages.success(request, _("Two-step verification is now on."))
            return redirect("accounts:profile")
        form.add_error("token", _("The code is wrong or has expired. Wait for a new code and try again."))
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    qr_data_uri = "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return render(request, "accounts/totp_setup.html", {"form": form, "qr": qr_data_uri, "secret": secret})


@login_required
def profile_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required
    memberships = user.memberships.select_related("unit", "county").all()
    has_device = _confirmed_device(user) is not None
    return render(request, "accounts/profile.html", {
        "memberships": memberships, "has_device": has_device, "aggregates_only": authz.aggregates_only(request.user),
    })
