from __future__ import annotations

import pytest

from porras.catalogue.domain import taxonomy, text
from porras.catalogue.domain.demo import YOUTH_DEMO_FILE, load_demo
from porras.catalogue.domain.rules import publication_problems


@pytest.fixture(scope="module")
def services():  # type: ignore[no-untyped-def]
    return load_demo().services


def test_it_covers_helsinki_pirkanmaa_and_pohjanmaa(services):
    assert {"helsinki", "pirkanmaa", "pohjanmaa"} <= {s.county for s in services}


def test_it_covers_every_category(services):
    covered = {category for s in services + load_demo(YOUTH_DEMO_FILE).services for category in s.categories}
    assert covered == set(taxonomy.codes("categories"))


def test_each_demo_county_has_school_health_a_family_centre_and_youth_services():
    youth = load_demo(YOUTH_DEMO_FILE).services + load_demo().services
    for county in ("helsinki", "pirkanmaa", "pohjanmaa"):
        categories = {c for s in youth if s.county == county for c in s.categories}
        assert {"school_student_health", "family_centre", "youth_services"} <= categories, county


def test_it_covers_every_step(services):
    assert {step for s in services for step in s.steps} == {0, 1, 2, 3, 4}


def test_it_covers_every_channel(services):
    assert {c for s in services for c in s.channels} == set(taxonomy.codes("channels"))


def test_every_step_has_a_service_in_each_of_the_three_counties(services):
    for county in ("helsinki", "pirkanmaa", "pohjanmaa"):
        steps = {step for s in services if s.county == county for step in s.steps}
        assert steps >= {1, 2, 3, 4}, county


def test_every_service_is_clearly_fictional(services):
    for service in services:
        assert service.fictional
        assert service.name.endswith("(demo)") and service.name_sv.endswith("(demo)")
        assert service.organization is not None and "(demo)" in service.organization.name


def test_every_service_is_described_in_finnish_swedish_and_english(services):
    for service in services:
        for field in ("name", "description"):
            assert all(service.text(field, lang) for lang in ("fi", "sv", "en")), service.name


def test_every_service_is_publishable(services):
    assert {s.name: publication_problems(s) for s in services if publication_problems(s)} == {}


def test_it_contains_the_inflected_forms_search_is_shown_with(services):
    finnish = " ".join(text.words(" ".join(s.description or "" for s in services)))
    swedish = " ".join(text.words(" ".join(s.description_sv for s in services)))
    assert "masennuksen" in finnish.split()
    assert "ahdistukseen" in finnish.split()
    assert "ångesten" in swedish.split()


def test_service_ids_are_unique_and_stable(services):
    ids = [s.id for s in services]
    assert len(ids) == len(set(ids))
    assert ids == [s.id for s in load_demo().services]
