"""Access report on hand-made episodes: waits, medians, the 6- and 18-week shares, the therapy
guarantee, the care guarantee (days and calendar months), completion, drop-out and suppression.
Expected values are worked out by hand in the comments."""

from __future__ import annotations

import pytest

from porras.outcomes.domain.definitions import Definitions
from porras.outcomes.tests.helpers import ACCESS_ENGINES, ALL, DataSet, by_key

ONE = {"policy": ALL}


@pytest.fixture(scope="module")
def tables():
    ds = DataSet()
    adult = {"birth_year": 1980, "referral": "2025-01-01", "treatments": ()}
    # waits from referral 2025-01-01: assessment +10, +20, +30, +40; first treatment +42, +43, +126, +127
    ds.add(
        "waits",
        assessment="2025-01-11",
        first_treatment="2025-02-12",
        end="2025-06-01",
        end_reason="completed",
        **adult,
    )  # type: ignore[arg-type]
    ds.add(
        "waits",
        assessment="2025-01-21",
        first_treatment="2025-02-13",
        end="2025-06-01",
        end_reason="completed",
        **adult,
    )  # type: ignore[arg-type]
    # assessment 31 Jan + 3 months = 30 Apr; first treatment 7 May: care guarantee not met
    ds.add(
        "waits",
        assessment="2025-01-31",
        first_treatment="2025-05-07",
        end="2025-06-01",
        end_reason="referred_on",
        **adult,
    )  # type: ignore[arg-type]
    # assessment 10 Feb + 3 months = 10 May; first treatment 8 May: met. Still open.
    ds.add("waits", assessment="2025-02-10", first_treatment="2025-05-08", end=None, **adult)  # type: ignore[arg-type]
    ds.add(
        "waits", assessment=None, first_treatment=None, end="2025-02-01", end_reason="dropped_out", **adult
    )  # type: ignore[arg-type]

    # calendar months, from 23 up: met, not met, met, not met, met, not met
    for assessment, treatment in (
        ("2025-08-31", "2025-11-30"),
        ("2025-08-31", "2025-12-01"),
        ("2025-01-15", "2025-04-15"),
        ("2025-01-15", "2025-04-16"),
        ("2024-11-30", "2025-02-28"),
        ("2024-11-30", "2025-03-01"),
    ):
        ds.add(
            "months",
            birth_year=1980,
            referral=assessment,
            assessment=assessment,
            first_treatment=treatment,
            end=None,
            treatments=(),
        )

    young = {"referral": "2025-02-20", "assessment": "2025-03-01", "end": None, "treatments": ()}
    ds.add("young", birth_year=2003, first_treatment="2025-03-29", **young)  # 22: 28 d -> TG met, CG not
    ds.add("young", birth_year=2003, first_treatment="2025-03-30", **young)  # 22: 29 d -> neither
    ds.add("young", birth_year=2003, first_treatment="2025-03-15", **young)  # 22: 14 d -> both met
    ds.add("young", birth_year=2003, first_treatment="2025-03-16", **young)  # 22: 15 d -> TG met, CG not
    ds.add("young", birth_year=2002, first_treatment="2025-03-20", **young)  # 23: not TG; 3 months -> CG met
    # referred at 22 in 2025 but assessed in 2026 at 23: not TG; CG 3 months -> met
    ds.add(
        "young",
        birth_year=2003,
        referral="2025-12-20",
        assessment="2026-01-05",
        first_treatment="2026-01-10",
        end=None,
        treatments=(),
    )

    # cell suppression with the default minimum 5: 6 referrals, 4 assessed, 3 treated, 6 ended
    for i in range(6):
        ds.add(
            "small",
            birth_year=1980,
            referral="2025-01-01",
            assessment="2025-01-05" if i < 4 else None,
            first_treatment="2025-01-10" if i < 3 else None,
            end="2025-03-01",
            end_reason="completed" if i < 3 else "dropped_out",
            treatments=(),
        )
    for _ in range(4):
        ds.add("tiny", birth_year=1980, referral="2025-01-01", treatments=())
    return ds.tables()


