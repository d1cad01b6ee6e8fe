"""The two-step set-up page makes a key when it shows one; a code posted without it writes nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


def test_a_code_posted_before_the_page_showed_a_key_creates_no_device(cast) -> None:
    client = Client()
    client.force_login(cast.clinician_a)
    response = client.post("/accounts/two-step/", {"token": "123456"})
    assert response.status_code == 302 and response["Location"].endswith("/accounts/two-step/")
    assert not TOTPDevice.objects.filter(user=cast.clinician_a).exists()


def test_showing_the_page_makes_one_unconfirmed_key(cast) -> None:
    client = Client()
    client.force_login(cast.clinician_a)
    assert client.get("/accounts/two-step/").status_code == 200
    assert client.get("/accounts/two-step/").status_code == 200
    assert list(TOTPDevice.objects.filter(user=cast.clinician_a).values_list("confirmed", flat=True)) == [False]
