"""Saving a self-assessment under a random code, opening it as a professional, and purging."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from porras.accounts.models import AuditEntry
from porras.navigator import services
from porras.navigator.models import SavedAssessment

from .conftest import person, phq9

CODE = re.compile(r"^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")




@pytest.fixture
def professional(cast):
    return cast.clinician_a


@pytest.fixture
def analyst(cast):
    return cast.national_analyst


def _save(client, data):
    return client.post("/api/v1/navigator/assessments", data=data, content_type="application/json")


def test_it_saves_under_a_twelve_character_code_from_an_unambiguous_alphabet(client, db):
    response = _save(client, person(scores={"phq9": phq9("mild", item9=1)}))
    assert response.status_code == 201
    body = response.json()
    assert CODE.match(body["code"])
    saved = SavedAssessment.objects.get()
    assert saved.urgency == "same_day"
    assert (saved.ruleset_id, saved.ruleset_version) == ("porras-default", "2026.4")


def test_it_keeps_the_code_valid_for_thirty_days(db):
    now = timezone.now()
    saved = services.save_assessment(person(), now=now)
    assert saved.expires_at == now + timedelta(days=30)


def test_it_stores_only_a_hash_of_the_code_and_no_address(client, db):
    code = _save(client, person()).json()["code"]
    row = SavedAssessment.objects.values().get()
    assert services.normalise_code(code) not in str(row)
    assert not any("ip" in key or "addr" in key for key in row)


def test_it_refuses_to_save_bad_input_and_names_the_field(client, db):
    response = _save(client, {"age": "old"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "age"
    assert not SavedAssessment.objects.exists()


def test_a_professional_opens_the_answers_and_recommendation_by_code(client, professional):
    data = person(scores={"phq9": phq9("moderate")})
    code = _save(client, data).json()["code"]
    client.force_login(professional)
    response = client.post("/api/v1/navigator/assessments/open", {"code": code.lower().replace('-', ' ')}, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["answers"] == data
    assert body["result"]["step"] == 2


def test_opening_a_code_is_audited(client, professional):
    code = _save(client, person()).json()["code"]
    client.force_login(professional)
    client.post("/api/v1/navigator/assessments/open", {"code": code}, content_type="application/json")
    entry = AuditEntry.objects.filter(action="navigator.assessment.open").get()
    assert entry.username == "clinician_a"
    assert entry.outcome == "ok"
    assert entry.object_id == str(SavedAssessment.objects.get().pk)


def test_an_unknown_code_is_404_and_audited_as_failed(client, professional):
    client.force_login(professional)
    response = client.post("/api/v1/navigator/assessments/open", {"code": "ABCD-EFGH-JKMN"}, content_type="application/json")
    assert response.status_code == 404
    assert AuditEntry.objects.filter(action="navigator.assessment.open", outcome="failed").count() == 1


def test_an_expired_code_cannot_be_opened(client, professional):
    saved = services.save_assessment(person(), now=timezone.now() - timedelta(days=31))
    client.force_login(professional)
    assert client.post("/api/v1/navigator/assessments/open", {"code": saved.code}, content_type="application/json").status_code == 404


def test_look_ups_are_rate_limited_after_ten_failures(client, professional):
    client.force_login(professional)
    for _ in range(10):
        assert client.post("/api/v1/navigator/assessments/open", {"code": "ABCD-EFGH-JKMN"}, content_type="application/json").status_code == 404
    code = _save(client, person()).json()["code"]
    assert client.post("/api/v1/navigator/assessments/open", {"code": code}, content_type="application/json").status_code == 429


def test_an_analyst_may_not_open_a_code(client, analyst):
    code = _save(client, person()).json()["code"]
    client.force_login(analyst)
    assert client.post("/api/v1/navigator/assessments/open", {"code": code}, content_type="application/json").status_code == 403
    assert AuditEntry.objects.filter(action="navigator.assessment.open", outcome="denied").exists()


def test_an_anonymous_visitor_may_not_open_a_code(client, db):
    code = _save(client, person()).json()["code"]
    assert client.post("/api/v1/navigator/assessments/open", {"code": code}, content_type="application/json").status_code == 401


def test_purge_deletes_only_expired_assessments(db, capsys):
    old = services.save_assessment(person(), now=timezone.now() - timedelta(days=30, seconds=1))
    fresh = services.save_assessment(person(), now=timezone.now() - timedelta(days=29))
    call_command("purge")
    assert "purged 1 expired self-assessment(s)" in capsys.readouterr().out
    remaining = SavedAssessment.objects.get()
    assert remaining.expires_at == fresh.expires_at
    assert old.expires_at < timezone.now()
