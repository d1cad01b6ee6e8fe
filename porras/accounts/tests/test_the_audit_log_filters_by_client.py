"""The data-protection officer finds every entry about one client by the client number shown in care:
the client's own entries, its episodes', and lists that named it — not another client's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client as HttpClient

from porras.accounts.models import AuditEntry
from porras.care import services as care
from porras.care.models import Client, Episode

pytestmark = pytest.mark.django_db


def _register(cast, value: str) -> Client:
    client, _created = care.register_client(cast.clinician_a, care.ClientInput(
        identifier_system="local", identifier_value=value, birth_year=1990, sex="female", county="helsinki",
        language="fi", unit="unit-a"))
    return client


def _episode(cast, client: Client) -> Episode:
    return care.open_episode(cast.clinician_a, client.pk, "unit-a", dt.date(2026, 1, 5), ["depression"], "self")


def _entries(cast, reference: str) -> list[AuditEntry]:
    http = HttpClient()
    http.force_login(cast.admin)
    response = http.post("/accounts/audit/", {"client": reference, "size": "200"})
    assert response.status_code == 200, response.context["form"].errors
    return [row["entry"] for row in response.context["rows"]]


def test_the_client_number_finds_the_clients_own_and_its_episodes_entries(cast) -> None:
    mine, other = _register(cast, "AUDIT-1"), _register(cast, "AUDIT-2")
    episode, other_episode = _episode(cast, mine), _episode(cast, other)
    care.read_episode(cast.colleague_a, episode.pk)
    care.read_episode(cast.colleague_a, other_episode.pk)
    care.list_episodes(cast.clinician_a)
    found = _entries(cast, f"#{mine.pk}")
    kinds = {(e.action, e.object_type, e.object_id) for e in found}
    assert ("client.create", "client", str(mine.pk)) in kinds
    assert ("episode.create", "episode", str(episode.pk)) in kinds
    assert ("episode.read", "episode", str(episode.pk)) in kinds
    assert any(e.action == "episode.list" for e in found), "a list that named the client's episode"
    assert not any(e.object_type == "episode" and e.object_id == str(other_episode.pk) for e in found)
    assert not any(e.object_type == "client" and e.object_id == str(other.pk) for e in found)


def test_the_interchange_client_id_finds_the_same_entries(cast) -> None:
    client = _register(cast, "AUDIT-3")
    by_code = [e.seq for e in _entries(cast, client.code)]
    by_number = [e.seq for e in _entries(cast, str(client.pk))]
    assert by_number[1:] == by_code, "the same entries, and now also the first search, which named the client"
    assert AuditEntry.objects.get(seq=by_number[0]).action == "audit.read"


def test_the_search_is_audited_naming_the_pseudonymous_id_only(cast) -> None:
    client = _register(cast, "AUDIT-4")
    _entries(cast, client.code)
    entry = AuditEntry.objects.filter(action="audit.read").latest("seq")
    assert entry.detail["client"] == client.pk
    assert client.code not in str(entry.detail)


def test_an_unknown_client_number_is_said_so(cast) -> None:
    http = HttpClient()
    http.force_login(cast.admin)
    response = http.post("/accounts/audit/", {"client": "#987654"})
    assert "client" in response.context["form"].errors
