"""A professional who opened a resident's saved self-assessment starts a referral from it, as
self-referral portals feed IAPTus: the episode's referral source is the navigator, with its
recommendation; the PHQ-9 and GAD-7 answers become the baseline measurements on the day they were
saved, through the one writer (channel "navigator"); risk answers raise flags - a plan to end one's
life too. The code travels in a posted form or a request body, never in a URL."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from porras.accounts.models import AuditEntry
from porras.care import services
from porras.care.models import Client, Episode, Measurement, RiskFlag
from porras.care.tests.helpers import HETU
from porras.instruments.models import InstrumentResponse
from porras.lib.errors import NotFound
from porras.navigator import services as navigator

pytestmark = pytest.mark.django_db
PHQ9 = [2, 2, 1, 2, 1, 2, 1, 1, 1, 1]  # item 9 answered 1: a risk answer
GAD7 = [2, 1, 2, 1, 1, 2, 1]
SAVED = timezone.now() - dt.timedelta(days=3)


def _saved(**extra) -> str:
    answers = {"age": 34, "county": "helsinki", "language": "sv", "concerns": ["depression", "anxiety"],
               "responses": {"phq9": PHQ9, "gad7": GAD7}, **extra}
    return navigator.save_assessment(answers, now=SAVED).code


def _client() -> services.ClientInput:
    return services.ClientInput("hetu", HETU, county="helsinki", unit="unit-a", language="sv")


def test_the_answers_become_the_baseline_on_the_day_they_were_saved(cast) -> None:
    code = _saved()
    episode = services.referral_from_assessment(cast.clinician_a, code, _client(), timezone.localdate(),
                                                ["depression"])
    assert episode.referral_source == "navigator"
    assert episode.navigator_recommendation["urgency"] == "same_day"
    assert episode.navigator_ruleset_id == "porras-default"
    baseline = {m.instrument: m for m in Measurement.objects.filter(episode=episode)}
    assert {k: (m.total, m.date, m.source) for k, m in baseline.items()} == {
        "phq9": (13.0, timezone.localtime(SAVED).date(), "navigator"),
        "gad7": (10.0, timezone.localtime(SAVED).date(), "navigator")}
    assert set(InstrumentResponse.objects.values_list("channel", flat=True)) == {"navigator"}
    assert baseline["phq9"].answers == PHQ9


def test_a_risk_answer_raises_a_flag(cast) -> None:
    episode = services.referral_from_assessment(cast.clinician_a, _saved(), _client(), timezone.localdate())
    flag = RiskFlag.objects.get(episode=episode)
    assert (flag.instrument, flag.item, flag.open) == ("phq9", "9", True)


def test_a_plan_to_end_ones_life_raises_a_flag_of_its_own(cast) -> None:
    code = _saved(risk={"plan_to_end_life": True})
    episode = services.referral_from_assessment(cast.clinician_a, code, _client(), timezone.localdate())
    plan = RiskFlag.objects.get(episode=episode, instrument="navigator")
    assert (plan.item, plan.measurement, plan.answered, plan.open) == (
        "plan_to_end_life", None, timezone.localtime(SAVED).date(), True)


def test_an_unknown_code_writes_nothing(cast) -> None:
    with pytest.raises(NotFound):
        services.referral_from_assessment(cast.clinician_a, "ZZZZ-ZZZZ-ZZZZ", _client(), timezone.localdate())
    assert (Client.objects.count(), Episode.objects.count()) == (0, 0)


def test_the_referral_is_audited_naming_the_self_assessment(cast) -> None:
    episode = services.referral_from_assessment(cast.clinician_a, _saved(), _client(), timezone.localdate())
    entry = AuditEntry.objects.get(action="episode.from_assessment")
    assert entry.object_id == str(episode.pk)
    assert len(entry.detail["measurements"]) == 2 and entry.detail["plan_to_end_life"] is False
    assert AuditEntry.objects.filter(action="navigator.assessment.open", outcome="ok").exists()


def test_the_api_starts_the_referral_with_the_code_in_the_body(cast, api_client_for) -> None:
    answer = api_client_for(cast.clinician_a).post("/api/v1/episodes/from-assessment", json.dumps({
        "code": _saved(), "referral_date": timezone.localdate().isoformat(), "concerns": ["anxiety"],
        "client": {"identifier": {"system": "local", "value": "MRN-42"}, "birth_year": 1990, "sex": "female",
                   "county": "helsinki", "unit": "unit-a"}}), content_type="application/json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["referral_source"] == "navigator"
    assert Measurement.objects.filter(episode_id=answer.json()["id"]).count() == 2


def test_the_opened_self_assessment_offers_the_referral_in_a_posted_form(cast, client) -> None:
    code = _saved()
    client.force_login(cast.clinician_a)
    opened = client.post("/navigator/open/", {"code": code}).content.decode()
    form = opened[opened.index('action="/care/referrals/from-self-assessment/"') - 40:]
    assert 'method="post"' in form[:200] and f'value="{code}"' in form
    start = client.post("/care/referrals/from-self-assessment/", {"code": code, "stage": "start"})
    page = start.content.decode()
    assert start.status_code == 200 and 'name="identifier_value"' in page
    assert f'value="{code}"' in page and 'value="sv" selected' in page  # filled from the self-assessment
    done = client.post("/care/referrals/from-self-assessment/", {
        "code": code, "stage": "submit", "identifier_system": "hetu", "identifier_value": HETU,
        "county": "helsinki", "language": "sv", "unit": "unit-a",
        "referral_date": timezone.localdate().isoformat(), "concerns": ["depression"]})
    assert done.status_code == 302, done.content.decode()[:2000]
    assert Measurement.objects.filter(source="navigator").count() == 2


def test_the_referral_page_takes_no_get(cast, client) -> None:
    client.force_login(cast.clinician_a)
    assert client.get("/care/referrals/from-self-assessment/").status_code == 405


def test_only_those_who_write_client_data_are_offered_the_referral(cast, client) -> None:
    code = _saved()
    client.force_login(cast.manager_a)
    assert b"/care/referrals/from-self-assessment/" in client.post("/navigator/open/", {"code": code}).content
