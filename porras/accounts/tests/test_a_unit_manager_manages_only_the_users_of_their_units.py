"""A unit manager administers the users all of whose roles lie in their own unit(s) or county, and
gives only roles scoped there — never the administrator's role, never a national role. Another's user
answers 404 exactly like a missing one, and the attempt is audited as refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from porras.accounts import authz, services
from porras.accounts.models import AuditEntry, Membership, User
from porras.accounts.roles import Role

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_unit_manager_sees_the_users_of_their_unit_only(cast) -> None:
    names = set(authz.manageable_users(cast.manager_a).values_list("username", flat=True))
    assert names == {"clinician_a", "colleague_a", "manager_a"}
    assert set(authz.manageable_users(cast.county_manager_b).values_list("username", flat=True)) == {
        "clinician_b", "county_manager_b"}


def test_a_user_with_a_role_outside_the_unit_is_not_the_unit_managers(cast) -> None:
    services.create_user("colleague_a", "professional", unit_code="unit-b")
    assert not authz.may_manage_user(cast.manager_a, User.objects.get(username="colleague_a"))
    assert authz.may_manage_user(cast.admin, User.objects.get(username="colleague_a"))


def test_another_units_user_answers_404_like_a_missing_one_and_is_audited(cast) -> None:
    client = _as(cast.manager_a)
    assert client.get(f"/accounts/users/{cast.clinician_b.pk}/").status_code == 404
    assert client.get("/accounts/users/999999/").status_code == 404
    assert client.post(f"/accounts/users/{cast.clinician_b.pk}/unlock/").status_code == 404
    refused = AuditEntry.objects.filter(username="manager_a", outcome="denied", object_id=str(cast.clinician_b.pk))
    assert set(refused.values_list("action", flat=True)) == {"user.read", "user.unlock"}


def test_a_user_without_user_administration_is_refused_403(cast) -> None:
    assert _as(cast.clinician_a).get("/accounts/users/").status_code == 403
    assert _as(cast.county_analyst).get(f"/accounts/users/{cast.colleague_a.pk}/").status_code == 403


def test_a_unit_manager_gives_a_role_in_their_unit(cast) -> None:
    response = _as(cast.manager_a).post(f"/accounts/users/{cast.colleague_a.pk}/roles/",
                                        {"role": "unit_manager", "scope": "unit:unit-a"})
    assert response.status_code == 302
    assert Membership.objects.filter(user=cast.colleague_a, role="unit_manager", unit=cast.unit_a).exists()


@pytest.mark.parametrize(("role", "scope"), [
    ("administrator", "national"), ("national_analyst", "national"), ("professional", "unit:unit-a2"),
    ("professional", "unit:unit-b"), ("county_analyst", "county:helsinki"),
])
def test_a_unit_manager_cannot_give_a_role_beyond_their_unit(cast, role, scope) -> None:
    response = _as(cast.manager_a).post(f"/accounts/users/{cast.colleague_a.pk}/roles/", {"role": role, "scope": scope})
    assert response.status_code == 200 and response.context["role_form"].errors
    assert Membership.objects.filter(user=cast.colleague_a).count() == 1


def test_the_service_refuses_a_role_beyond_the_scope_even_when_asked_directly(cast) -> None:
    with pytest.raises(PermissionDenied):
        services.grant_role(cast.manager_a, cast.colleague_a.pk, "administrator")
    with pytest.raises(PermissionDenied):
        services.admin_create_user(cast.manager_a, "x.y", "", "professional", unit_code="unit-b")
    assert AuditEntry.objects.filter(username="manager_a", outcome="denied",
                                     action__in=["user.role_grant", "user.create"]).count() == 2


def test_a_county_wide_manager_gives_roles_in_any_unit_of_the_county(cast) -> None:
    assert Role.ADMINISTRATOR not in authz.grantable_roles(cast.county_manager_b)
    assert authz.may_grant(cast.county_manager_b, Role.PROFESSIONAL, cast.unit_b, None)
    assert authz.may_grant(cast.county_manager_b, Role.COUNTY_ANALYST, None, cast.county_b)
    assert not authz.may_grant(cast.county_manager_b, Role.PROFESSIONAL, cast.unit_a, None)


def test_a_unit_manager_creates_a_user_of_their_unit(cast) -> None:
    response = _as(cast.manager_a).post("/accounts/users/new/", {"username": "harjoittelija", "role": "professional",
                                                                 "scope": "unit:unit-a"})
    assert response.status_code == 302
    assert authz.may_manage_user(cast.manager_a, User.objects.get(username="harjoittelija"))


def test_the_choices_offered_are_only_those_the_actor_may_give(cast) -> None:
    form = _as(cast.manager_a).get("/accounts/users/new/").context["form"]
    roles = {value for value, _label in form.fields["role"].choices if value}
    scopes = {value for _group, options in form.fields["scope"].choices[1:] for value, _label in options}
    assert "administrator" not in roles and "national_analyst" not in roles and "professional" in roles
    assert scopes == {"unit:unit-a"}
