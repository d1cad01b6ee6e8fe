"""Output `services` comes from the injected service finder (the service catalogue)."""

from __future__ import annotations

from porras.navigator.domain import navigate

from .conftest import person, phq9, rules_fired


def test_it_returns_no_services_by_default():
    assert navigate(person(scores={"phq9": phq9("mild")}))["services"] == []


def test_it_asks_the_finder_for_the_county_step_age_and_language():
    calls = []

    def finder(county, step, age, language):
        calls.append((county, step, age, language))
        return [{"id": "svc-1", "name": "Mielenterveyspalvelut"}]

    result = navigate(person(age=44, language="sv", scores={"phq9": phq9("moderate")}), find_services=finder)
    assert calls == [("pirkanmaa", 2, 44, "sv")]
    assert result["services"] == [{"id": "svc-1", "name": "Mielenterveyspalvelut"}]


def test_it_keeps_the_crisis_contacts_when_the_catalogue_fails():
    def broken(county, step, age, language):
        raise ConnectionError("catalogue down")

    result = navigate(person(scores={"phq9": phq9("mild", item9=2)}), find_services=broken)
    assert result["services"] == []
    assert result["crisis_contacts"]
    assert "services" in rules_fired(result)
