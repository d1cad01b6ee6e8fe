"""A stored first answer is client-level data kept only as long as a retry needs
(``PORRAS_IDEMPOTENCY_HOURS``): after that the key starts afresh, and ``porras purge`` deletes it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from porras.accounts.models import AuditEntry
from porras.care.models import Measurement
from porras.care.tests.helpers import make_case
from porras.idempotency.models import IdempotencyRecord

pytestmark = pytest.mark.django_db


def post_measurement(client: Client, episode_id: int, key: str) -> Any:
    body = {"instrument": "gad7", "date": dt.date.today().isoformat(), "answers": [1] * 7}
    return client.post(f"/api/v1/episodes/{episode_id}/measurements", json.dumps(body),
                       content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)


def age_every_answer(hours: float) -> None:
    IdempotencyRecord.objects.update(created_at=timezone.now() - dt.timedelta(hours=hours))


def test_a_retry_within_the_retention_is_answered_from_the_first_answer(
        cast: Any, api_client_for: Callable[[Any], Client], settings: Any) -> None:
    settings.PORRAS_IDEMPOTENCY_HOURS = 24
    client = api_client_for(cast.clinician_a)
    case = make_case(cast.clinician_a)
    post_measurement(client, case.episode.pk, "k")
    age_every_answer(23)
    again = post_measurement(client, case.episode.pk, "k")
    assert again["Idempotent-Replayed"] == "true"
    assert Measurement.objects.filter(episode=case.episode).count() == 1


def test_a_key_whose_answer_has_expired_is_a_new_request(
        cast: Any, api_client_for: Callable[[Any], Client], settings: Any) -> None:
    settings.PORRAS_IDEMPOTENCY_HOURS = 24
    client = api_client_for(cast.clinician_a)
    case = make_case(cast.clinician_a)
    post_measurement(client, case.episode.pk, "k")
    age_every_answer(25)
    again = post_measurement(client, case.episode.pk, "k")
    assert again.status_code == 201 and not again.has_header("Idempotent-Replayed")
    assert Measurement.objects.filter(episode=case.episode).count() == 2
    assert IdempotencyRecord.objects.count() == 1  # the old answer went, the new one is kept


def test_purge_deletes_only_expired_answers_and_says_so(
        cast: Any, api_client_for: Callable[[Any], Client], settings: Any, capsys: Any) -> None:
    settings.PORRAS_IDEMPOTENCY_HOURS = 24
    client = api_client_for(cast.clinician_a)
    case = make_case(cast.clinician_a)
    post_measurement(client, case.episode.pk, "old")
    age_every_answer(30)
    post_measurement(client, case.episode.pk, "new")
    call_command("purge")
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["new"]
    assert "purged 1 expired idempotency answer(s)" in capsys.readouterr().out
    entry = AuditEntry.objects.filter(action="idempotency.purge").get()
    assert entry.detail == {"deleted": 1}


def test_purge_runs_every_apps_retention(db: Any, capsys: Any) -> None:
    call_command("purge")
    out = capsys.readouterr().out
    for line in ("expired self-assessment(s)", "expired idempotency answer(s)",
                 "expired programme progress row(s) and client sign-in(s)"):
        assert line in out
