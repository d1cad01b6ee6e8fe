"""The permission cast of STYLE.md against the one authorisation module."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from porras.accounts import authz
from porras.accounts.models import Unit
from porras.accounts.roles import Perm

pytestmark = pytest.mark.django_db


def test_a_clinician_reaches_client_data_of_their_own_unit_only(cast) -> None:
    assert authz.may(cast.clinician_a, Perm.CLIENT_READ, cast.unit_a)
    assert not authz.may(cast.clinician_a, Perm.CLIENT_READ, cast.unit_a2)
    assert not authz.may(cast.clinician_a, Perm.CLIENT_READ, cast.unit_b)


def test_a_colleague_in_the_same_unit_shares_its_clients(cast) -> None:
    assert authz.may(cast.colleague_a, Perm.CLIENT_WRITE, cast.unit_a)


def test_a_clinician_of_another_unit_is_refused(cast) -> None:
    assert not authz.may(cast.clinician_b, Perm.CLIENT_READ, cast.unit_a)
    with pytest.raises(PermissionDenied):
        authz.require(cast.clinician_b, Perm.CLIENT_READ, cast.unit_a)


def test_analysts_and_programme_managers_see_aggregates_only(cast) -> None:
    for user in (cast.county_analyst, cast.national_analyst, cast.programme_manager):
        assert authz.aggregates_only(user)
        assert not authz.may(user, Perm.CLIENT_READ, cast.unit_a)
        assert authz.may(user, Perm.AGGREGATE_READ)
    for user in (cast.clinician_a, cast.manager_a, cast.admin):
        assert not authz.aggregates_only(user)


def test_a_county_analyst_sees_aggregates_of_their_county_only(cast) -> None:
    assert authz.may(cast.county_analyst, Perm.AGGREGATE_READ, cast.county_a)
    assert not authz.may(cast.county_analyst, Perm.AGGREGATE_READ, cast.county_b)
    assert list(authz.county_scope(cast.county_analyst, Perm.AGGREGATE_READ)) == [cast.county_a]


def test_a_national_analyst_sees_aggregates_of_every_county(cast) -> None:
    assert authz.may(cast.national_analyst, Perm.AGGREGATE_READ, cast.county_b)
    assert authz.county_scope(cast.national_analyst, Perm.AGGREGATE_READ).count() == 22


def test_a_county_scoped_manager_edits_the_catalogue_of_every_unit_in_the_county(cast) -> None:
    assert authz.may(cast.county_manager_b, Perm.CATALOGUE_EDIT, cast.unit_b)
    assert authz.may(cast.county_manager_b, Perm.CATALOGUE_EDIT, cast.county_b)
    assert not authz.may(cast.county_manager_b, Perm.CATALOGUE_EDIT, cast.county_a)


def test_a_unit_manager_may_edit_their_own_county_catalogue_through_the_unit(cast) -> None:
    assert authz.may(cast.manager_a, Perm.CATALOGUE_EDIT, cast.unit_a)
    assert not authz.may(cast.manager_a, Perm.CATALOGUE_EDIT, cast.unit_b)


def test_scoped_querysets_hold_only_units_in_scope(cast) -> None:
    assert list(authz.unit_scope(cast.clinician_a, Perm.CLIENT_READ)) == [cast.unit_a]
    assert set(authz.unit_scope(cast.county_manager_b, Perm.CATALOGUE_EDIT)) == {cast.unit_b}
    assert authz.unit_scope(cast.national_analyst, Perm.CLIENT_READ).count() == 0
    assert list(authz.scope_queryset(cast.clinician_b, Perm.CLIENT_READ, Unit.objects.all(), unit_field="pk",
                                     county_field="organisation__county")) == [cast.unit_b]


def test_an_anonymous_resident_holds_no_permission(cast) -> None:
    anonymous = AnonymousUser()
    for perm in Perm:
        assert not authz.may(anonymous, perm)
    assert not authz.aggregates_only(anonymous)


def test_administrators_and_unit_managers_administer_users_and_only_the_administrator_reads_the_audit_log(cast) -> None:
    for name, user in cast.everyone().items():
        assert authz.may(user, Perm.USER_ADMIN) is (name in {"admin", "manager_a", "county_manager_b"}), name
        assert authz.may(user, Perm.AUDIT_READ) is (name == "admin"), name


def test_a_unit_manager_administers_users_in_their_own_scope_only(cast) -> None:
    assert authz.may(cast.manager_a, Perm.USER_ADMIN, cast.unit_a)
    assert not authz.may(cast.manager_a, Perm.USER_ADMIN, cast.unit_a2)
    assert not authz.may(cast.manager_a, Perm.USER_ADMIN, cast.unit_b)


def test_the_administrator_sees_no_client_data(cast) -> None:
    assert not authz.may(cast.admin, Perm.CLIENT_READ, cast.unit_a)


def test_an_ips_specialist_holds_the_caseload_permission_in_their_unit(cast) -> None:
    assert authz.may(cast.ips_specialist, Perm.IPS_CASELOAD, cast.ips_unit)
    assert not authz.may(cast.ips_specialist, Perm.IPS_CASELOAD, cast.unit_a)


def test_a_deactivated_user_loses_every_permission(cast) -> None:
    cast.clinician_a.is_active = False
    cast.clinician_a.save()
    from porras.accounts.models import User

    assert not authz.may(User.objects.get(pk=cast.clinician_a.pk), Perm.CLIENT_READ, cast.unit_a)
