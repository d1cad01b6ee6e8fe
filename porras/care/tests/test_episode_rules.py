"""The episode's phases and rules, without a database."""

from __future__ import annotations

import datetime as dt

import pytest

from porras.care.domain.episodes import (
    EpisodeDates,
    EpisodeRuleError,
    Phase,
    check_dates,
    check_transition,
    followup_due,
    interventions,
    is_overdue,
    measure_due,
    phase_of,
    step_direction,
)

D = dt.date(2026, 3, 2)


def test_the_phase_follows_the_dates_from_referral_to_end() -> None:
    assert phase_of(EpisodeDates(D)) is Phase.REFERRAL
    assert phase_of(EpisodeDates(D, D)) is Phase.ASSESSMENT
    assert phase_of(EpisodeDates(D, D, D)) is Phase.TREATMENT
    assert phase_of(EpisodeDates(D, D, D, D, "completed")) is Phase.ENDED


def test_an_episode_may_end_from_referral_when_declined() -> None:
    check_dates(EpisodeDates(D, end_date=D, end_reason="declined"))


@pytest.mark.parametrize("reason", ["completed", "dropped_out", "referred_on", "declined", "other"])
def test_every_end_reason_of_the_spec_is_accepted(reason: str) -> None:
    check_dates(EpisodeDates(D, D, None, D, reason))


def test_an_end_needs_a_known_reason() -> None:
    with pytest.raises(EpisodeRuleError) as caught:
        check_dates(EpisodeDates(D, end_date=D))
    assert caught.value.field == "end_reason"
    with pytest.raises(EpisodeRuleError):
        check_dates(EpisodeDates(D, end_date=D, end_reason="cured"))


def test_dates_before_the_referral_are_refused() -> None:
    with pytest.raises(EpisodeRuleError) as caught:
        check_dates(EpisodeDates(D, D - dt.timedelta(days=1)))
    assert caught.value.field == "assessment_date"


def test_treatment_needs_an_assessment_first() -> None:
    with pytest.raises(EpisodeRuleError) as caught:
        check_dates(EpisodeDates(D, None, D))
    assert caught.value.field == "assessment_date"


def test_an_ended_episode_cannot_be_reopened() -> None:
    ended = EpisodeDates(D, D, None, D, "completed")
    with pytest.raises(EpisodeRuleError) as caught:
        check_transition(ended, EpisodeDates(D, D))
    assert caught.value.field == "end_date"


def test_steps_go_up_and_down_between_zero_and_four() -> None:
    assert step_direction(None, 2) == "initial"
    assert step_direction(2, 3) == "up"
    assert step_direction(3, 1) == "down"
    with pytest.raises(EpisodeRuleError):
        step_direction(2, 5)
    with pytest.raises(EpisodeRuleError):
        step_direction(2, 2)


def test_the_sourced_procedure_codes_are_those_of_the_method_cards() -> None:
    found = interventions()
    assert found["guided_self_care"].procedure_code == "IHZ19"
    assert found["cbt_short_individual"].procedure_code == "IDY03"
    assert found["cbt_short_group"].procedure_code == "IDR17"
    assert found["ipc"].procedure_code is None  # no sourced code: left empty


def test_a_follow_up_is_overdue_the_day_after_it_was_due_unless_done() -> None:
    due = followup_due(D, 7)
    assert due == dt.date(2026, 3, 9)
    assert not is_overdue(due, False, dt.date(2026, 3, 9))
    assert is_overdue(due, False, dt.date(2026, 3, 10))
    assert not is_overdue(due, True, dt.date(2026, 3, 10))


def test_a_measure_is_due_after_an_attended_session_without_one() -> None:
    assert measure_due(Phase.TREATMENT, D, None)
    assert measure_due(Phase.TREATMENT, D, D - dt.timedelta(days=7))
    assert not measure_due(Phase.TREATMENT, D, D)
    assert not measure_due(Phase.ENDED, D, None)
    assert not measure_due(Phase.REFERRAL, None, None)
