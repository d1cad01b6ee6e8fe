"""A deactivated account cannot sign in, its session ends and its API tokens stop; activating it again
lets it sign in (tokens stay revoked). Both are audited."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import CAST_PASSWORD
from porras.accounts.models import ApiToken, AuditEntry

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_deactivation_ends_sign_in_session_and_tokens(cast, api_client_for) -> None:
    session = _as(cast.colleague_a)
    api = api_client_for(cast.colleague_a)
    response = _as(cast.manager_a).post(f"/accounts/users/{cast.colleague_a.pk}/active/", {"active": "0"})
    assert response.status_code == 302
    assert session.get("/accounts/profile/").status_code == 302  # sent to log in
    assert api.get("/api/v1/me").status_code == 401
    assert Client().post("/accounts/login/", {"username": "colleague_a", "password": CAST_PASSWORD}).status_code == 200
    assert not ApiToken.objects.active().filter(user=cast.colleague_a).exists()
    entry = AuditEntry.objects.filter(action="user.deactivate").latest("seq")
    assert (entry.username, entry.object_id, entry.detail) == ("manager_a", str(cast.colleague_a.pk), {"tokens_revoked": 1})


def test_activation_lets_the_user_sign_in_again(cast) -> None:
    manager = _as(cast.manager_a)
    manager.post(f"/accounts/users/{cast.colleague_a.pk}/active/", {"active": "0"})
    manager.post(f"/accounts/users/{cast.colleague_a.pk}/active/", {"active": "1"})
    assert Client().post("/accounts/login/", {"username": "colleague_a", "password": CAST_PASSWORD}).status_code == 302
    assert AuditEntry.objects.filter(action="user.activate", object_id=str(cast.colleague_a.pk)).exists()


def test_a_value_other_than_0_or_1_changes_nothing(cast) -> None:
    response = _as(cast.manager_a).post(f"/accounts/users/{cast.colleague_a.pk}/active/", {"active": "maybe"})
    assert response.status_code == 422
    cast.colleague_a.refresh_from_db()
    assert cast.colleague_a.is_active
