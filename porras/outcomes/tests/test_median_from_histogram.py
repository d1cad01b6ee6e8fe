"""The access medians come from histograms of waits; they equal the median of the raw values."""

from __future__ import annotations

import statistics
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from porras.outcomes.domain.engine import _median


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=60))
def test_the_median_of_a_histogram_is_the_median_of_its_values(values):
    histogram = list(Counter(values).items())
    assert _median(histogram) == statistics.median(values)


def test_an_even_number_of_waits_gives_the_mean_of_the_two_middle_ones():
    assert _median([(40, 1), (10, 1), (30, 1), (20, 1)]) == 25.0
    assert _median([(7, 3)]) == 7.0
