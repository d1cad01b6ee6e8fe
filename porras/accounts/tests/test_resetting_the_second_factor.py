"""Resetting a user's second factor deletes their TOTP devices: a session verified with the old device
is verified no more, and where PORRAS_REQUIRE_2FA applies the user must set one up again."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import CAST_PASSWORD
from porras.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db


def _signed_in_with_totp(user) -> Client:
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    client = Client()
    client.post("/accounts/login/", {"username": user.username, "password": CAST_PASSWORD})
    client.post("/accounts/verify/", {"token": f"{totp(device.bin_key):06d}"})
    return client


def test_after_the_reset_the_user_sets_up_a_new_factor(cast, settings) -> None:
    settings.PORRAS_REQUIRE_2FA = True
    colleague = _signed_in_with_totp(cast.colleague_a)
    assert colleague.get("/care/").status_code == 200
    manager = _signed_in_with_totp(cast.manager_a)
    assert manager.post(f"/accounts/users/{cast.colleague_a.pk}/second-factor/reset/").status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.colleague_a).exists()
    response = colleague.get("/care/")
    assert response.status_code == 302 and response["Location"] == "/accounts/two-step/"
    entry = AuditEntry.objects.filter(action="user.second_factor_reset").latest("seq")
    assert (entry.username, entry.object_id, entry.detail) == ("manager_a", str(cast.colleague_a.pk), {"devices_removed": 1})


def test_with_2fa_required_user_administration_itself_needs_the_second_factor(cast, settings) -> None:
    settings.PORRAS_REQUIRE_2FA = True
    for user in (cast.admin, cast.manager_a):
        client = Client()
        client.post("/accounts/login/", {"username": user.username, "password": CAST_PASSWORD})
        assert client.get("/accounts/users/")["Location"] == "/accounts/two-step/", user.username
    client = Client()
    client.post("/accounts/login/", {"username": "admin", "password": CAST_PASSWORD})
    assert client.get("/accounts/audit/")["Location"] == "/accounts/two-step/"
