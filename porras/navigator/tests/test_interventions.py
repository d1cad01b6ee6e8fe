"""Which interventions the default rule set offers at each step, for which ages and concerns."""

from __future__ import annotations

from porras.navigator.domain import load_default_ruleset, navigate

from .conftest import codes, person, phq9


def test_it_offers_guided_self_care_and_internet_therapy_at_step_one():
    assert codes(navigate(person(scores={"phq9": phq9("mild")}))) == ["IHZ19", "porras.internet_therapy"]


def test_it_offers_cognitive_short_therapy_to_adults_at_step_two():
    assert codes(navigate(person(scores={"phq9": phq9("moderate")}))) == ["IDY03", "IDR17"]


def test_it_puts_the_group_format_first_for_a_group_preference():
    result = navigate(person(scores={"phq9": phq9("moderate")}, preferences={"format": "group"}))
    assert codes(result) == ["IDR17", "IDY03"]
    assert "Matches your preference for how care is given." in result["interventions"][0]["reasons"]


def test_it_puts_digital_care_first_for_a_digital_preference():
    result = navigate(person(scores={"phq9": phq9("mild")}, preferences={"delivery": "digital"}))
    assert codes(result) == ["porras.internet_therapy", "IHZ19"]


def test_it_offers_ipc_n_to_a_15_year_old_with_depressive_symptoms():
    result = navigate(person(age=15, scores={"phq9": phq9("moderate")}))
    assert codes(result) == ["porras.ipc_n"]
    assert "Meant for ages 12 to 19." in result["interventions"][0]["reasons"]


def test_it_offers_ipc_n_and_short_therapy_at_19():
    # 19 is within the youth rules' default ages: their step-2 methods, IPC-N first.
    result = navigate(person(age=19, scores={"phq9": phq9("moderate")}))
    assert codes(result) == ["porras.ipc_n", "IDY03"]


def test_it_offers_cool_kids_to_an_anxious_ten_year_old():
    result = navigate(person(age=10, concerns=["anxiety"], scores={"gad7": {"severity": "moderate"}}))
    # Under 12 the child's own services lead, with the guardian.
    assert codes(result) == ["porras.child_family_services", "porras.cool_kids"]


def test_it_does_not_offer_cool_kids_without_anxiety():
    result = navigate(person(age=14, scores={"phq9": phq9("moderate")}))
    assert "porras.cool_kids" not in codes(result)


def test_it_offers_cool_kids_on_the_anxiety_concern_alone():
    result = navigate(person(
        age=14, concerns=["anxiety"], history=[{"step": 1, "reliable_improvement": False}]
    ))
    assert "porras.cool_kids" in codes(result)


def test_it_falls_back_to_a_professional_assessment_when_no_method_fits_the_age():
    result = navigate(person(age=5, scores={"phq9": phq9("moderate")}), ruleset=load_default_ruleset())
    assert codes(result) == ["porras.professional_assessment"]
    assert any("No method at step 2" in t["because"] for t in result["trace"])


def test_it_directs_a_five_year_old_to_the_child_s_services_when_no_method_fits_the_age():
    result = navigate(person(age=5, scores={"phq9": phq9("moderate")}))
    assert codes(result) == ["porras.child_family_services"]
    assert "children" in [t["rule"] for t in result["trace"]]


def test_it_uses_the_national_procedure_codes_where_known():
    found = set(codes(navigate(person(scores={"phq9": phq9("moderate")}))))
    found |= set(codes(navigate(person(scores={"phq9": phq9("mild")}))))
    assert {"IHZ19", "IDY03", "IDR17"} <= found


def test_it_offers_specialised_assessment_at_step_four():
    assert codes(navigate(person(scores={"phq9": phq9("severe")}))) == [
        "porras.specialised_psychiatric_assessment"
    ]
