from __future__ import annotations

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