@pytest.mark.parametrize("engine", ACCESS_ENGINES)
def test_it_measures_waits_medians_and_the_waiting_time_shares(tables, engine):
    g = by_key(ACCESS_ENGINES[engine](tables, "access", ["unit"], **ONE), "unit")["waits"]
    assert g["referrals"] == 5
    assert g["assessed"] == 4
    assert g["median_days_to_assessment"] == 25.0  # (20 + 30) / 2
    assert g["entered_treatment"] == 4
    assert g["median_days_to_first_treatment"] == 84.5  # (43 + 126) / 2
    assert (g["treated_within_6_weeks"], g["treated_within_6_weeks_rate"]) == (1, 0.25)  # 42 in, 43 out
    assert (g["treated_within_18_weeks"], g["treated_within_18_weeks_rate"]) == (3, 0.75)  # 126 in, 127 out
    assert (g["care_guarantee_eligible"], g["care_guarantee_met"]) == (4, 3)


@pytest.mark.parametrize("engine", ACCESS_ENGINES)
def test_it_counts_completion_and_drop_out_over_ended_episodes(tables, engine):
    g = by_key(ACCESS_ENGINES[engine](tables, "access", ["unit"], **ONE), "unit")["waits"]
    assert (g["ended"], g["completed"], g["dropped_out"]) == (4, 2, 1)
    assert (g["completion_rate"], g["dropout_rate"]) == (0.5, 0.25)


@pytest.mark.parametrize("engine", ACCESS_ENGINES)
def test_a_three_month_limit_ends_on_the_same_day_or_the_last_day_of_a_shorter_month(tables, engine):
    g = by_key(ACCESS_ENGINES[engine](tables, "access", ["unit"], **ONE), "unit")["months"]
    assert (g["care_guarantee_eligible"], g["care_guarantee_met"], g["care_guarantee_rate"]) == (6, 3, 0.5)
    assert g["median_days_to_assessment"] == 0.0


@pytest.mark.parametrize("engine", ACCESS_ENGINES)
def test_it_applies_the_therapy_and_care_guarantees_by_age_at_assessment(tables, engine):
    g = by_key(ACCESS_ENGINES[engine](tables, "access", ["unit"], **ONE), "unit")["young"]
    assert (g["therapy_guarantee_eligible"], g["therapy_guarantee_met"], g["therapy_guarantee_rate"]) == (
        4,
        3,
        0.75,
    )
    assert (g["care_guarantee_eligible"], g["care_guarantee_met"], g["care_guarantee_rate"]) == (6, 3, 0.5)


@pytest.mark.parametrize("engine", ACCESS_ENGINES)
def test_the_guarantee_limits_are_configurable(tables, engine):
    defs = Definitions(therapy_guarantee_days=29)
    g = by_key(ACCESS_ENGINES[engine](tables, "access", ["unit"], defs, ALL), "unit")["young"]
    assert g["therapy_guarantee_met"] == 4


@pytest.mark.parametrize("engine", ACCESS_ENGINES)
def test_small_counts_inside_a_listed_group_are_withheld_with_their_rates_and_medians(tables, engine):
    g = by_key(ACCESS_ENGINES[engine](tables, "access", ["unit"]), "unit")["small"]
    assert g["suppressed"] is True
    # 6 referrals, 6 ended: shown; 4 assessed, 3 entered treatment, 3 completed, 3 dropped out and
    # no one under 23: each below five, withheld with the rates and medians they are part of
    assert (g["referrals"], g["ended"]) == (6, 6)
    assert (g["assessed"], g["entered_treatment"]) == (None, None)
    assert g["median_days_to_assessment"] is None
    assert g["median_days_to_first_treatment"] is None
    assert g["treated_within_6_weeks"] is None and g["treated_within_6_weeks_rate"] is None
    assert g["therapy_guarantee_eligible"] is None and g["therapy_guarantee_rate"] is None
    assert (g["completed"], g["completion_rate"], g["dropped_out"], g["dropout_rate"]) == (None,) * 4


@pytest.mark.parametrize("engine", ACCESS_ENGINES)
def test_a_group_with_fewer_than_five_referrals_is_not_listed(tables, engine):
    assert "tiny" not in by_key(ACCESS_ENGINES[engine](tables, "access", ["unit"]), "unit")
