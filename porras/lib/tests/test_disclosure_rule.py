"""The disclosure rule on small hand-made tables (expected values worked out by hand)."""

from __future__ import annotations

import pytest

from porras.lib.disclosure import DisclosureError, Guarded, Policy, Rate, TableSpec, protect

SPEC = TableSpec(
    keys=("county", "sex"),
    population="people",
    counts=("people", "recovered"),
    rates=(Rate("recovery_rate", "recovered", "people"),),
    guarded=(Guarded("median_days", "people"),),
)


def _row(county, sex, people, recovered, median_days=10.0):
    return {"county": county, "sex": sex, "people": people, "recovered": recovered, "median_days": median_days}


def test_counts_are_rounded_to_the_nearest_five_and_rates_come_from_the_exact_counts():
    [row] = protect(SPEC, [_row("lappi", "female", 23, 12)], Policy(5, 5))
    assert row["people"] == 25 and row["recovered"] == 10
    assert row["recovery_rate"] == 0.52  # 12 / 23 = 0.5217..., as a whole percentage
    assert row["suppressed"] is False


def test_exact_counts_keep_full_precision_rates():
    [row] = protect(SPEC, [_row("lappi", "female", 23, 12)], Policy(5, 1))
    assert (row["people"], row["recovered"], row["recovery_rate"]) == (23, 12, 12 / 23)


def test_a_group_below_the_minimum_is_not_listed():
    rows = protect(SPEC, [_row("lappi", "female", 4, 4), _row("lappi", "male", 30, 20)], Policy(5, 5))
    assert [(r["county"], r["sex"]) for r in rows] == [("lappi", "male")]


def test_a_small_count_in_a_listed_group_is_withheld_with_its_rate():
    [row] = protect(SPEC, [_row("lappi", "female", 30, 3)], Policy(5, 5))
    assert row["people"] == 30
    assert row["recovered"] is None and row["recovery_rate"] is None
    assert row["median_days"] == 10.0
    assert row["suppressed"] is True


def test_a_count_of_zero_is_withheld_like_any_count_below_the_minimum():
    [row] = protect(SPEC, [_row("lappi", "female", 30, 0)], Policy(5, 5))
    assert row["recovered"] is None


def test_the_smallest_figure_shown_stands_for_more_than_the_minimum_alone():
    # minimum 7, base 5: 7 would round to 5, which would mean exactly 7; it is shown as 10 (7..12)
    [row] = protect(SPEC, [_row("lappi", "female", 7, 0)], Policy(7, 5))
    assert row["people"] == 10
    assert Policy(7, 5).interval(10) == (7, 12)


def test_a_rate_is_withheld_when_its_denominator_is_below_the_minimum():
    spec = TableSpec(
        keys=("unit",),
        population="finished",
        counts=("finished", "not_at_caseness", "recovered"),
        rates=(Rate("recovery_rate", "recovered", "finished", less="not_at_caseness"),),
    )
    # 40 finished, 37 not at caseness: the rate's denominator is 3
    [row] = protect(spec, [{"unit": "a", "finished": 40, "not_at_caseness": 37, "recovered": 0}], Policy(5, 1))
    assert row["recovery_rate"] is None


def test_a_county_total_minus_its_published_part_no_longer_gives_the_withheld_part():
    # "county total 6, female 5, male suppressed => 1": the two tables published separately
    county = protect(
        TableSpec(keys=("county",), population="people", counts=("people",)),
        [{"county": "lappi", "people": 6}],
        Policy(5, 5),
    )
    by_sex = protect(
        TableSpec(keys=("county", "sex"), population="people", counts=("people",)),
        [{"county": "lappi", "sex": "female", "people": 5}, {"county": "lappi", "sex": "male", "people": 1}],
        Policy(5, 5),
    )
    assert county == [{"county": "lappi", "people": 5, "suppressed": False}]
    assert by_sex == [{"county": "lappi", "sex": "female", "people": 5, "suppressed": False}]
    # county 5 means 5..7, female 5 means 5..7: male is anything from 0 to 2


def test_a_complementary_count_is_withheld_where_a_margin_would_pin_the_withheld_one():
    # unit x of 4 beside unit y of 12 (shown 10, so 8..12): with the county total 16 known, x would
    # be at least 16 - 12 = 4 and, being withheld, at most 4. y is withheld as well.
    spec = TableSpec(keys=("unit",), population="people", counts=("people",))
    rows = protect(spec, [{"unit": "x", "people": 4}, {"unit": "y", "people": 12}], Policy(5, 5))
    assert rows == []


def test_a_margin_that_could_only_be_cells_just_below_the_minimum_is_withheld():
    # 8 is shown as 10 (8..12); were it two groups of 4 elsewhere, 8..12 and at most 4 + 4 would give both
    spec = TableSpec(keys=("county",), population="people", counts=("people",))
    assert protect(spec, [{"county": "lappi", "people": 8}], Policy(5, 5)) == []
    assert protect(spec, [{"county": "lappi", "people": 9}], Policy(5, 5))[0]["people"] == 10


@pytest.mark.parametrize("minimum", [0, 4, -1])
def test_no_caller_can_lower_the_configured_minimum(minimum):
    with pytest.raises(DisclosureError, match="min_cell: must be at least 5"):
        Policy(5, 5).raised_to(minimum)


def test_a_caller_may_raise_the_minimum():
    assert Policy(5, 5).raised_to(10) == Policy(10, 5)


def test_the_policy_is_read_from_the_settings():
    class Settings:
        PORRAS_SUPPRESSION_MIN = 7
        PORRAS_ROUNDING_BASE = 10

    assert Policy.from_settings(Settings()) == Policy(7, 10)
    assert Policy.from_settings(Settings(), exact=True) == Policy(7, 1)
    with pytest.raises(DisclosureError):
        Policy.from_settings(Settings(), minimum=5)
