from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from porras.accounts.models import Membership, User

pytestmark = pytest.mark.django_db


def test_user_create_scopes_the_role_to_the_unit_and_reads_the_password_from_stdin(cast, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-passphrase-42\n"))
    call_command("user", "create", "newbie", "--role", "professional", "--unit", "unit-b", "--password-stdin")
    user = User.objects.get(username="newbie")
    assert user.check_password("a-long-passphrase-42")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.unit.code, membership.county) == ("professional", "unit-b", None)


def test_user_create_refuses_an_unknown_role_naming_it(cast) -> None:
    with pytest.raises(CommandError, match="role: unknown role 'doctor'"):
        call_command("user", "create", "x", "--role", "doctor", "--unit", "unit-a")


def test_user_create_refuses_an_unknown_unit(cast) -> None:
    with pytest.raises(CommandError, match="unit: no unit with code 'nope'"):
        call_command("user", "create", "x", "--role", "professional", "--unit", "nope")
    assert not User.objects.filter(username="x").exists()


def test_a_unit_role_without_a_scope_is_refused(cast) -> None:
    with pytest.raises(CommandError, match="scope"):
        call_command("user", "create", "x", "--role", "professional")


def test_a_weak_password_is_refused_with_the_reason(cast, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("123\n"))
    with pytest.raises(CommandError, match="password:"):
        call_command("user", "create", "weak", "--role", "national_analyst", "--password-stdin")
    assert not User.objects.filter(username="weak").exists()


def test_org_list_prints_counties_organisations_and_units_as_json(cast, capsys) -> None:
    call_command("org", "list", "--format", "json")
    tree = json.loads(capsys.readouterr().out)
    assert len(tree) == 22
    helsinki = next(c for c in tree if c["code"] == "helsinki")
    units = {u["code"] for o in helsinki["organisations"] for u in o["units"]}
    assert {"unit-a", "unit-a2", "ips-a"} <= units


def test_demo_creates_one_user_for_every_role_in_three_counties(db, capsys) -> None:
    from porras.accounts.demo import DEMO_PASSWORD
    from porras.accounts.roles import Role

    call_command("demo")
    call_command("demo")  # idempotent
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {r.value for r in Role}
    counties = set(Membership.objects.filter(unit__isnull=False).values_list("unit__organisation__county__code", flat=True))
    assert len(counties) >= 2
    from porras.accounts.models import Unit

    assert Unit.objects.values("organisation__county").distinct().count() >= 3
    assert User.objects.get(username="ammattilainen").check_password(DEMO_PASSWORD)
    assert User.objects.filter(username="ammattilainen").count() == 1


def test_demo_is_refused_in_production(db, settings) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("demo")
