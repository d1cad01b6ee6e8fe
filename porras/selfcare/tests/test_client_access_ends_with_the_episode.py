"""An ended episode revokes its clients' codes and sign-ins; the client reaches only their own
programme; codes that do not match are limited per address."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from porras.care import services as care
from porras.selfcare import services
from porras.selfcare.models import AccessCode, Assignment, ClientSession
from porras.selfcare.tests.helpers import HETU_2000, assign, client_for, make_case, post

pytestmark = pytest.mark.django_db


def test_ending_the_episode_revokes_codes_and_sign_ins(cast: Any, api_client_for: Any) -> None:
    case = make_case(cast.clinician_a)
    done = assign(api_client_for(cast.clinician_a), case.episode.pk)
    me = client_for(done["code"])
    case.episode.refresh_from_db()
    care.update_episode(cast.clinician_a, case.episode.pk, case.episode.version,
                        {"end_date": timezone.localdate(), "end_reason": "completed"})
    assert me.get("/api/v1/me/programme").status_code == 401
    assert post(Client(), "/api/v1/client-access", {"code": done["code"]}).status_code == 404
    assert Assignment.objects.get().ended_at is not None
    assert not AccessCode.objects.filter(revoked_at__isnull=True).exists()
    assert not ClientSession.objects.filter(revoked_at__isnull=True).exists()


def test_a_client_sees_only_their_own_messages(cast: Any, api_client_for: Any) -> None:
    therapist = api_client_for(cast.clinician_a)
    first = make_case(cast.clinician_a)
    second = make_case(cast.clinician_a, hetu=HETU_2000)
    me_first = client_for(assign(therapist, first.episode.pk)["code"])
    me_second = client_for(assign(therapist, second.episode.pk)["code"])
    post(me_first, "/api/v1/me/messages", {"body": "first client's message"})
    assert me_second.get("/api/v1/me/messages").json() == []


def test_codes_that_do_not_match_are_limited_per_address(cast: Any) -> None:
    for _ in range(services.EXCHANGE_LIMIT):
        assert post(Client(), "/api/v1/client-access", {"code": "ZZZZ-ZZZZ-ZZZZ"}).status_code == 404
    refused = post(Client(), "/api/v1/client-access", {"code": "ZZZZ-ZZZZ-ZZZZ"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
