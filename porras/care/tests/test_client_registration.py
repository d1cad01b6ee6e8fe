"""Registering clients through the API: pseudonymous, the same code finds the same client."""

from __future__ import annotations

import json

import pytest

from porras.accounts.domain import audit_chain
from porras.accounts.models import AuditEntry
from porras.care.models import Client
from porras.care.tests.helpers import HETU

pytestmark = pytest.mark.django_db


def _post(client, body, **headers):
    return client.post("/api/v1/clients", json.dumps(body), content_type="application/json", **headers)


def test_it_registers_a_client_by_identity_code_and_derives_birth_year_and_sex(cast, api_client_for) -> None:
    response = _post(api_client_for(cast.clinician_a),
                     {"identifier": {"system": "hetu", "value": HETU}, "county": "helsinki", "language": "fi"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["birth_year"] == 1952
    assert body["sex"] == "female"
    assert body["county"] == "helsinki"


def test_the_same_identity_code_finds_the_same_client(cast, api_client_for) -> None:
    body = {"identifier": {"system": "hetu", "value": HETU}, "county": "helsinki"}
    first = _post(api_client_for(cast.clinician_a), body).json()
    again = _post(api_client_for(cast.colleague_a), {**body, "identifier": {"system": "hetu", "value": " 131052-308t"}})
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    assert Client.objects.count() == 1


def test_the_identity_code_is_stored_nowhere(cast, api_client_for) -> None:
    _post(api_client_for(cast.clinician_a), {"identifier": {"system": "hetu", "value": HETU}, "county": "helsinki"})
    client = Client.objects.get()
    stored = json.dumps([client.pseudonym, client.code, client.identifier_system])
    assert "131052" not in stored and "308T" not in stored
    for entry in AuditEntry.objects.all():
        assert "131052" not in audit_chain.canonical({name: getattr(entry, name) for name in audit_chain.FIELDS}, entry.prev_hash).decode()


def test_an_invalid_identity_code_gets_422_naming_the_field_and_the_checksum(cast, api_client_for) -> None:
    response = _post(api_client_for(cast.clinician_a),
                     {"identifier": {"system": "hetu", "value": "131052-308U"}, "county": "helsinki"})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["field"] == "identifier.value"
    assert "checksum" in detail[0]["reason"]
    assert "131052" not in response.content.decode()


def test_a_birth_year_that_contradicts_the_identity_code_is_refused(cast, api_client_for) -> None:
    response = _post(api_client_for(cast.clinician_a),
                     {"identifier": {"system": "hetu", "value": HETU}, "county": "helsinki", "birth_year": 1960})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "birth_year"


def test_a_local_identifier_needs_birth_year_and_county(cast, api_client_for) -> None:
    response = _post(api_client_for(cast.clinician_a), {"identifier": {"system": "local", "value": "ABC-1"},
                                                        "county": "nowhere"})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["detail"]}
    assert fields == {"birth_year", "county"}


def test_a_clinician_cannot_register_a_client_in_another_unit(cast, api_client_for) -> None:
    response = _post(api_client_for(cast.clinician_b),
                     {"identifier": {"system": "hetu", "value": HETU}, "county": "helsinki", "unit": "unit-a"})
    assert response.status_code == 403
