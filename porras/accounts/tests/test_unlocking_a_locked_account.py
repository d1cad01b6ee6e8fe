"""A manager unlocks an account locked after failed sign-ins (django-axes' reset for that username);
the user signs in again at once. The page shows the lock; the unlock is audited."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from conftest import CAST_PASSWORD
from porras.accounts import services
from porras.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db


def _login(password: str) -> int:
    return Client().post("/accounts/login/", {"username": "colleague_a", "password": password},
                         REMOTE_ADDR="10.0.0.7").status_code


def _lock() -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login("wrong-password")


def test_the_manager_sees_the_lock_and_unlocks_it(cast) -> None:
    _lock()
    assert _login(CAST_PASSWORD) == 429
    manager = Client()
    manager.force_login(cast.manager_a)
    page = manager.get(f"/accounts/users/{cast.colleague_a.pk}/")
    assert page.context["locked"] is True
    assert f"/accounts/users/{cast.colleague_a.pk}/unlock/" in page.content.decode()
    assert manager.post(f"/accounts/users/{cast.colleague_a.pk}/unlock/").status_code == 302
    assert not services.is_locked_out(cast.colleague_a)
    assert _login(CAST_PASSWORD) == 302
    entry = AuditEntry.objects.filter(action="user.unlock").latest("seq")
    assert entry.username == "manager_a" and entry.detail["attempts_cleared"] >= 1


def test_an_account_that_is_not_locked_shows_no_unlock_button(cast) -> None:
    manager = Client()
    manager.force_login(cast.manager_a)
    page = manager.get(f"/accounts/users/{cast.colleague_a.pk}/")
    assert page.context["locked"] is False
    assert "/unlock/" not in page.content.decode()
