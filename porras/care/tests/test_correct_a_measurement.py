"""A measurement entered wrong is corrected: the corrected answers are scored and stored through the
one writer as a new measurement that names the one it corrects; the old one is voided with the
reason; risk answers of the correction raise flags; the history says what changed."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from porras.care import services
from porras.care.models import Correction, Measurement
from porras.care.tests.helpers import PHQ9_NO_RISK, PHQ9_WITH_RISK, make_case
from porras.instruments.models import InstrumentResponse
from porras.lib.errors import InputError

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def test_a_correction_replaces_the_measurement_and_keeps_both(cast) -> None:
    case = make_case(cast.clinician_a)
    old = services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", TODAY, PHQ9_NO_RISK)
    new = services.correct_measurement(cast.clinician_a, old.pk, "item 1 ticked wrong", answers=[3] + PHQ9_NO_RISK[1:],
                                       date=TODAY - dt.timedelta(days=1))
    assert (new.total, new.date, new.corrects_id) == (10.0, TODAY - dt.timedelta(days=1), old.pk)
    assert Measurement.objects.get(pk=old.pk).void_reason == "item 1 ticked wrong"
    assert InstrumentResponse.objects.count() == 2  # the answers are never rewritten
    history = Correction.objects.get()
    assert history.action == "correct" and history.changes["total"] == [8.0, 10.0]
    assert history.changes["replaced_by"] == new.pk
    assert history.changes["date"] == [TODAY.isoformat(), (TODAY - dt.timedelta(days=1)).isoformat()]


def test_a_risk_answer_in_the_correction_raises_a_flag(cast) -> None:
    case = make_case(cast.clinician_a)
    old = services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", TODAY, PHQ9_NO_RISK)
    new = services.correct_measurement(cast.clinician_a, old.pk, "item 9 was answered 1", answers=PHQ9_WITH_RISK)
    assert new.risk_flags.get().open


def test_nothing_to_correct_is_refused(cast) -> None:
    case = make_case(cast.clinician_a)
    old = services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", TODAY, PHQ9_NO_RISK)
    with pytest.raises(InputError):
        services.correct_measurement(cast.clinician_a, old.pk, "no change", answers=PHQ9_NO_RISK)
    assert Measurement.objects.count() == 1 and not Measurement.objects.get().voided


def test_an_unscorable_correction_writes_nothing(cast) -> None:
    case = make_case(cast.clinician_a)
    old = services.record_measurement(cast.clinician_a, case.episode.pk, "phq9", TODAY, PHQ9_NO_RISK)
    with pytest.raises(InputError):
        services.correct_measurement(cast.clinician_a, old.pk, "oops", answers=[1] * 8 + [None, 0])
    assert Measurement.objects.count() == 1 and not Measurement.objects.get().voided
    assert Correction.objects.count() == 0


def test_the_api_answers_the_new_measurement(cast, api_client_for) -> None:
    case = make_case(cast.clinician_a)
    old = services.record_measurement(cast.clinician_a, case.episode.pk, "gad7", TODAY, [1] * 7)
    answer = api_client_for(cast.clinician_a).post(f"/api/v1/measurements/{old.pk}/correct", json.dumps(
        {"reason": "wrong day", "date": (TODAY - dt.timedelta(days=2)).isoformat()}), content_type="application/json")
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["corrects"], body["date"], body["score"]["total"]) == (
        old.pk, (TODAY - dt.timedelta(days=2)).isoformat(), 7)


def test_the_web_form_corrects_the_answers(cast, client) -> None:
    case = make_case(cast.clinician_a)
    old = services.record_measurement(cast.clinician_a, case.episode.pk, "gad7", TODAY, [1] * 7, source="ui")
    client.force_login(cast.clinician_a)
    form = client.get(f"/care/measurements/{old.pk}/correct/")
    assert form.status_code == 200 and b'name="reason"' in form.content
    posted = client.post(f"/care/measurements/{old.pk}/correct/", {
        "instrument": "gad7", "date": TODAY.isoformat(), "reason": "item 7 ticked wrong",
        **{f"item_{i}": "1" for i in range(1, 7)}, "item_7": "3"})
    assert posted.status_code == 302, posted.content.decode()[:3000]
    assert Measurement.objects.get(corrects=old).total == 9.0
