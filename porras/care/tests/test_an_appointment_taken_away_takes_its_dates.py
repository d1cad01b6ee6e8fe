"""The domain rule (no database): an appointment taken away (voided, or changed) takes the episode dates it
gave with it - the earliest remaining attended appointment of its kind gives the date instead."""

from __future__ import annotations

import datetime as dt

from porras.care.domain.episodes import AppointmentFact, EpisodeDates, dates_without

D = dt.date(2026, 3, 1)


def _day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


DATES = EpisodeDates(D, assessment_date=_day(5), first_treatment_date=_day(10))
ASSESSMENT = AppointmentFact(_day(5), "assessment", "attended")
FIRST = AppointmentFact(_day(10), "treatment", "attended")
SECOND = AppointmentFact(_day(17), "treatment", "attended")


def test_the_first_treatment_date_goes_to_the_next_attended_treatment() -> None:
    assert dates_without(DATES, FIRST, [ASSESSMENT, SECOND]).first_treatment_date == _day(17)


def test_without_attended_treatment_there_is_no_first_treatment_date() -> None:
    missed = AppointmentFact(_day(17), "treatment", "did_not_attend")
    assert dates_without(DATES, FIRST, [ASSESSMENT, missed]).first_treatment_date is None


def test_the_assessment_date_goes_with_its_appointment() -> None:
    after = dates_without(DATES, ASSESSMENT, [FIRST, SECOND])
    assert (after.assessment_date, after.first_treatment_date) == (None, _day(10))


def test_an_appointment_on_another_day_leaves_the_dates_alone() -> None:
    assert dates_without(DATES, SECOND, [ASSESSMENT, FIRST]) == DATES
    cancelled = AppointmentFact(_day(5), "assessment", "cancelled")
    assert dates_without(DATES, cancelled, [ASSESSMENT, FIRST, SECOND]) == DATES
