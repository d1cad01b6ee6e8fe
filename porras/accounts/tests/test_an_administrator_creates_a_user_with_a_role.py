"""An administrator creates an account with one role and scope; it has no password until its user
sets one through a link, and the creation is audited."""

from __future__ import annotations

import pytest
from django.test import Client

from porras.accounts.models import AuditEntry, Membership, User

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_new_user_form_creates_an_account_scoped_to_a_unit(cast) -> None:
    response = _as(cast.admin).post("/accounts/users/new/", {
        "username": "uusi.hoitaja", "email": "uusi.hoitaja@example.org", "role": "professional", "scope": "unit:unit-b"})
    user = User.objects.get(username="uusi.hoitaja")
    assert response.status_code == 302 and response["Location"] == f"/accounts/users/{user.pk}/"
    assert not user.has_usable_password()
    assert user.email == "uusi.hoitaja@example.org"
    assert [(m.role, m.unit.code, m.county) for m in Membership.objects.filter(user=user)] == [
        ("professional", "unit-b", None)]


def test_the_creation_is_audited_naming_role_and_scope(cast) -> None:
    _as(cast.admin).post("/accounts/users/new/", {"username": "analyytikko2", "email": "", "role": "county_analyst",
                                                 "scope": "county:pirkanmaa"})
    entry = AuditEntry.objects.filter(action="user.create").latest("seq")
    assert entry.username == "admin"
    assert entry.object_id == str(User.objects.get(username="analyytikko2").pk)
    assert entry.detail == {"role": "county_analyst", "unit": "", "county": "pirkanmaa"}


def test_a_national_role_is_given_without_a_scope(cast) -> None:
    _as(cast.admin).post("/accounts/users/new/", {"username": "thl.analyytikko", "role": "national_analyst",
                                                 "scope": "national"})
    membership = Membership.objects.get(user__username="thl.analyytikko")
    assert (membership.role, membership.unit, membership.county) == ("national_analyst", None, None)


@pytest.mark.parametrize(("fields", "field"), [
    ({"role": "national_analyst", "scope": "unit:unit-a"}, "scope"),
    ({"role": "professional", "scope": "national"}, "scope"),
    ({"role": "doctor", "scope": "unit:unit-a"}, "role"),
    ({"username": "clinician_a"}, "username"),
    ({"username": "has space"}, "username"),
    ({"email": "not-an-address"}, "email"),
])
def test_bad_input_names_the_field_and_creates_nothing(cast, fields, field) -> None:
    before = (User.objects.count(), AuditEntry.objects.filter(action="user.create").count())
    data = {"username": "someone.new", "email": "", "role": "professional", "scope": "unit:unit-a"} | fields
    response = _as(cast.admin).post("/accounts/users/new/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert (User.objects.count(), AuditEntry.objects.filter(action="user.create").count()) == before


def test_the_new_user_appears_in_the_list(cast) -> None:
    _as(cast.admin).post("/accounts/users/new/", {"username": "listattava", "role": "professional", "scope": "unit:unit-a"})
    page = _as(cast.admin).get("/accounts/users/?q=listatt").content.decode()
    assert "listattava" in page and "clinician_a" not in page
