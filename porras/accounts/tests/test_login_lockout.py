from __future__ import annotations

from ipaddress import ip_network

import pytest
from django.conf import settings
from django.test import Client

from conftest import CAST_PASSWORD

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR="10.0.0.1")


def test_a_correct_password_logs_in_and_is_audited(cast) -> None:
    from porras.accounts.models import AuditEntry

    client = Client()
    response = _login(client, "clinician_a", CAST_PASSWORD)
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="login", username="clinician_a").exists()


def test_a_wrong_password_shows_the_form_again_with_an_error(cast) -> None:
    response = _login(Client(), "clinician_a", "wrong")
    assert response.status_code == 200
    assert "login-errors" in response.content.decode()


def test_repeated_failures_lock_the_account_even_for_the_right_password(cast) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "clinician_a", "wrong")
    response = _login(Client(), "clinician_a", CAST_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in Client().session


def test_passwords_are_hashed_with_argon2(cast) -> None:
    assert cast.clinician_a.password.startswith("argon2$")


def test_one_address_with_many_users_is_not_locked_out_for_the_others(cast) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), "clinician_a", "wrong")
    assert _login(Client(), "clinician_a", CAST_PASSWORD).status_code == 429
    assert _login(Client(), "colleague_a", CAST_PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_the_clients_own_address_is_locked(cast, settings) -> None:
    settings.PORRAS_TRUSTED_PROXIES = (ip_network("10.0.0.9/32"),)

    def through_proxy(client_address: str, password: str) -> int:
        return Client().post("/accounts/login/", {"username": "clinician_a", "password": password},
                             REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=client_address).status_code

    for _ in range(settings.AXES_FAILURE_LIMIT):
        through_proxy("198.51.100.7", "wrong")
    assert through_proxy("198.51.100.7", CAST_PASSWORD) == 429
    assert through_proxy("198.51.100.8", CAST_PASSWORD) == 302  # another client behind the same proxy


def test_a_forged_x_forwarded_for_from_an_untrusted_peer_does_not_change_the_locked_address(cast, settings) -> None:
    settings.PORRAS_TRUSTED_PROXIES = (ip_network("10.0.0.9/32"),)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        Client().post("/accounts/login/", {"username": "clinician_a", "password": "wrong"},
                      REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}")
    response = Client().post("/accounts/login/", {"username": "clinician_a", "password": CAST_PASSWORD},
                             REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.200")
    assert response.status_code == 429


def test_a_client_behind_the_proxy_cannot_pick_a_fresh_address_by_writing_the_header(cast, settings) -> None:
    settings.PORRAS_TRUSTED_PROXIES = (ip_network("10.0.0.9/32"),)

    def forged(prefix: str, password: str) -> int:
        # The client sends "X-Forwarded-For: <prefix>"; our proxy appends the address it saw.
        return Client().post("/accounts/login/", {"username": "clinician_a", "password": password},
                             REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=f"{prefix}, 198.51.100.7").status_code

    for attempt in range(settings.AXES_FAILURE_LIMIT):
        forged(f"203.0.113.{attempt}", "wrong")
    assert forged("203.0.113.200", CAST_PASSWORD) == 429
