from __future__ import annotations

import pytest

from porras.catalogue.domain import taxonomy

# docs/product.md section 2C, written out by hand
PRODUCT_CATEGORIES = {
    "guidance_counselling",
    "psychosocial_support",
    "crisis_psychosocial_support",
    "supported_housing",
    "social_work",
    "social_rehabilitation",
    "health_care_mental_health",
    "substance_use",
    "family_centre",
    "school_student_health",
    "low_threshold",
    "ngo",
    "ips",
}


def test_it_has_every_category_the_product_names():
    assert set(taxonomy.codes("categories")) >= PRODUCT_CATEGORIES


def test_it_has_exactly_the_five_channels():
    assert taxonomy.codes("channels") == ("in_person", "phone", "chat", "video", "digital_self_help")


def test_step_levels_are_zero_to_four():
    assert taxonomy.step_levels() == (0, 1, 2, 3, 4)


@pytest.mark.parametrize("vocabulary", taxonomy.VOCABULARIES)
def test_every_term_has_finnish_swedish_and_english_labels(vocabulary):
    for term in taxonomy.terms(vocabulary):
        assert all(term.labels[lang].strip() for lang in ("fi", "sv", "en")), term.code


@pytest.mark.parametrize("vocabulary", taxonomy.VOCABULARIES)
def test_every_vocabulary_names_its_source(vocabulary):
    assert len(taxonomy.source(vocabulary)) > 10


def test_labels_are_given_in_the_asked_language():
    assert taxonomy.term("categories", "family_centre").label("sv") == "Familjecentral"
    assert taxonomy.term("categories", "substance_use").label("fi") == "Päihdepalvelut"


def test_an_unknown_code_is_refused_naming_the_vocabulary():
    with pytest.raises(taxonomy.UnknownTermError, match="channels: unknown code 'telepathy'"):
        taxonomy.check("channels", "telepathy")


@pytest.mark.parametrize("value", [5, -1, "x", True, "2.5"])
def test_a_step_outside_zero_to_four_is_refused(value):
    with pytest.raises(taxonomy.UnknownTermError, match="steps"):
        taxonomy.check_step(value)


def test_a_step_may_be_given_as_text():
    assert taxonomy.check_step("3") == 3


def test_the_languages_include_finnish_swedish_and_english():
    assert {"fi", "sv", "en"} <= set(taxonomy.codes("languages"))


def test_counties_are_porras_fixed_codes_with_helsinki_and_21_wellbeing_services_counties():
    codes = [county.code for county in taxonomy.counties()]
    assert len(codes) == 22
    assert {"helsinki", "pirkanmaa", "pohjanmaa", "lappi"} <= set(codes)
    assert taxonomy.county("pohjanmaa").label("sv") == "Österbottens välfärdsområde"


def test_an_unknown_county_is_refused_naming_the_field():
    with pytest.raises(ValueError, match="county: unknown county code 'atlantis'"):
        taxonomy.county("atlantis")


def test_a_fifteen_year_old_is_an_adolescent_and_a_twenty_year_old_a_young_adult_and_adult():
    assert taxonomy.age_group_codes_for(15) == ("adolescents",)
    assert taxonomy.age_group_codes_for(20) == ("young_adults", "adults")
    assert taxonomy.age_group_codes_for(70) == ("adults", "older_adults")
