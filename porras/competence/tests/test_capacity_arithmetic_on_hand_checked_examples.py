"""The capacity estimate on examples worked by hand (docs/product.md §6 J)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from porras.competence.domain.capacity import (
    CapacityDataError,
    Figure,
    NeedGroup,
    build_population,
    estimate,
    whole,
)


def group(prevalence: str = "0.08", uptake: str = "0.25", contacts: str = "7.5") -> NeedGroup:
    return NeedGroup("adult_common", {"en": "Adults"}, 18, None, Figure(Fraction(prevalence), "s"),
                     Figure(Fraction(uptake), "s"), Figure(Fraction(contacts), "s"))


def test_a_county_of_100000_adults_with_10_trained_needs_40_more() -> None:
    # By hand: 100 000 x 8 % x 25 % = 2 000 people a year; x 7.5 contacts = 15 000 contacts.
    # 10 trained x 300 = 3 000 contacts; gap 12 000; 12 000 / 300 = 40 professionals to train.
    e = estimate(100_000, group(), 10, Fraction(300))
    assert e.people_in_need == 2000
    assert e.contacts_needed == 15000
    assert e.capacity_contacts == 3000
    assert e.gap_contacts == 12000
    assert e.to_train == 40
    assert e.coverage == Fraction(1, 5)


def test_a_part_of_a_professional_still_means_one_more_to_train() -> None:
    # 10 000 x 8 % x 25 % = 200 people; x 7.5 = 1 500 contacts; 4 trained x 300 = 1 200; gap 300 → 1.
    assert estimate(10_000, group(), 4, Fraction(300)).to_train == 1
    # 200 people x 7.505 contacts = 1 501 needed; gap 301 contacts: a whole second professional.
    e = estimate(10_000, group(contacts="7.505"), 4, Fraction(300))
    assert e.contacts_needed == 1501 and e.gap_contacts == 301 and e.to_train == 2


def test_capacity_beyond_the_need_leaves_no_gap_and_covers_more_than_all() -> None:
    # 1 000 x 8 % x 25 % x 7.5 = 150 contacts; 1 trained = 300 contacts → nobody to train, 200 % covered.
    e = estimate(1_000, group(), 1, Fraction(300))
    assert (e.gap_contacts, e.to_train, e.coverage) == (0, 0, Fraction(2))


def test_no_population_is_no_need_and_no_coverage_figure() -> None:
    e = estimate(0, group(), 3, Fraction(300))
    assert (e.people_in_need, e.to_train, e.coverage) == (0, 0, None)


def test_figures_are_exact_not_floating_point() -> None:
    # 0.08 x 0.25 as floats is 0.020000000000000004; the estimate keeps fractions, so that 50 000
    # people give exactly 1 000 and not 1 000.0000000000002 (which would round a gap up by one).
    e = estimate(50_000, group(), 0, Fraction(300))
    assert e.people_in_need == Fraction(1000)
    assert e.to_train == 25  # 1 000 x 7.5 = 7 500 / 300 = 25 exactly


def test_whole_rounds_halves_up() -> None:
    assert [whole(Fraction(x)) for x in ("2.5", "2.4999", "3.5", "0")] == [3, 2, 4, 0]


POPULATION = {
    "source": "hand-made test figures", "year": 2024,
    "bands": ["0-6", "7-11", "12-17", "18-19", "20-22", "23-64", "65-"],
    "counts": {"x": [10, 20, 30, 40, 50, 600, 250], "y": [1, 1, 1, 1, 1, 1, 1]},
}


def test_population_in_an_age_range_sums_the_bands_inside_it() -> None:
    pop = build_population(POPULATION)
    assert pop.aged("x", 18, None) == 40 + 50 + 600 + 250
    assert pop.aged("x", 7, 19) == 20 + 30 + 40
    assert pop.aged("x", None, None) == 1000


def test_an_age_range_that_cuts_a_band_is_refused_rather_than_guessed() -> None:
    with pytest.raises(CapacityDataError, match="straddles"):
        build_population(POPULATION).aged("x", 15, None)


def test_a_collaborative_area_is_the_sum_of_its_counties() -> None:
    pop = build_population(POPULATION).combined("xy", ["x", "y"])
    assert pop.aged("xy", 18, None) == 940 + 4


def test_a_population_file_without_source_or_year_is_refused() -> None:
    with pytest.raises(CapacityDataError, match="source and year"):
        build_population({**POPULATION, "source": ""})
