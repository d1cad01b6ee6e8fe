"""The somatic health check's items, units and limits are data with sources, and values at or past a
limit are flagged (limits read from the sources named in the data, hand-copied here)."""

from __future__ import annotations

import datetime as dt

from porras.integrated.domain.somatic import flagged, is_due, is_eligible, load_check, value_errors


def test_every_limit_names_a_source_and_every_item_a_unit_or_a_yes_no() -> None:
    spec = load_check()
    assert spec.interval_days == 365
    for item in spec.items:
        has_limit = item.below is not None or item.at_least is not None or item.below_by_sex or item.flag_yes
        assert not has_limit or item.source in spec.sources, item.code
        assert item.unit or item.kind == "yes_no", item.code


def test_values_at_the_limits_are_flagged_and_just_below_are_not() -> None:
    # Käypä hoito: 140/90 mmHg raised; fasting glucose 6.1 mmol/l above normal; LDL above 3.0;
    # alcohol 23 drinks a week (men) the lower end of the high-risk range;
    # IDF: waist 94 cm (men) / 80 cm (women), triglycerides 1.7; WHO: at least 150 min of activity.
    at = {"systolic": 140, "diastolic": 90, "glucose": 6.1, "ldl": 3.1, "triglycerides": 1.7, "waist": 94,
          "activity": 149, "smoking": True, "alcohol": 23, "bmi": 25}
    assert flagged(at, "male") == ["bmi", "waist", "systolic", "diastolic", "glucose", "ldl", "triglycerides",
                                   "smoking", "alcohol", "activity"]
    below = {"systolic": 139, "diastolic": 89, "glucose": 6.0, "ldl": 3.0, "triglycerides": 1.6, "waist": 93,
             "activity": 150, "smoking": False, "alcohol": 22, "bmi": 24.9, "weight": 150}
    assert flagged(below, "male") == []


def test_sex_specific_limits_apply_only_where_the_source_gives_them() -> None:
    assert flagged({"waist": 80, "alcohol": 12}, "female") == ["waist", "alcohol"]
    assert flagged({"waist": 79, "alcohol": 11}, "female") == []
    assert flagged({"waist": 80, "alcohol": 16}, "male") == []
    assert flagged({"waist": 120, "alcohol": 40}, "other") == []  # no sourced limit: not flagged


def test_a_long_episode_or_a_recorded_risk_group_makes_the_check_due_yearly() -> None:
    today = dt.date(2026, 11, 30)
    assert is_eligible(dt.date(2025, 11, 30), [], today)  # 365 days
    assert not is_eligible(dt.date(2025, 12, 1), [], today)  # 364 days
    assert is_eligible(dt.date(2026, 11, 1), ["schizophrenia"], today)
    assert not is_eligible(dt.date(2026, 11, 1), ["bipolar"], today)  # not a group of the data: unsourced
    assert is_due(None, today)
    assert is_due(dt.date(2025, 11, 30), today) and not is_due(dt.date(2025, 12, 1), today)


def test_bad_values_are_refused_by_item() -> None:
    assert value_errors({"systolic": "high", "smoking": 1, "pulse": 60, "weight": 4000}) == [
        ("systolic", "must be a number"), ("smoking", "must be yes or no"),
        ("pulse", "is not an item of the somatic health check"), ("weight", "is outside what can be measured")]
    assert value_errors({"weight": None}) == [("values", "record at least one value")]


def test_every_risk_group_and_every_source_is_marked_confirmed_or_not() -> None:
    spec = load_check()
    assert [g.code for g in spec.risk_groups] == ["schizophrenia", "alcohol_use_disorder"]
    assert all(g.source in spec.sources for g in spec.risk_groups)
    assert set(spec.checked) == set(spec.sources)
    assert all(v.startswith(("confirmed", "not confirmed")) for v in spec.checked.values())
