from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from porras.programmes.domain import Indicator, IndicatorPoint, IndicatorValue, indicator_history

TRAINED = Indicator("trained", {"fi": "Koulutetut", "sv": "Utbildade", "en": "Staff trained"}, unit="persons")
WAIT = Indicator("wait", {"fi": "Odotus", "sv": "Väntan", "en": "Wait"}, unit="days", higher_is_better=False)


def test_it_compares_each_value_with_the_target_it_works_towards() -> None:
    values = [
        IndicatorValue("trained", date(2022, 12, 31), Decimal(300), kind="target"),
        IndicatorValue("trained", date(2021, 12, 31), Decimal(100), kind="target"),
        IndicatorValue("trained", date(2022, 6, 30), Decimal(180)),
        IndicatorValue("trained", date(2021, 6, 30), Decimal(40)),
        IndicatorValue("trained", date(2021, 12, 31), Decimal(120)),
        IndicatorValue("trained", date(2023, 6, 30), Decimal(320)),
        IndicatorValue("other", date(2021, 6, 30), Decimal(999)),
    ]
    history = indicator_history(TRAINED, values)
    assert history.points == (
        IndicatorPoint(date(2021, 6, 30), Decimal(40), Decimal(100), False),
        IndicatorPoint(date(2021, 12, 31), Decimal(120), Decimal(100), True),
        IndicatorPoint(date(2022, 6, 30), Decimal(180), Decimal(300), False),
        IndicatorPoint(date(2023, 6, 30), Decimal(320), Decimal(300), True),  # after the last deadline
    )
    assert history.change == Decimal(280)
    assert history.latest == history.points[-1]


def test_lower_is_better_indicators_are_met_at_or_below_target() -> None:
    values = [
        IndicatorValue("wait", date(2024, 12, 31), Decimal(28), kind="target"),
        IndicatorValue("wait", date(2024, 3, 31), Decimal(40)),
        IndicatorValue("wait", date(2024, 9, 30), Decimal(28)),
    ]
    assert [p.met for p in indicator_history(WAIT, values).points] == [False, True]


def test_without_targets_nothing_is_met_or_missed() -> None:
    history = indicator_history(TRAINED, [IndicatorValue("trained", date(2021, 1, 1), Decimal(5))])
    assert history.points == (IndicatorPoint(date(2021, 1, 1), Decimal(5), None, None),)
    assert history.change is None


def test_an_unknown_kind_of_value_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        IndicatorValue("trained", date(2021, 1, 1), Decimal(5), kind="estimate")
