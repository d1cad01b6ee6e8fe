"""Young people see school and student health care, family centres and youth services of their
county, and crisis guidance for young people in Finnish, Swedish and English."""

from __future__ import annotations

from typing import Any

import pytest

from porras.navigator.domain import navigate
from porras.navigator.domain.ruleset import LANGUAGES, load_named_ruleset

from .conftest import person, phq9


def _finder(county: Any, step: int, age: int, language: str) -> list[dict[str, Any]]:
    return [
        {"id": "a", "categories": ["health_care_mental_health"]},
        {"id": "b", "categories": ["school_student_health"]},
        {"id": "c", "categories": ["family_centre", "guidance_counselling"]},
        {"id": "d", "categories": ["youth_services"]},
    ]


def test_a_young_person_sees_only_school_family_and_youth_services():
    result = navigate(person(age=15, scores={"phq9": phq9("mild")}), find_services=_finder)
    assert [s["id"] for s in result["services"]] == ["b", "c", "d"]


def test_an_adult_sees_every_service_the_catalogue_finds():
    result = navigate(person(age=30, scores={"phq9": phq9("mild")}), find_services=_finder)
    assert [s["id"] for s in result["services"]] == ["a", "b", "c", "d"]


@pytest.mark.parametrize(("language", "first"), [("fi", "09 2525 0111"), ("sv", "09 2525 0112"),
                                                 ("en", "09 2525 0111")])
def test_a_young_person_at_risk_gets_the_crisis_line_and_the_child_and_youth_phone(language, first):
    result = navigate(person(age=15, language=language, scores={"phq9": phq9("mild", item9=1)}))
    phones = [c["phone"] for c in result["crisis_contacts"]]
    assert phones[0] == first
    assert {"112", "116117", "116 111"} <= set(phones)
    for contact in result["crisis_contacts"]:
        assert contact["name"] and contact["description"]


def test_a_young_person_with_a_plan_is_told_to_call_112_first():
    result = navigate(person(age=15, language="sv", risk={"plan_to_end_life": True}))
    assert result["crisis_contacts"][0]["phone"] == "112"
    assert result["step"] is None


def test_every_youth_text_and_crisis_contact_is_whole_in_three_languages():
    rules = load_named_ruleset("youth")
    for key, texts in rules.texts.items():
        assert set(texts) >= set(LANGUAGES), key
        assert all(texts[lang].strip() for lang in LANGUAGES), key
    for contact in rules.crisis_contacts:
        for lang in LANGUAGES:
            assert contact.name[lang].strip() and contact.description[lang].strip()
