"""Hand-made episodes, one per rule and edge; expected values worked out by hand from the definitions.

Each episode sits in its own unit, grouped by unit, with the suppression minimum lowered to 1 so
that single episodes are visible. Every engine (SQLite, DuckDB, pandas) must give these values.
"""

from __future__ import annotations

import pytest

from porras.outcomes.tests.helpers import ALL, OUTCOME_ENGINES, DataSet, by_key

ONE = {"policy": ALL}


def _data() -> DataSet:
    ds = DataSet()
    # PHQ-9 15 -> 5 (fall 10), GAD-7 12 -> 4 (fall 8): at caseness, recovered, reliably improved.
    ds.add(
        "recovered", phq=[("2025-02-01", 15), ("2025-04-01", 5)], gad=[("2025-02-01", 12), ("2025-04-01", 4)]
    )
    # Still open (no end_date) although three treatments were attended: not finished.
    ds.add(
        "open",
        end=None,
        treatments=("attended",) * 3,
        phq=[("2025-02-01", 15), ("2025-04-01", 5)],
        gad=[("2025-02-01", 12), ("2025-04-01", 4)],
    )
    # Ended with one attended treatment, one did-not-attend, one cancelled: not finished.
    ds.add(
        "one_treatment",
        treatments=("attended", "did_not_attend", "cancelled"),
        phq=[("2025-02-01", 15), ("2025-04-01", 5)],
        gad=[("2025-02-01", 12), ("2025-04-01", 4)],
    )
    # Two PHQ-9 but one GAD-7 only: not paired.
    ds.add("one_gad", phq=[("2025-02-01", 15), ("2025-04-01", 5)], gad=[("2025-02-01", 12)])
    # No GAD-7 at all: not paired.
    ds.add("no_gad", phq=[("2025-02-01", 15), ("2025-04-01", 5)])
    # PHQ-9 8 -> 7, GAD-7 6 -> 5: not at caseness; recovery rate has denominator 0 -> null.
    ds.add(
        "below_caseness",
        phq=[("2025-02-01", 8), ("2025-04-01", 7)],
        gad=[("2025-02-01", 6), ("2025-04-01", 5)],
    )
    # PHQ-9 9 (below 10) but GAD-7 exactly 8 (the cut-off): at caseness. Last 9 and 7: both below
    # caseness -> recovered; falls 0 and 1 -> not reliably improved -> not reliably recovered.
    ds.add(
        "gad_cutoff", phq=[("2025-02-01", 9), ("2025-04-01", 9)], gad=[("2025-02-01", 8), ("2025-04-01", 7)]
    )
    # PHQ-9 20 -> 12 (fall 8, reliable) but GAD-7 10 -> 15 (rise 5, reliable): neither improved nor
    # deteriorated, not recovered.
    ds.add(
        "mixed", phq=[("2025-02-01", 20), ("2025-04-01", 12)], gad=[("2025-02-01", 10), ("2025-04-01", 15)]
    )
    # PHQ-9 10 -> 16 (rise 6, exactly the threshold), GAD-7 9 -> 9: reliably deteriorated.
    ds.add(
        "deteriorated",
        phq=[("2025-02-01", 10), ("2025-04-01", 16)],
        gad=[("2025-02-01", 9), ("2025-04-01", 9)],
    )
    # PHQ-9 15 -> 10 (fall 5), GAD-7 12 -> 9 (fall 3): one short of both thresholds; last PHQ-9 10 is
    # at caseness -> not recovered.
    ds.add(
        "just_short",
        phq=[("2025-02-01", 15), ("2025-04-01", 10)],
        gad=[("2025-02-01", 12), ("2025-04-01", 9)],
    )
    # GAD-7 alone falls by exactly 4 (11 -> 7), PHQ-9 9 -> 8: reliably improved, recovered, reliably
    # recovered.
    ds.add(
        "gad_improves",
        phq=[("2025-02-01", 9), ("2025-04-01", 8)],
        gad=[("2025-02-01", 11), ("2025-04-01", 7)],
    )
    # Ties. PHQ-9 on the first day: id 502 = 12 and id 501 = 20 -> first is the lowest id, 20.
    # On the last day: id 504 = 3 and id 505 = 14 -> last is the highest id, 14. Fall 6: improved;
    # last 14: not recovered. (Wrong tie rules would give 12 -> 3 or 20 -> 3.)
    ds.add(
        "ties",
        phq=[
            ("2025-02-01", 12, 502),
            ("2025-02-01", 20, 501),
            ("2025-04-01", 14, 505),
            ("2025-04-01", 3, 504),
        ],
        gad=[("2025-02-01", 10, 503), ("2025-04-01", 9, 506)],
    )
    # Dates win over ids: the earliest PHQ-9 has the highest id. 2025-02-01 id 609 = 18,
    # 2025-03-01 id 605 = 11, 2025-04-01 id 601 = 8: first 18, last 8, fall 10; GAD-7 10 -> 6.
    # At caseness, recovered, improved.
    ds.add(
        "dates_first",
        phq=[("2025-04-01", 8, 601), ("2025-03-01", 11, 605), ("2025-02-01", 18, 609)],
        gad=[("2025-04-01", 6, 602), ("2025-02-01", 10, 608)],
    )
    # An attended assessment does not count as a treatment: one attended treatment only.
    ds.add(
        "assessment_not_treatment",
        treatments=("attended",),
        phq=[("2025-01-20", 15), ("2025-04-01", 5)],
        gad=[("2025-01-20", 12), ("2025-04-01", 4)],
    )
    return ds


