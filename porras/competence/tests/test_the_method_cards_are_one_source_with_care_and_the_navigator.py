"""Method cards: one per intervention of care, matching the navigator's codes, steps and ages."""

from __future__ import annotations

from porras.care.domain.episodes import interventions
from porras.competence.domain.capacity import load_assumptions, load_population
from porras.competence.domain.methods import method_catalogue
from porras.navigator.domain.ruleset import load_default_ruleset, load_named_ruleset


def test_every_care_intervention_has_a_card_with_its_name_step_and_procedure_code() -> None:
    cards = method_catalogue().cards
    assert set(cards) == set(interventions())
    for code, item in interventions().items():
        assert (cards[code].name, cards[code].step, cards[code].procedure_code) == (
            item.name, item.step, item.procedure_code)


def test_cognitive_short_therapy_individual_and_group_have_different_names() -> None:
    # The care data once parsed "Kognitiivinen lyhytterapia, yksilö" as two YAML keys.
    cards = method_catalogue().cards
    assert cards["cbt_short_individual"].label("fi") == "Kognitiivinen lyhytterapia, yksilö"
    assert cards["cbt_short_group"].label("sv") == "Kognitiv korttidsterapi, grupp"


def test_every_navigator_intervention_adult_and_youth_is_a_card_or_named_as_no_method() -> None:
    catalogue = method_catalogue()
    adults = load_default_ruleset()
    assert adults.youth is not None
    youth = load_named_ruleset(str(adults.youth["ruleset"]))
    adult_codes = {item.code for item in adults.interventions}
    # A method both rule sets offer carries the adult rule set's ages on its card (the youth rule
    # set may add an age from which young people are offered it, e.g. internet therapy from 18).
    youth_only = [item for item in youth.interventions if item.code not in adult_codes]
    assert youth_only, "the youth rule set has methods of its own (Let's Talk about Children ...)"
    for item in (*adults.interventions, *youth_only):
        if item.code in catalogue.not_methods:
            continue
        card = catalogue.by_navigator_code(item.code)
        assert card is not None, item.code
        assert card.step == item.step, item.code
        assert (card.age_min, card.age_max) == (item.min_age, item.max_age), item.code


def test_every_number_on_a_card_names_a_source_that_exists() -> None:
    catalogue = method_catalogue()
    for card in catalogue.cards.values():
        if card.contacts_min is not None:
            assert card.contacts_source in catalogue.sources
        if card.age_min is not None or card.age_max is not None:
            assert card.age_source in catalogue.sources
        if card.requires_training:
            assert card.training.source in catalogue.sources and card.training.course


def test_every_need_group_has_methods_and_ages_on_the_population_bands() -> None:
    catalogue = method_catalogue()
    population = load_population()
    for group in load_assumptions().groups.values():
        assert any(c.need_group == group.code for c in catalogue.cards.values())
        population.aged("helsinki", group.age_min, group.age_max)  # raises if a band is cut


def test_the_shipped_population_names_its_source_year_and_that_it_is_illustrative() -> None:
    population = load_population()
    assert population.illustrative and "not Statistics Finland" in population.source
    assert population.year == 2023
    assert len(population.counts) == 22
