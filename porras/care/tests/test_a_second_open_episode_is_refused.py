"""A second open episode of a client in the same unit is refused, naming the open one (the API's 409
carries its id and address; the referral form links to it), or opened only with an explicit reason,
which the episode and the audit keep. Ended and voided episodes do not count; another unit is another
matter."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import IntegrityError, transaction

from porras.accounts.models import AuditEntry
from porras.care import services
from porras.care.models import Episode
from porras.care.tests.helpers import HETU, make_case

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def test_the_api_refuses_a_second_open_episode_naming_the_open_one(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    answer = api_client_for(cast.clinician_a).post("/api/v1/episodes", json.dumps(
        {"client_id": case.client.pk, "unit": "unit-a", "referral_date": TODAY.isoformat()}),
        content_type="application/json")
    assert answer.status_code == 409
    body = answer.json()
    assert (body["error"], body["open_episode"], body["open_episode_url"]) == (
        "conflict", case.episode.pk, f"/api/v1/episodes/{case.episode.pk}")
    assert Episode.objects.count() == 1
    refusal = AuditEntry.objects.filter(action="episode.create", outcome="failed").latest("seq")
    assert refusal.detail["open_episode"] == case.episode.pk


def test_a_reason_opens_a_second_episode_beside_the_open_one(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    answer = api_client_for(cast.clinician_a).post("/api/v1/episodes", json.dumps(
        {"client_id": case.client.pk, "unit": "unit-a", "referral_date": TODAY.isoformat(),
         "second_episode_reason": "a separate course for alcohol use"}), content_type="application/json")
    assert answer.status_code == 201, answer.content
    second = Episode.objects.get(pk=answer.json()["id"])
    assert (second.opened_beside_id, second.opened_beside_reason) == (case.episode.pk,
                                                                      "a separate course for alcohol use")
    assert answer.json()["opened_beside"] == case.episode.pk
    created = AuditEntry.objects.filter(action="episode.create", object_id=str(second.pk)).get()
    assert created.detail["opened_beside"] == case.episode.pk


def test_ended_and_voided_episodes_do_not_count(cast) -> None:
    case = make_case(cast.clinician_a)
    services.update_episode(cast.clinician_a, case.episode.pk, case.episode.version,
                            {"end_date": TODAY, "end_reason": "completed"})
    again = services.open_episode(cast.clinician_a, case.client.pk, "unit-a", TODAY)
    services.void_episode(cast.clinician_a, again.pk, again.version, "opened by mistake")
    third = services.open_episode(cast.clinician_a, case.client.pk, "unit-a", TODAY)
    assert third.opened_beside_id is None


def test_another_unit_opens_its_own_episode(cast) -> None:
    from porras.accounts import services as accounts

    case = make_case(cast.clinician_a)
    user_a2 = accounts.create_user("clinician_a2", "professional", unit_code="unit-a2", password="x" * 12)
    episode = services.register_referral(user_a2, services.ClientInput("hetu", HETU, county="helsinki",
                                                                       unit="unit-a2"), TODAY)
    assert episode.client_id == case.client.pk and episode.opened_beside_id is None


def test_the_database_keeps_one_first_open_episode_per_client_and_unit(cast) -> None:
    case = make_case(cast.clinician_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Episode.objects.create(client=case.client, unit=case.episode.unit, referral_date=TODAY)


def test_the_referral_form_links_to_the_open_episode_and_asks_for_a_reason(cast, client) -> None:
    case = make_case(cast.clinician_a)
    client.force_login(cast.clinician_a)
    form = {"identifier_system": "hetu", "identifier_value": HETU, "county": "helsinki", "language": "fi",
            "unit": "unit-a", "referral_date": TODAY.isoformat(), "referral_source": "self"}
    refused = client.post("/care/referrals/new/", form)
    page = refused.content.decode()
    assert refused.status_code == 200 and f'href="/care/episodes/{case.episode.pk}/"' in page
    assert 'name="second_episode_reason"' in page and Episode.objects.count() == 1
    confirmed = client.post("/care/referrals/new/", {**form, "second_episode_reason": "a second course"})
    assert confirmed.status_code == 302
    assert Episode.objects.get(opened_beside=case.episode).opened_beside_reason == "a second course"


def test_a_retried_referral_gets_its_first_answer_not_a_refusal(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    services.update_episode(cast.clinician_a, case.episode.pk, case.episode.version,
                            {"end_date": TODAY, "end_reason": "completed"})
    api = api_client_for(cast.clinician_a)
    body = json.dumps({"client_id": case.client.pk, "unit": "unit-a", "referral_date": TODAY.isoformat()})
    first = api.post("/api/v1/episodes", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="r-1")
    again = api.post("/api/v1/episodes", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="r-1")
    other = api.post("/api/v1/episodes", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="r-2")
    assert (first.status_code, again.status_code, other.status_code) == (201, 201, 409)
    assert again.json() == first.json()
