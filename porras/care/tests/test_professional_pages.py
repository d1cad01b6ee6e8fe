"""The professional UI end to end through the Django test client: every form, in order."""

from __future__ import annotations

import datetime as dt

import pytest

from porras.care.models import Appointment, Episode, FollowUp, Measurement, SafetyPlan, StepChange
from porras.care.tests.helpers import HETU_2000, PHQ9_WITH_RISK

pytestmark = pytest.mark.django_db


def _items(answers: list[int]) -> dict[str, str]:
    return {f"item_{i}": str(a) for i, a in enumerate(answers, start=1)}


def test_a_clinician_registers_a_referral_and_works_the_episode_through_every_form(cast, client) -> None:
    client.force_login(cast.clinician_a)
    today = dt.date.today()
    assert client.get("/care/").status_code == 200
    response = client.post("/care/referrals/new/", {
        "identifier_system": "hetu", "identifier_value": HETU_2000, "county": "helsinki", "language": "fi",
        "unit": "unit-a", "referral_date": (today - dt.timedelta(days=14)).isoformat(),
        "referral_source": "primary_care", "concerns": ["depression", "anxiety"],
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    episode = Episode.objects.get()
    base = f"/care/episodes/{episode.pk}/"
    assert response["Location"] == base
    assert episode.client.birth_year == 2001

    assert client.post(base + "assessment/", {"version": episode.version, "step": "2",
                                              "assessment_date": (today - dt.timedelta(days=7)).isoformat(),
                                              "intervention": "cbt_short_individual"}).status_code == 302
    episode.refresh_from_db()
    assert (episode.step, episode.intervention) == (2, "cbt_short_individual")

    assert client.post(base + "appointments/new/", {"date": today.isoformat(), "kind": "treatment",
                                                    "status": "attended"}).status_code == 302
    assert client.get(base + "measurements/new/").status_code == 200
    page = client.get(base + "measurements/new/?instrument=phq9").content.decode()
    assert "<legend>9." in page
    assert client.post(base + "measurements/new/", {"instrument": "phq9", "date": today.isoformat(),
                                                    **_items(PHQ9_WITH_RISK)}).status_code == 302
    assert Measurement.objects.get().total == 13

    page = client.get(base).content.decode()
    assert "<svg" in page and 'class="chart-data"' in page and "risk-open" in page

    episode.refresh_from_db()
    assert client.post(base + "step/", {"version": episode.version, "step": "3", "reason": "No reliable change",
                                        "intervention": ""}).status_code == 302
    assert StepChange.objects.filter(direction="up").exists()
    assert client.post(base + "safety-plan/", {"warning_signs": "Sleeplessness"}).status_code == 302
    assert SafetyPlan.objects.get().number == 1
    assert client.post(base + "followups/new/", {"reason": "self_harm",
                                                 "contact_date": today.isoformat()}).status_code == 302
    assert FollowUp.objects.count() == 1
    flag = Measurement.objects.get().risk_flags.get()
    assert client.post(f"/care/risk-flags/{flag.pk}/acknowledge/", {"note": "Assessed"}).status_code == 302
    flag.refresh_from_db()
    assert not flag.open
    episode.refresh_from_db()
    assert client.post(base + "end/", {"version": episode.version, "end_date": today.isoformat(),
                                       "end_reason": "completed"}).status_code == 302
    episode.refresh_from_db()
    assert episode.phase == "ended"
    assert client.get(f"/care/clients/{episode.client_id}/").status_code == 200


def test_an_invalid_identity_code_shows_the_reason_on_the_field(cast, client) -> None:
    client.force_login(cast.clinician_a)
    page = client.post("/care/referrals/new/", {
        "identifier_system": "hetu", "identifier_value": "010101A123M", "county": "helsinki", "language": "fi",
        "unit": "unit-a", "referral_date": dt.date.today().isoformat(), "referral_source": "self",
    }).content.decode()
    assert 'id="id_identifier_value_error"' in page and "tarkistusmerkki ei täsmää" in page  # Finnish by default
    assert not Episode.objects.exists()


def test_a_missing_phq9_answer_is_shown_on_its_item(cast, client) -> None:
    client.force_login(cast.clinician_a)
    client.post("/care/referrals/new/", {
        "identifier_system": "hetu", "identifier_value": HETU_2000, "county": "helsinki", "language": "fi",
        "unit": "unit-a", "referral_date": dt.date.today().isoformat(), "referral_source": "self"})
    episode = Episode.objects.get()
    answers = _items(PHQ9_WITH_RISK)
    del answers["item_4"]
    response = client.post(f"/care/episodes/{episode.pk}/measurements/new/",
                           {"instrument": "phq9", "date": dt.date.today().isoformat(), **answers})
    assert response.status_code == 200
    assert 'id="id_item_4_error"' in response.content.decode()
    assert not Measurement.objects.exists()


def test_a_booked_appointment_is_marked_attended_from_the_episode_page(cast, client) -> None:
    client.force_login(cast.clinician_a)
    client.post("/care/referrals/new/", {
        "identifier_system": "local", "identifier_value": "R-1", "birth_year": "1990", "sex": "male",
        "county": "helsinki", "language": "sv", "unit": "unit-a", "referral_date": dt.date.today().isoformat(),
        "referral_source": "self"})
    episode = Episode.objects.get()
    client.post(f"/care/episodes/{episode.pk}/appointments/new/", {"date": dt.date.today().isoformat(),
                                                                   "kind": "assessment", "status": "booked"})
    appointment = Appointment.objects.get()
    client.post(f"/care/appointments/{appointment.pk}/status/", {"status": "attended"})
    appointment.refresh_from_db()
    episode.refresh_from_db()
    assert appointment.status == "attended"
    assert episode.assessment_date == dt.date.today()


def test_other_units_and_analysts_cannot_open_the_pages(cast, client) -> None:
    client.force_login(cast.clinician_a)
    client.post("/care/referrals/new/", {
        "identifier_system": "hetu", "identifier_value": HETU_2000, "county": "helsinki", "language": "fi",
        "unit": "unit-a", "referral_date": dt.date.today().isoformat(), "referral_source": "self"})
    episode = Episode.objects.get()
    for user, status in ((cast.clinician_b, 404), (cast.national_analyst, 403)):
        client.force_login(user)
        assert client.get(f"/care/episodes/{episode.pk}/").status_code == status
        assert client.get(f"/care/clients/{episode.client_id}/").status_code == status
    client.force_login(cast.national_analyst)
    assert client.get("/care/").status_code == 403
