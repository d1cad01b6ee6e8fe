"""When no administrator can sign in, the host's operator unlocks an account, resets its second factor,
prints a one-time password link or (de)activates it on the command line; each is audited as system."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from porras.accounts import services
from porras.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("user", *args, stdout=out)
    return out.getvalue()


def test_unlock_reset_and_deactivate_from_the_command_line(cast, settings) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post("/accounts/login/", {"username": "admin", "password": "wrong"})
    TOTPDevice.objects.create(user=cast.admin, name="default", confirmed=True)
    assert "unlocked" in _run("unlock", "admin")
    assert not services.is_locked_out(cast.admin)
    assert "1 second-factor device(s) removed" in _run("reset-2fa", "admin")
    _run("deactivate", "clinician_a")
    cast.clinician_a.refresh_from_db()
    assert not cast.clinician_a.is_active
    actions = set(AuditEntry.objects.filter(username="system", object_type="user").values_list("action", flat=True))
    assert {"user.unlock", "user.second_factor_reset", "user.deactivate"} <= actions


def test_the_password_link_is_printed_and_works(cast, settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    output = _run("password-link", "admin", "--base-url", "https://porras.example")
    link = output.split()[0]
    assert link.startswith("https://porras.example/accounts/set-password/")
    assert Client().get(link.removeprefix("https://porras.example")).status_code == 200


def test_an_unknown_username_is_named(cast) -> None:
    with pytest.raises(CommandError, match="username: no user 'nobody'"):
        _run("unlock", "nobody")
