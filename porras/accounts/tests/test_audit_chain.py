from __future__ import annotations

import pytest
from django.core.management import call_command

from porras.accounts import audit
from porras.accounts.models import AppendOnlyError, AuditEntry

pytestmark = pytest.mark.django_db


def _write_three(cast) -> list[AuditEntry]:
    return [audit.record(cast.clinician_a, "client.read", "client", i) for i in (1, 2, 3)]


def test_an_untouched_chain_verifies(cast) -> None:
    _write_three(cast)
    result = audit.verify()
    assert result.ok
    assert result.checked == AuditEntry.objects.count()


def test_each_entry_links_to_the_previous_one(cast) -> None:
    entries = _write_three(cast)
    assert entries[1].prev_hash == entries[0].entry_hash
    assert entries[2].prev_hash == entries[1].entry_hash


def test_it_records_who_with_which_role_did_what(cast) -> None:
    entry = audit.record(cast.clinician_a, "client.read", "client", 42, outcome=audit.Outcome.DENIED)
    assert (entry.username, entry.role, entry.action, entry.object_type, entry.object_id, entry.outcome) == (
        "clinician_a", "professional", "client.read", "client", "42", "denied")


def test_a_changed_entry_is_named_as_the_first_broken_one(cast) -> None:
    entries = _write_three(cast)
    AuditEntry.objects.filter(pk=entries[1].pk).update(object_id="999")  # bypasses the model, as an attacker would
    result = audit.verify()
    assert not result.ok
    assert result.broken_seq == entries[1].seq


def test_a_removed_entry_breaks_the_chain(cast) -> None:
    entries = _write_three(cast)
    AuditEntry.objects.filter(pk=entries[1].pk)._raw_delete(AuditEntry.objects.db)
    result = audit.verify()
    assert not result.ok
    assert result.broken_seq == entries[1].seq


def test_a_rehashed_entry_still_breaks_the_link_of_the_next(cast) -> None:
    entries = _write_three(cast)
    forged = AuditEntry.objects.get(pk=entries[0].pk)
    forged.username = "someone_else"
    AuditEntry.objects.filter(pk=forged.pk).update(username=forged.username, entry_hash=forged.compute_hash())
    assert audit.verify().broken_seq == entries[1].seq


def test_the_model_refuses_changes_and_deletes(cast) -> None:
    entry = audit.record(cast.clinician_a, "client.read", "client", 1)
    entry.action = "other"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_the_cli_exits_0_on_an_intact_chain_and_1_naming_the_broken_entry(cast, capsys) -> None:
    entries = _write_three(cast)
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out
    AuditEntry.objects.filter(pk=entries[2].pk).update(outcome="denied")
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify")
    assert exit_info.value.code == 1
    assert f"entry {entries[2].seq}" in capsys.readouterr().err
