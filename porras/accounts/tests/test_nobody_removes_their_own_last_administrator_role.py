"""Nobody removes their own last administrator role, nor deactivates their own account: the
installation always keeps someone who can undo a mistake. Removing another's role works and is audited."""

from __future__ import annotations

import pytest
from django.test import Client

from porras.accounts import services
from porras.accounts.models import AuditEntry, Membership

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_own_last_administrator_role_stays(cast) -> None:
    membership = Membership.objects.get(user=cast.admin, role="administrator")
    response = _as(cast.admin).post(f"/accounts/users/{cast.admin.pk}/roles/{membership.pk}/remove/")
    assert response.status_code == 302
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(action="user.role_revoke", outcome="denied", username="admin").exists()


def test_with_a_second_administrator_role_one_of_them_may_go(cast) -> None:
    services.create_user("admin", "administrator", county_code="helsinki")
    national = Membership.objects.get(user=cast.admin, role="administrator", county__isnull=True)
    _as(cast.admin).post(f"/accounts/users/{cast.admin.pk}/roles/{national.pk}/remove/")
    assert not Membership.objects.filter(pk=national.pk).exists()


def test_nobody_deactivates_their_own_account(cast) -> None:
    _as(cast.admin).post(f"/accounts/users/{cast.admin.pk}/active/", {"active": "0"})
    cast.admin.refresh_from_db()
    assert cast.admin.is_active


def test_removing_another_users_role_is_audited_naming_it(cast) -> None:
    membership = Membership.objects.get(user=cast.colleague_a)
    response = _as(cast.manager_a).post(f"/accounts/users/{cast.colleague_a.pk}/roles/{membership.pk}/remove/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditEntry.objects.filter(action="user.role_revoke").latest("seq")
    assert entry.detail == {"role": "professional", "unit": "unit-a", "county": ""}
    assert response["Location"] == "/accounts/users/", "without a role in the unit the user is no longer the manager's"
