"""An appointment entered in error is voided, or corrected in place, with a reason kept in the history.
The episode's assessment and first treatment dates that the appointment gave follow: they go with a
voided appointment (the earliest remaining attended one takes its place) and move with a corrected one."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from porras.care import services
from porras.care.models import Appointment, Correction, Episode
from porras.care.tests.helpers import make_case
from porras.lib.errors import InputError

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _day(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


@pytest.fixture
def treated(cast):
    case = make_case(cast.clinician_a)  # referred 30 days ago
    e = case.episode.pk
    assessment = services.add_appointment(cast.clinician_a, e, _day(20), "assessment", "attended")
    first = services.add_appointment(cast.clinician_a, e, _day(10), "treatment", "attended")
    second = services.add_appointment(cast.clinician_a, e, _day(3), "treatment", "attended")
    return case, assessment, first, second


def test_voiding_the_first_treatment_moves_the_first_treatment_date(cast, treated) -> None:
    case, _assessment, first, _second = treated
    services.void_appointment(cast.clinician_a, first.pk, "was a phone call with a relative")
    episode = Episode.objects.get(pk=case.episode.pk)
    assert episode.first_treatment_date == _day(3)
    assert Correction.objects.get().changes == {"first_treatment_date": [_day(10).isoformat(), _day(3).isoformat()]}


def test_voiding_every_treatment_appointment_returns_the_episode_to_assessment(cast, treated) -> None:
    case, _assessment, first, second = treated
    services.void_appointment(cast.clinician_a, second.pk, "duplicate")
    services.void_appointment(cast.clinician_a, first.pk, "duplicate")
    episode = Episode.objects.get(pk=case.episode.pk)
    assert (episode.first_treatment_date, episode.phase) == (None, "assessment")


def test_the_assessment_that_treatment_rests_on_is_corrected_not_voided(cast, treated) -> None:
    case, assessment, _first, _second = treated
    with pytest.raises(InputError) as refused:
        services.void_appointment(cast.clinician_a, assessment.pk, "wrong day")
    assert refused.value.fields == ["appointment"]
    assert not Appointment.objects.get(pk=assessment.pk).voided
    services.correct_appointment(cast.clinician_a, assessment.pk, "wrong day", date=_day(22))
    assert Episode.objects.get(pk=case.episode.pk).assessment_date == _day(22)


def test_a_correction_keeps_the_values_before(cast, treated) -> None:
    case, _assessment, _first, second = treated
    services.correct_appointment(cast.clinician_a, second.pk, "the client did not come", status="did_not_attend")
    stored = Appointment.objects.get(pk=second.pk)
    assert stored.status == "did_not_attend" and not stored.voided
    assert Correction.objects.get().changes == {"status": ["attended", "did_not_attend"]}


def test_a_correction_is_checked_like_a_new_appointment(cast, treated) -> None:
    _case, _assessment, _first, second = treated
    with pytest.raises(InputError) as refused:
        services.correct_appointment(cast.clinician_a, second.pk, "x", date=_day(40))  # before the referral
    assert refused.value.fields == ["date"]
    assert Appointment.objects.get(pk=second.pk).date == _day(3)


def test_a_voided_appointment_is_not_the_next_appointment(cast) -> None:
    case = make_case(cast.clinician_a)
    booked = services.add_appointment(cast.clinician_a, case.episode.pk, TODAY + dt.timedelta(days=2), "assessment",
                                      "booked")
    assert services.worklist(cast.clinician_a).rows[0].next_appointment == booked.date
    services.void_appointment(cast.clinician_a, booked.pk, "booked for the wrong client")
    assert services.worklist(cast.clinician_a).rows[0].next_appointment is None


def test_the_api_voids_and_corrects(cast, api_client_for, treated) -> None:
    _case, _assessment, first, second = treated
    api = api_client_for(cast.clinician_a)
    voided = api.post(f"/api/v1/appointments/{first.pk}/void", json.dumps({"reason": "duplicate"}),
                      content_type="application/json")
    assert voided.status_code == 200 and voided.json()["voided"]["reason"] == "duplicate"
    corrected = api.post(f"/api/v1/appointments/{second.pk}/correct", json.dumps(
        {"reason": "wrong day", "date": _day(4).isoformat()}), content_type="application/json")
    assert corrected.status_code == 200 and corrected.json()["date"] == _day(4).isoformat()
    refused = api_client_for(cast.clinician_b).post(f"/api/v1/appointments/{second.pk}/void",
                                                    json.dumps({"reason": "x"}), content_type="application/json")
    assert refused.status_code == 404