EXPECTED = {
    # unit: (finished, not_at_caseness, recovered, improved, deteriorated, reliably_recovered)
    "recovered": (1, 0, 1, 1, 0, 1),
    "below_caseness": (1, 1, 0, 0, 0, 0),
    "gad_cutoff": (1, 0, 1, 0, 0, 0),
    "mixed": (1, 0, 0, 0, 0, 0),
    "deteriorated": (1, 0, 0, 0, 1, 0),
    "just_short": (1, 0, 0, 0, 0, 0),
    "gad_improves": (1, 0, 1, 1, 0, 1),
    "ties": (1, 0, 0, 1, 0, 0),
    "dates_first": (1, 0, 1, 1, 0, 1),
}
ABSENT = ("open", "one_treatment", "one_gad", "no_gad", "assessment_not_treatment")


@pytest.fixture(scope="module")
def tables():
    return _data().tables()


@pytest.mark.parametrize("engine", OUTCOME_ENGINES)
@pytest.mark.parametrize("unit", EXPECTED)
def test_it_counts_each_hand_made_episode_as_worked_out_by_hand(tables, engine, unit):
    report = OUTCOME_ENGINES[engine](tables, "outcomes", ["unit"], **ONE)
    group = by_key(report, "unit")[unit]
    got = tuple(
        group[c]
        for c in (
            "finished",
            "not_at_caseness",
            "recovered",
            "reliably_improved",
            "reliably_deteriorated",
            "reliably_recovered",
        )
    )
    assert got == EXPECTED[unit]


@pytest.mark.parametrize("engine", OUTCOME_ENGINES)
def test_it_leaves_out_episodes_that_are_not_finished_or_not_paired(tables, engine):
    report = OUTCOME_ENGINES[engine](tables, "outcomes", ["unit"], **ONE)
    assert set(by_key(report, "unit")) == set(EXPECTED)
    for unit in ABSENT:
        assert unit not in by_key(report, "unit")


@pytest.mark.parametrize("engine", OUTCOME_ENGINES)
def test_it_gives_a_null_recovery_rate_when_nobody_was_at_caseness(tables, engine):
    group = by_key(OUTCOME_ENGINES[engine](tables, "outcomes", ["unit"], **ONE), "unit")["below_caseness"]
    assert group["recovery_rate"] is None
    assert group["reliable_recovery_rate"] is None
    assert group["reliable_improvement_rate"] == 0.0
    assert group["suppressed"] is False


@pytest.mark.parametrize("engine", OUTCOME_ENGINES)
def test_it_computes_the_national_totals_and_rates(tables, engine):
    (group,) = OUTCOME_ENGINES[engine](tables, "outcomes", [], **ONE).groups
    # 9 finished and paired; 1 not at caseness -> 8 at caseness; recovered: recovered, gad_cutoff,
    # gad_improves, dates_first = 4; improved: recovered, gad_improves, ties, dates_first = 4;
    # deteriorated: 1; reliably recovered: recovered, gad_improves, dates_first = 3.
    assert group == {
        "finished": 9,
        "not_at_caseness": 1,
        "recovered": 4,
        "recovery_rate": 4 / 8,
        "reliably_improved": 4,
        "reliable_improvement_rate": 4 / 9,
        "reliably_deteriorated": 1,
        "reliable_deterioration_rate": 1 / 9,
        "reliably_recovered": 3,
        "reliable_recovery_rate": 3 / 8,
        # no episode here had a programme: none ended, and a rate of nothing is null
        "programme_ended": 0,
        "programme_completed": 0,
        "programme_completion_rate": None,
        "suppressed": False,
    }
