"""The median waits of the access report equal the median of the raw waits, on every engine."""

from __future__ import annotations

import datetime as dt
import statistics

from hypothesis import given, settings
from hypothesis import strategies as st

from porras.outcomes.tests.helpers import ACCESS_ENGINES, ALL, DataSet


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=30))
def test_the_median_wait_is_the_median_of_the_waits(waits):
    ds = DataSet()
    for days in waits:
        assessment = dt.date(2025, 1, 1) + dt.timedelta(days=days)
        ds.add(
            "u",
            referral="2025-01-01",
            assessment=assessment.isoformat(),
            first_treatment=None,
            end=None,
            treatments=(),
        )
    tables = ds.tables()
    for engine in ACCESS_ENGINES.values():
        (group,) = engine(tables, "access", ["unit"], policy=ALL).groups
        assert group["median_days_to_assessment"] == statistics.median(waits)
