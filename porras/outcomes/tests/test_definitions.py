"""Every threshold has a named source; bad configuration is refused with the field's name."""

from __future__ import annotations

from dataclasses import fields

import pytest

from porras.outcomes.domain.definitions import SOURCES, Definitions, Limit


def test_the_defaults_are_the_published_numbers():
    d = Definitions()
    assert (d.phq9_caseness, d.gad7_caseness) == (10, 8)
    assert (d.phq9_reliable_change, d.gad7_reliable_change) == (6, 4)
    assert d.min_treatment_appointments == 2
    assert (d.wait_standard_short_days, d.wait_standard_long_days) == (42, 126)
    assert (d.therapy_guarantee_age_limit, d.therapy_guarantee_days) == (23, 28)
    assert d.care_guarantee_under_age == Limit(14, "days")
    assert d.care_guarantee_from_age == Limit(3, "months")
    assert d.age_group_labels() == ["0-12", "13-17", "18-22", "23-29", "30-64", "65+"]


def test_every_threshold_names_a_known_source():
    for f in fields(Definitions):
        if f.name == "version":
            continue
        assert Definitions.SOURCE_OF[f.name] in SOURCES, f.name


def test_the_report_definitions_carry_version_and_sources():
    doc = Definitions(version="test-1").as_report_dict()
    assert doc["version"] == "test-1"
    assert {s["key"] for s in doc["sources"]} == set(SOURCES)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"phq9_caseness": -1}, "phq9_caseness: must be a non-negative integer"),
        ({"min_treatment_appointments": 0}, "min_treatment_appointments: must be at least 1"),
        ({"age_group_bounds": (0, 18, 13)}, "age_group_bounds"),
        ({"care_guarantee_from_age": 90}, "care_guarantee_from_age: must be a Limit"),
        ({"version": ""}, "version: must be a non-empty string"),
    ],
)
def test_it_refuses_bad_configuration_naming_the_field(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Definitions(**kwargs)


def test_a_limit_unit_is_days_or_months():
    with pytest.raises(ValueError, match="limit unit"):
        Limit(3, "weeks")  # type: ignore[arg-type]
