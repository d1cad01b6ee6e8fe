"""Method cards: the one source of each method's facts for care, the navigator and competence
(porras/methods/data/methods.yaml); nothing else restates them."""

from __future__ import annotations

from pathlib import Path

import yaml

from porras.care.domain.episodes import interventions
from porras.competence.domain.capacity import load_assumptions, load_population
from porras.competence.domain.methods import method_catalogue
from porras.navigator.domain.ruleset import load_default_ruleset, load_named_ruleset


def test_care_s_interventions_are_the_cards_with_their_name_step_and_procedure_code() -> None:
    cards = method_catalogue().cards
    assert list(interventions()) == list(cards)
    for code, item in interventions().items():
        assert (item.name, item.step, item.procedure_code, item.source) == (
            cards[code].name, cards[code].step, cards[code].procedure_code, cards[code].source)


def test_no_data_file_beside_the_cards_states_a_method_s_name_step_or_ages() -> None:
    # The three copies of before (care's intervention list, the rule sets' method entries and the
    # competence cards) are gone: care and competence hold no method file, and a rule set's method
    # entries name the method by its card's code only.
    porras = Path(__file__).resolve().parents[2]
    assert not (porras / "care" / "data" / "interventions.yaml").exists()
    assert not (porras / "competence" / "data" / "methods.yaml").exists()
    catalogue = method_catalogue()
    rulesets = porras / "navigator" / "data" / "rulesets"
    for path in [*rulesets.glob("*.yaml"), *(rulesets / "counties").glob("*.yaml")]:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("interventions", []):
            if item.get("not_a_method"):
                assert catalogue.by_navigator_code(item["code"]) is None, (path.name, item["code"])
                continue
            assert catalogue.by_navigator_code(item["code"]) is not None, (path.name, item["code"])
            assert not {"name", "step"} & set(item), (path.name, item["code"])


def test_cognitive_short_therapy_individual_and_group_have_different_names() -> None:
    # The care data once parsed "Kognitiivinen lyhytterapia, yksilö" as two YAML keys.
    cards = method_catalogue().cards
    assert cards["cbt_short_individual"].label("fi") == "Kognitiivinen lyhytterapia, yksilö"
    assert cards["cbt_short_group"].label("sv") == "Kognitiv korttidsterapi, grupp"


def test_every_navigator_method_adult_and_youth_takes_its_step_and_ages_from_its_card() -> None:
    catalogue = method_catalogue()
    adults = load_default_ruleset()
    assert adults.youth is not None
    youth = load_named_ruleset(str(adults.youth["ruleset"]))
    adult_codes = {item.code for item in adults.interventions}
    youth_only = [item for item in youth.interventions if item.code not in adult_codes]
    assert youth_only, "the youth rule set has methods of its own (Let's Talk about Children ...)"
    for item in (*adults.interventions, *youth_only):
        card = catalogue.by_navigator_code(item.code)
        if card is None:  # an assessment or a place, marked not_a_method in the rule set
            continue
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
