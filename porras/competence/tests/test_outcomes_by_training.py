"""Outcomes by whether the treating professional was trained in the method: the reports' definitions,
published through the disclosure rule (docs/product.md §6 J)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from porras.competence import services
from porras.competence.outcomes import outcomes_by_training
from porras.competence.tests.helpers import START, finished_episode, record
from porras.lib.disclosure import Policy

pytestmark = pytest.mark.django_db

@pytest.fixture
def two_episodes(cast: Any) -> Any:
    # clinician_a completed the training before treating; colleague_a has no training record.
    services.save_record(cast.clinician_a, record(completed_on=START - dt.timedelta(days=1)))
    finished_episode(cast.clinician_a, "TRAINED-1", recovered=True)
    finished_episode(cast.colleague_a, "UNTRAINED-1", recovered=False)
    return cast


def _row(rows: list[Any], code: str) -> Any:
    return next(r for r in rows if r.card.code == code)


def test_the_trained_professionals_episode_is_counted_apart_from_the_untrained(two_episodes: Any) -> None:
    # Worked by hand: each side 1 finished, at caseness at the start; the trained one recovered.
    rows = outcomes_by_training(two_episodes.national_analyst, ["helsinki"], Policy(minimum=0, base=1))
    cbt = _row(rows, "cbt_short_individual")
    assert (cbt.trained["finished"], cbt.trained["recovered"], cbt.trained["recovery_rate"]) == (1, 1, 1.0)
    assert (cbt.untrained["finished"], cbt.untrained["recovered"], cbt.untrained["recovery_rate"]) == (1, 0, 0.0)
    assert _row(rows, "ipc").trained is None  # no episodes


def test_training_completed_after_treatment_began_does_not_count(cast: Any) -> None:
    services.save_record(cast.clinician_a, record(completed_on=dt.date.today() - dt.timedelta(days=1)))
    finished_episode(cast.clinician_a, "LATE-1", recovered=True)
    cbt = _row(outcomes_by_training(cast.national_analyst, ["helsinki"], Policy(minimum=0, base=1)),
               "cbt_short_individual")
    assert cbt.trained is None and cbt.untrained["finished"] == 1


def test_small_counts_are_withheld_under_the_configured_rule(two_episodes: Any) -> None:
    cbt = _row(outcomes_by_training(two_episodes.national_analyst, ["helsinki"]), "cbt_short_individual")
    assert cbt.trained is None and cbt.untrained is None


def test_another_countys_reader_sees_none_of_them(two_episodes: Any) -> None:
    rows = outcomes_by_training(two_episodes.county_manager_b, ["helsinki"], Policy(minimum=0, base=1))
    assert all(r.trained is None and r.untrained is None for r in rows)
