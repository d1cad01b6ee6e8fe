from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from conftest import REPO, SHARED, need
from porras.programmes.domain import load_reference_data

# The seeds are copies of the public record kept outside the repository (see the root conftest).
SEED_002 = SHARED / "seeds" / "002_6ba3592cad6f7af7.txt"
SEED_004 = SHARED / "seeds" / "004_c9d3af75a4f18507.txt"

DATA = load_reference_data()


def _seed(path: Path) -> str:
    need(path.exists(), f"the public record's copy {path} is absent")
    return path.read_text(encoding="utf-8")


def test_the_strategy_has_its_five_priority_areas_in_finnish_swedish_and_english() -> None:
    assert [(a.number, a.name["fi"]) for a in DATA.priority_areas] == [
        (1, "Mielenterveys pääomana"),
        (2, "Lasten ja nuorten mielenterveyden rakentuminen arjessa"),
        (3, "Mielenterveysoikeudet"),
        (4, "Ihmisen tarpeiden mukaiset, laaja-alaiset palvelut"),
        (5, "Hyvä mielenterveysjohtaminen"),
    ]
    assert DATA.priority_areas[0].name["sv"] == "Psykisk hälsa som kapital"
    assert DATA.priority_areas[4].name["en"] == "Good mental health management"


def test_the_suicide_prevention_programme_belongs_to_the_strategy() -> None:
    programmes = {p.id: p for p in DATA.programmes}
    assert programmes["suicide-prevention-programme"].parent == "mental-health-strategy-2020-2030"
    assert programmes["suicide-prevention-programme"].name["fi"] == "Itsemurhien ehkäisyohjelma"


def test_the_december_2020_decision_funds_three_entities_with_the_amounts_of_the_press_release() -> None:
    grants = {g.entity: g for g in DATA.grants}
    assert {e: g.amount_eur for e, g in grants.items()} == {
        "mito": Decimal("3300000"),
        "itsemurhien-ehkaisy": Decimal("2000000"),
        "ips": Decimal("3100000"),
    }
    assert all(g.approximate for g in grants.values())
    assert all(g.year == 2020 for g in grants.values())
    assert {str(g.decision_date) for g in grants.values()} == {"2020-12-22"}


def test_about_5_8_million_was_left_for_a_supplementary_call() -> None:
    [remainder] = DATA.unallocated
    assert remainder.amount_eur == Decimal("5800000")
    assert remainder.approximate


def test_the_amounts_are_written_as_in_the_press_release() -> None:
    text = _seed(SEED_002)
    for phrase in (
        "noin 3,3 miljoonaa euroa",
        "noin 2 miljoonaa euroa",
        "noin 3,1 miljoona euroa",
        "noin 5,8 miljoonaa euroa",
    ):
        assert phrase in text


def test_the_ips_entity_has_the_three_projects_the_record_mentions() -> None:
    entities = {e.id: e for e in DATA.entities}
    assert entities["ips"].projects_stated == 3
    assert entities["mito"].projects_stated == 15


def test_there_are_eleven_mito_projects_of_december_2020_and_four_of_july_2021() -> None:
    rounds = [p.round for p in DATA.projects if p.entity == "mito"]
    assert rounds.count("2020-12") == 11
    assert rounds.count("2021-07") == 4
    assert [p.name for p in DATA.projects if p.round == "2021-07"] == [
        "Itsenäisesti asuvien 16–18-vuotiaiden nuorten mielenterveyden edistäminen",
        "Hyvinvointilähetti tukena Covid-19-pandemian jälkeisessä arjessa",
        "Miten jaksat omaishoitaja?",
        "Hyvän mielen kunta",
    ]


def test_every_project_is_listed_exactly_as_in_the_innokyla_description() -> None:
    # The page uses a few no-break spaces where a plain space is meant; compare with plain spaces.
    text = _seed(SEED_004).replace("\u00a0", " ")
    for project in DATA.projects:
        assert f"• {project.listed_as}\n" in text, project.id
        assert project.name in project.listed_as
        if project.region_as_listed:
            assert project.listed_as.endswith(project.region_as_listed)


def test_the_regions_of_the_projects_are_as_listed() -> None:
    regions = {p.id: p.region_as_listed for p in DATA.projects if p.region_as_listed}
    assert regions == {
        "mito-helsinki-digi": "Helsinki",
        "mito-paijat-hame": "Päijät-Häme",
        "mito-armi": "Pohjois-Karjala",
        "mito-etela-pohjanmaa": "Etelä-Pohjanmaa",
        "mito-ylojarvi-poimi": "Ylöjärven kaupunki",
        "mito-hamina": "Haminan kaupunki",
        "mito-keski-pohjanmaa": "Keski-Pohjanmaa",
        "mito-pasek": "Pirkanmaan shp",
    }


def test_every_county_code_is_a_porras_county() -> None:
    with (REPO / "porras" / "accounts" / "data" / "counties.csv").open(encoding="utf-8") as fh:
        codes = {row["code"] for row in csv.DictReader(fh)}
    for project in DATA.projects:
        assert project.county_code is None or project.county_code in codes, project.id


def test_the_entity_is_funded_by_stm_and_coordinated_by_thl() -> None:
    entity = {e.id: e for e in DATA.entities}["mielenterveyden-edistaminen"]
    assert entity.description.funder == "Sosiaali- ja terveysministeriö (STM)"
    assert entity.description.contact_organisation == "Terveyden ja hyvinvoinnin laitos (THL)"
    assert str(entity.description.created) == "2021-04-16"
    assert str(entity.description.modified) == "2022-03-07"
    assert entity.priority_area == 1


def test_every_source_that_is_kept_exists_in_the_folder_of_copies() -> None:
    kept = [s.kept_as for s in DATA.sources if s.kept_as]
    assert kept
    need(SHARED.exists(), f"the folder of the public record's copies {SHARED} is absent")
    for path in kept:
        assert (SHARED / path).exists(), path
