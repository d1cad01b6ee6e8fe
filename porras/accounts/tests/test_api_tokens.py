from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from porras.accounts.models import ApiToken, hash_token

pytestmark = pytest.mark.django_db


def test_a_valid_token_authenticates_the_api(cast) -> None:
    _, raw = ApiToken.issue(cast.clinician_a, 1)
    response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["username"] == "clinician_a"
    assert response.json()["roles"] == ["professional"]


def test_an_expired_token_gets_401(cast) -> None:
    token, raw = ApiToken.issue(cast.clinician_a, 1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"


def test_a_revoked_token_gets_401(cast) -> None:
    token, raw = ApiToken.issue(cast.clinician_a, 1)
    token.revoke()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me").status_code == 401


def test_no_token_gets_401_with_a_json_error(cast) -> None:
    response = Client().get("/api/v1/me")
    assert response.status_code == 401
    assert response.json() == {"error": "unauthorized", "detail": "valid credentials are required"}


def test_tokens_are_stored_only_as_hashes(cast) -> None:
    token, raw = ApiToken.issue(cast.clinician_a, 1)
    token.refresh_from_db()
    assert token.token_hash == hash_token(raw)
    assert raw not in {token.token_hash, token.prefix}


def test_the_cli_prints_the_token_alone_and_it_works(cast, capsys) -> None:
    call_command("token", "create", "clinician_a", "--expires-days", "3")
    raw = capsys.readouterr().out.strip()
    assert raw.startswith("porras_") and "\n" not in raw
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me").status_code == 200
    token = ApiToken.objects.get(token_hash=hash_token(raw))
    assert timedelta(days=2, hours=23) < token.expires_at - timezone.now() <= timedelta(days=3)


def test_a_refused_known_token_is_audited_under_its_user_and_an_unknown_one_is_not(cast) -> None:
    from porras.accounts.models import AuditEntry

    revoked, raw_revoked = ApiToken.issue(cast.clinician_a, 1)
    revoked.revoke()
    expired, raw_expired = ApiToken.issue(cast.clinician_a, 1)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    for raw in (raw_revoked, raw_expired, "not-a-token-anyone-was-given"):
        assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me").status_code == 401
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw_revoked}").get("/fhir/Observation").status_code == 401
    refused = AuditEntry.objects.filter(action="token.refused").order_by("seq")
    assert [(e.username, e.object_id, e.outcome, e.detail) for e in refused] == [
        ("clinician_a", str(revoked.pk), "denied", {"reason": "revoked"}),
        ("clinician_a", str(expired.pk), "denied", {"reason": "expired"}),
        ("clinician_a", str(revoked.pk), "denied", {"reason": "revoked"}),
    ]
