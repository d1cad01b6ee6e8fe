"""Episodes group by their first programme, and the outcome report counts how many programmes were
completed, alike on every engine (hand-made data, expected numbers worked out by hand)."""

from __future__ import annotations

import pytest

from porras.outcomes.tests.helpers import ALL, OUTCOME_ENGINES, DataSet, by_key

BOTH = [("2025-02-01", 15), ("2025-04-01", 5)]


def _data() -> DataSet:
    ds = DataSet()
    ds.add("a", phq=BOTH, gad=BOTH)  # no programme
    ds.add("a", step=1, phq=BOTH, gad=BOTH, programmes=[("low-mood", "2025-02-01", "2025-04-20", 6, 6)])
    ds.add("a", step=1, phq=BOTH, gad=BOTH, programmes=[("low-mood", "2025-02-01", "2025-04-20", 3, 6)])
    # two programmes: counted once, by the one that started first (panic), not by the row order
    ds.add("a", step=1, phq=BOTH, gad=BOTH,
           programmes=[("worry", "2025-03-01", "2025-04-20", 5, 5), ("panic", "2025-02-02", "2025-04-20", 6, 6)])
    ds.add("a", step=1, phq=BOTH, gad=BOTH, programmes=[("sleep", "2025-02-01", None, 5, 5)])  # not ended
    ds.add("a", step=1, end=None, phq=BOTH, gad=BOTH,
           programmes=[("low-mood", "2025-02-01", "2025-03-01", 6, 6)])  # the episode has not finished
    return ds


@pytest.mark.parametrize("engine", sorted(OUTCOME_ENGINES))
def test_each_finished_episode_counts_once_under_its_first_programme(engine):
    report = OUTCOME_ENGINES[engine](_data().tables(), "outcomes", ["programme"], policy=ALL)
    groups = by_key(report, "programme")
    assert set(groups) == {None, "low-mood", "panic", "sleep"}
    assert groups[None]["finished"] == 1 and groups[None]["programme_ended"] == 0
    assert groups["low-mood"]["finished"] == 2
    assert (groups["low-mood"]["programme_ended"], groups["low-mood"]["programme_completed"]) == (2, 1)
    assert groups["low-mood"]["programme_completion_rate"] == 0.5
    assert (groups["panic"]["programme_ended"], groups["panic"]["programme_completed"]) == (1, 1)
    # a programme that goes on has not ended: no rate of a group without an ended programme
    assert groups["sleep"]["programme_ended"] == 0 and groups["sleep"]["programme_completion_rate"] is None


@pytest.mark.parametrize("engine", sorted(OUTCOME_ENGINES))
def test_the_whole_report_gives_the_completion_rate_of_the_ended_programmes(engine):
    report = OUTCOME_ENGINES[engine](_data().tables(), "outcomes", [], policy=ALL)
    (whole,) = report.groups
    assert (whole["finished"], whole["programme_ended"], whole["programme_completed"]) == (5, 3, 2)
    assert whole["programme_completion_rate"] == pytest.approx(2 / 3)


def test_a_data_set_without_programmes_is_one_group_with_no_programme():
    tables = _data().tables()
    del tables["programme_assignments"]
    report = OUTCOME_ENGINES["sqlite"](tables, "outcomes", ["programme"], policy=ALL)
    assert [g["programme"] for g in report.groups] == [None]
    assert report.groups[0]["programme_ended"] == 0


def test_the_definition_of_the_completion_rate_is_in_the_report():
    report = OUTCOME_ENGINES["duckdb"](_data().tables(), "outcomes", ["programme"], policy=ALL)
    keys = {s["key"] for s in report.as_dict()["definitions"]["sources"]}
    assert "porras_programme_completion" in keys


def test_small_programme_counts_are_withheld_like_every_count():
    (whole,) = OUTCOME_ENGINES["sqlite"](_data().tables(), "outcomes", []).groups  # minimum 5
    assert whole["finished"] == 5
    assert (whole["programme_ended"], whole["programme_completed"], whole["programme_completion_rate"]) == \
        (None, None, None)
    assert whole["suppressed"] is True
