"""Every signed-in user changes their own password (old one first); the session stays signed in and
the change is audited."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import CAST_PASSWORD
from porras.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db

NEW = "syksyn-lehdet-2026"


@pytest.mark.parametrize("name", ["clinician_a", "county_analyst", "admin"])
def test_a_user_changes_their_own_password(cast, name) -> None:
    user = getattr(cast, name)
    client = Client()
    client.force_login(user)
    response = client.post("/accounts/password/", {"old_password": CAST_PASSWORD, "new_password1": NEW,
                                                   "new_password2": NEW})
    assert response.status_code == 302 and response["Location"] == "/accounts/profile/"
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert client.get("/accounts/profile/").status_code == 200, "the session stays signed in"
    assert AuditEntry.objects.filter(action="user.password_change", username=name).exists()


def test_a_wrong_old_password_changes_nothing(cast) -> None:
    client = Client()
    client.force_login(cast.clinician_a)
    response = client.post("/accounts/password/", {"old_password": "not-it", "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 200 and "old_password" in response.context["form"].errors
    cast.clinician_a.refresh_from_db()
    assert cast.clinician_a.check_password(CAST_PASSWORD)
    assert not AuditEntry.objects.filter(action="user.password_change").exists()


def test_the_profile_links_to_the_password_change(cast) -> None:
    client = Client()
    client.force_login(cast.clinician_a)
    assert "/accounts/password/" in client.get("/accounts/profile/").content.decode()
