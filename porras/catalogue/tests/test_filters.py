"""Search filters and the service matching the navigator relies on (framework-free rules)."""

from __future__ import annotations

import pytest

from porras.catalogue.domain.hsds import languages_from_codes
from porras.catalogue.domain.model import Service, ServiceArea
from porras.catalogue.domain.rules import Filters, age_fits, language_fits, matches, publication_problems


def service(**fields):  # type: ignore[no-untyped-def]
    base = {
        "id": "00000000-0000-4000-8000-000000000001",
        "name": "Palvelu",
        "county": "helsinki",
        "categories": ["social_work"],
        "channels": ["phone"],
        "steps": [1, 2],
    }
    base.update(fields)
    languages = base.pop("language_codes", ["fi"])
    result = Service(**base)
    result.languages = languages_from_codes(result.id, languages)
    return result


def test_a_service_with_an_age_range_fits_only_ages_inside_it():
    s = service(minimum_age=13, maximum_age=17)
    assert age_fits(s, 13) and age_fits(s, 17)
    assert not age_fits(s, 12) and not age_fits(s, 18)


def test_without_an_age_range_the_age_groups_decide():
    s = service(age_groups=["children"])
    assert age_fits(s, 12) and not age_fits(s, 13)


def test_a_service_without_any_age_information_fits_everyone():
    assert age_fits(service(), 80)


def test_families_alone_do_not_restrict_age():
    assert age_fits(service(age_groups=["families"]), 40)


def test_other_language_means_a_language_outside_finnish_swedish_and_english():
    assert language_fits(service(language_codes=["fi", "ar"]), "other")
    assert not language_fits(service(language_codes=["fi", "sv", "en"]), "other")


def test_a_service_area_of_another_county_makes_the_service_serve_it():
    s = service(
        service_areas=[
            ServiceArea(id="00000000-0000-4000-8000-000000000002", uri="urn:porras:county:vantaa-kerava")
        ]
    )
    assert matches(s, Filters(county="vantaa-kerava"))
    assert not matches(s, Filters(county="lappi"))


def test_every_set_filter_must_match():
    s = service(language_codes=["sv"])
    assert matches(
        s, Filters(county="helsinki", category="social_work", channel="phone", step=2, language="sv")
    )
    assert not matches(s, Filters(county="helsinki", step=3))
    assert not matches(s, Filters(channel="chat"))
    assert not matches(s, Filters(language="fi"))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("county", "atlantis", "county: unknown county code"),
        ("category", "astrology", "categories: unknown code"),
        ("channel", "pigeon", "channels: unknown code"),
        ("language", "xx", "languages: unknown code"),
        ("step", "7", "steps: unknown code"),
        ("age", "old", "age: expected a whole number"),
        ("age", "121", "age: 121 is outside"),
    ],
)
def test_a_bad_filter_value_is_refused_naming_the_parameter(field, value, message):
    with pytest.raises(ValueError, match=message):
        Filters.checked(**{field: value})


def test_empty_filter_values_mean_any():
    assert Filters.checked(county="", step="", age="") == Filters()


def test_a_service_without_swedish_texts_cannot_be_published():
    problems = publication_problems(service(description="Kuvaus"))
    assert "name_sv: required (services are described in Finnish and Swedish)" in problems
    assert "description_sv: required (services are described in Finnish and Swedish)" in problems


def test_a_service_without_steps_cannot_be_published():
    problems = publication_problems(service(steps=[], name_sv="Tjänst", description="K", description_sv="B"))
    assert problems == ["steps: at least one step level (0–4) is required"]
