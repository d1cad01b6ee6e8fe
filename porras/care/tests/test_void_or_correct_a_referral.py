"""A whole referral entered in error is voided with a reason - its appointments and measurements with
it - or its date, source and concerns are corrected; the history keeps who, when and why. A voided
episode takes nothing more; one with an open risk flag or a follow-up not done is not voided."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from porras.care import services
from porras.care.models import Appointment, Correction, Episode, Measurement
from porras.care.tests.helpers import PHQ9_NO_RISK, PHQ9_WITH_RISK, make_case
from porras.lib.errors import Conflict, InputError

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _fresh(episode: Episode) -> Episode:
    return Episode.objects.get(pk=episode.pk)


def test_voiding_a_referral_voids_its_appointments_and_measurements(cast) -> None:
    case = make_case(cast.clinician_a)
    e = case.episode.pk
    services.add_appointment(cast.clinician_a, e, TODAY - dt.timedelta(days=5), "assessment", "attended")
    services.record_measurement(cast.clinician_a, e, "phq9", TODAY, PHQ9_NO_RISK)
    services.void_episode(cast.clinician_a, e, _fresh(case.episode).version, "registered for the wrong client")
    assert _fresh(case.episode).void_reason == "registered for the wrong client"
    assert not Appointment.objects.filter(episode_id=e, voided_at__isnull=True).exists()
    assert not Measurement.objects.filter(episode_id=e, voided_at__isnull=True).exists()
    history = Correction.objects.get()
    assert (history.record_type, history.action, len(history.changes["measurements"])) == ("episode", "void", 1)


def test_a_voided_episode_takes_nothing_more(cast) -> None:
    case = make_case(cast.clinician_a)
    services.void_episode(cast.clinician_a, case.episode.pk, case.episode.version, "duplicate")
    with pytest.raises(services.EpisodeVoided):
        services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", TODAY, PHQ9_NO_RISK)
    with pytest.raises(services.EpisodeVoided):
        services.add_appointment(cast.clinician_a, case.episode.pk, TODAY, "assessment", "attended")
    with pytest.raises(services.EpisodeVoided):
        services.void_episode(cast.clinician_a, case.episode.pk, _fresh(case.episode).version, "again")


def test_an_open_risk_flag_or_follow_up_keeps_the_referral(cast) -> None:
    case = make_case(cast.clinician_a)
    e = case.episode.pk
    flag = services.record_measurement(cast.clinician_a, e, "phq9", TODAY, PHQ9_WITH_RISK).risk_flags.get()
    with pytest.raises(InputError) as refused:
        services.void_episode(cast.clinician_a, e, _fresh(case.episode).version, "wrong client")
    assert refused.value.fields == ["risk_flags"]
    services.acknowledge_risk_flag(cast.clinician_a, flag.pk, "called; safe")
    followup = services.record_self_harm_contact(cast.clinician_a, e, "self_harm", TODAY)
    with pytest.raises(InputError) as refused_again:
        services.void_episode(cast.clinician_a, e, _fresh(case.episode).version, "wrong client")
    assert refused_again.value.fields == ["followups"]
    services.complete_followup(cast.clinician_a, followup.pk, "reached")
    services.void_episode(cast.clinician_a, e, _fresh(case.episode).version, "wrong client")
    assert _fresh(case.episode).voided


def test_a_stale_version_is_refused(cast) -> None:
    case = make_case(cast.clinician_a)
    with pytest.raises(Conflict):
        services.void_episode(cast.clinician_a, case.episode.pk, case.episode.version + 1, "x")


def test_correcting_the_referral_keeps_the_values_before(cast) -> None:
    case = make_case(cast.clinician_a)
    new_date = case.episode.referral_date - dt.timedelta(days=3)
    services.correct_referral(cast.clinician_a, case.episode.pk, case.episode.version, "the referral came earlier",
                              {"referral_date": new_date, "referral_source": "self", "concerns": ["anxiety"]})
    episode = _fresh(case.episode)
    assert (episode.referral_date, episode.referral_source, episode.problem) == (new_date, "self", "anxiety")
    assert Correction.objects.get().changes == {
        "referral_date": [case.episode.referral_date.isoformat(), new_date.isoformat()],
        "referral_source": ["primary_care", "self"], "concerns": [["depression"], ["anxiety"]]}


def test_the_referral_date_stays_before_its_measurements(cast) -> None:
    case = make_case(cast.clinician_a)
    services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", TODAY - dt.timedelta(days=10),
                                PHQ9_NO_RISK)
    with pytest.raises(InputError) as refused:
        services.correct_referral(cast.clinician_a, case.episode.pk, case.episode.version, "x",
                                  {"referral_date": TODAY - dt.timedelta(days=5)})
    assert refused.value.fields == ["referral_date"]


def test_the_api_voids_the_referral_and_shows_it_voided(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    api = api_client_for(cast.clinician_a)
    answer = api.post(f"/api/v1/episodes/{case.episode.pk}/void", json.dumps(
        {"version": case.episode.version, "reason": "duplicate referral"}), content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["voided"]["reason"] == "duplicate referral"
    refused = api.post(f"/api/v1/episodes/{case.episode.pk}/measurements", json.dumps(
        {"instrument": "phq9", "date": TODAY.isoformat(), "answers": PHQ9_NO_RISK}), content_type="application/json")
    assert refused.status_code == 409
    assert api.get("/api/v1/episodes", {"open": "true"}).json() == []


def test_the_web_pages_void_and_correct_the_referral(cast, client) -> None:
    case = make_case(cast.clinician_a)
    client.force_login(cast.clinician_a)
    corrected = client.post(f"/care/episodes/{case.episode.pk}/correct/", {
        "version": case.episode.version, "referral_date": case.episode.referral_date.isoformat(),
        "referral_source": "self", "concerns": ["depression"], "reason": "a self-referral"})
    assert corrected.status_code == 302, corrected.content.decode()[:2000]
    voided = client.post(f"/care/episodes/{case.episode.pk}/void/", {
        "version": _fresh(case.episode).version, "reason": "wrong client"})
    assert voided.status_code == 302 and voided["Location"] == f"/care/clients/{case.client.pk}/"
    page = client.get(f"/care/episodes/{case.episode.pk}/").content.decode()
    assert "wrong client" in page and f'href="/care/episodes/{case.episode.pk}/assessment/"' not in page
