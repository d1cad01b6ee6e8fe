"""Failed logins and lock-outs are in the audit log, naming the account but never what was typed."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from conftest import CAST_PASSWORD
from porras.accounts import audit
from porras.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db


def _login(username: str, password: str, address: str = "10.0.0.1") -> int:
    response = Client().post("/accounts/login/", {"username": username, "password": password},
                             REMOTE_ADDR=address)
    return response.status_code


def test_a_wrong_password_is_audited_as_a_failed_login_of_that_account(cast) -> None:
    _login("clinician_a", "not-the-password")
    entry = AuditEntry.objects.get(action="login", outcome=audit.Outcome.FAILED)
    assert (entry.username, entry.object_type, entry.object_id) == ("clinician_a", "user", str(cast.clinician_a.pk))


def test_an_unknown_username_is_audited_without_what_was_typed(cast) -> None:
    typed = "Kesä2026-salasana!"  # someone typed their password into the username field
    _login(typed, "whatever")
    entry = AuditEntry.objects.get(action="login", outcome=audit.Outcome.FAILED)
    assert entry.username == "(no such account)" and entry.object_id == ""
    assert not any(typed in str(value) for value in AuditEntry.objects.values_list(
        "username", "role", "object_id", "detail"))


def test_reaching_the_limit_is_audited_as_a_lockout(cast) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login("clinician_a", "not-the-password")
    lockouts = AuditEntry.objects.filter(action="login.lockout", outcome=audit.Outcome.DENIED)
    assert [(e.username, e.object_id) for e in lockouts] == [("clinician_a", str(cast.clinician_a.pk))]
    assert AuditEntry.objects.filter(action="login", outcome=audit.Outcome.FAILED).count() == settings.AXES_FAILURE_LIMIT


def test_a_try_during_the_lockout_is_audited_as_refused(cast) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login("clinician_a", "not-the-password")
    before = AuditEntry.objects.filter(action="login.lockout").count()
    assert _login("clinician_a", CAST_PASSWORD) == 429
    assert AuditEntry.objects.filter(action="login.lockout").count() == before + 1
    assert not AuditEntry.objects.filter(action="login", outcome=audit.Outcome.OK).exists()
    assert audit.verify().ok
