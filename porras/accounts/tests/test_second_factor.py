from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import CAST_PASSWORD

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _logged_in(username: str) -> Client:
    client = Client()
    client.post("/accounts/login/", {"username": username, "password": CAST_PASSWORD})
    return client


def test_with_2fa_required_a_clinician_must_set_up_a_second_factor_first(cast, settings) -> None:
    settings.PORRAS_REQUIRE_2FA = True
    client = _logged_in("clinician_a")
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].endswith("/accounts/two-step/")


def test_with_2fa_required_an_analyst_who_sees_no_client_data_is_not_forced(cast, settings) -> None:
    settings.PORRAS_REQUIRE_2FA = True
    assert _logged_in("national_analyst").get("/").status_code == 200


def test_setting_up_totp_then_logging_in_asks_for_the_code(cast, settings) -> None:
    settings.PORRAS_REQUIRE_2FA = True
    client = _logged_in("clinician_a")
    client.get("/accounts/two-step/")
    device = TOTPDevice.objects.get(user=cast.clinician_a)
    assert client.post("/accounts/two-step/", {"token": _code(device)}).status_code == 302
    assert client.get("/").status_code == 200

    fresh = Client()
    response = fresh.post("/accounts/login/", {"username": "clinician_a", "password": CAST_PASSWORD})
    assert response["Location"].endswith("/accounts/verify/")
    assert "_auth_user_id" not in fresh.session
    wrong = fresh.post("/accounts/verify/", {"token": "000000" if _code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "_auth_user_id" not in fresh.session
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    device.last_t = -1
    device.save()
    assert fresh.post("/accounts/verify/", {"token": _code(device)}).status_code == 302
    assert "_auth_user_id" in fresh.session
