"""Anonymous saves of self-assessments are limited per address (PORRAS_NAVIGATOR_SAVES_PER_HOUR).

Beyond the limit the API answers 429 with Retry-After, and the web flow shows the result again with a
translated message. The address is counted only as a keyed hash, never stored as such.
"""

from __future__ import annotations

import json

import pytest

from porras.navigator.models import SavedAssessment

from .conftest import person, phq9

LIMIT = 3


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.PORRAS_NAVIGATOR_SAVES_PER_HOUR = LIMIT


def save_api(client, address: str, data=None):
    return client.post("/api/v1/navigator/assessments", data or person(), content_type="application/json",
                       REMOTE_ADDR=address)


def save_web(client, address: str, data=None):
    payload = json.dumps(data or person(scores={"phq9": phq9("mild", item9=1)}))
    return client.post("/navigator/save/", {"payload": payload}, REMOTE_ADDR=address)


def test_the_api_refuses_saves_beyond_the_limit_from_one_address(client, db):
    assert [save_api(client, "10.0.0.1").status_code for _ in range(LIMIT)] == [201] * LIMIT
    refused = save_api(client, "10.0.0.1")
    assert refused.status_code == 429
    assert refused.json()["error"] == "too_many_requests"
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert SavedAssessment.objects.count() == LIMIT


def test_another_address_may_still_save(client, db):
    for _ in range(LIMIT + 1):
        save_api(client, "10.0.0.1")
    assert save_api(client, "10.0.0.2").status_code == 201


def test_the_web_flow_answers_429_with_the_result_and_a_translated_message(client, db):
    client.cookies["porras_language"] = "sv"
    for _ in range(LIMIT):
        assert save_web(client, "10.0.0.1").status_code == 200
    refused = save_web(client, "10.0.0.1")
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "För många svar har sparats från den här anslutningen" in html
    assert 'id="crisis"' in html  # the result, crisis box included, is still there
    assert 'id="saved-code"' not in html


@pytest.mark.parametrize(("language", "message"), [
    ("fi", "Tästä yhteydestä on tallennettu viimeisen tunnin aikana liian monta vastausta."),
    ("en", "Too many answers have been saved from this connection in the last hour."),
])
def test_the_message_is_in_the_residents_language(client, db, language, message):
    client.cookies["porras_language"] = language
    for _ in range(LIMIT):
        save_web(client, "10.0.0.1")
    assert message in save_web(client, "10.0.0.1").content.decode()


def test_the_address_is_not_kept_as_such(client, db):
    from porras.navigator.models import AttemptCounter

    for _ in range(LIMIT + 1):
        save_api(client, "10.0.0.1")
    keys = list(AttemptCounter.objects.values_list("key", flat=True))
    assert keys and not any("10.0.0.1" in key for key in keys)


def test_a_refused_save_counts_nothing_and_writes_nothing(client, db):
    from porras.navigator.models import AttemptCounter

    response = client.post("/api/v1/navigator/assessments", {"age": -5}, content_type="application/json",
                           REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 422
    assert not AttemptCounter.objects.exists()
    assert not SavedAssessment.objects.exists()
