"""The same queries give the same hits on SQLite FTS5 and on PostgreSQL (finnish/swedish/english)."""

from __future__ import annotations

import pytest

from porras.catalogue.domain.demo import demo_id, load_demo

from .search_backends import PostgresIndex, SqliteIndex

# Expected hits written by hand from porras/catalogue/data/demo_catalogue.yaml (demo keys).
CASES = {
    # masennus -> masennuksen / masennukseen / masennuksesta / masennus in the Finnish texts
    "masennus": {
        "hel-matalan-kynnyksen-piste",
        "hel-lyhytterapia",
        "pir-nettiterapia",
        "pir-vertaistuki",
        "poh-stodchatt",
        "poh-korttidsterapi",
        "poh-psykiatri",
    },
    # ahdistus -> ahdistuksen / ahdistukseen / ahdistuneisuuden / ahdistuneille
    "ahdistus": {
        "hel-matalan-kynnyksen-piste",
        "hel-lyhytterapia",
        "hel-opiskeluterveys",
        "pir-nettiterapia",
        "pir-kouluterveys",
        "poh-coolkids",
    },
    # ångest -> ångest / ångesten in the Swedish texts
    "ångest": {
        "hel-lyhytterapia",
        "hel-opiskeluterveys",
        "pir-nettiterapia",
        "pir-kouluterveys",
        "poh-coolkids",
        "poh-missbruk",
        "poh-stodchatt",
    },
    # every word must match (nuoret -> nuorille / nuorten / nuori)
    "ahdistus nuoret": {"pir-nettiterapia", "poh-coolkids"},
    "ångest unga": {"pir-nettiterapia", "poh-coolkids"},
    # compounds by prefix: päihde -> päihdepiste, päihdetiimi, päihdeklinikka, päihdepalvelujen, päihteiden
    "päihde": {"hel-matalan-kynnyksen-piste", "pir-mt-paihdetiimi", "pir-paihdeklinikka", "poh-missbruk"},
    # Swedish and English texts both say depression
    "depression": {"hel-lyhytterapia", "pir-vertaistuki", "poh-korttidsterapi", "poh-psykiatri"},
    # a Finnish stop word alone matches nothing
    "ja": set(),
    "xyzzy": set(),
}


@pytest.fixture(scope="module")
def services():  # type: ignore[no-untyped-def]
    return load_demo().services


@pytest.fixture(scope="module")
def sqlite_index(services):  # type: ignore[no-untyped-def]
    return SqliteIndex(services)


@pytest.fixture(scope="module")
def postgres_index(pg_connection, services):  # type: ignore[no-untyped-def]
    return PostgresIndex(pg_connection, services)


def expected_ids(keys: set[str]) -> set[str]:
    return {demo_id("service", key) for key in keys}


@pytest.mark.parametrize("query", sorted(CASES))
def test_it_finds_the_inflected_forms_on_sqlite_fts5(sqlite_index, query):
    assert set(sqlite_index.search(query)) == expected_ids(CASES[query])


@pytest.mark.parametrize("query", sorted(CASES))
def test_it_finds_the_inflected_forms_on_postgresql(postgres_index, query):
    assert set(postgres_index.search(query)) == expected_ids(CASES[query])


def test_masennus_finds_a_text_that_only_says_masennuksen(sqlite_index, postgres_index):
    only_inflected = demo_id("service", "hel-matalan-kynnyksen-piste")
    assert only_inflected in sqlite_index.search("masennus")
    assert only_inflected in postgres_index.search("masennus")


def test_ahdistus_finds_a_text_that_only_says_ahdistukseen(sqlite_index, postgres_index):
    only_inflected = demo_id("service", "hel-opiskeluterveys")
    assert only_inflected in sqlite_index.search("ahdistus")
    assert only_inflected in postgres_index.search("ahdistus")


def test_angest_finds_a_text_that_only_says_angesten(sqlite_index, postgres_index):
    only_inflected = demo_id("service", "poh-missbruk")
    assert only_inflected in sqlite_index.search("ångest")
    assert only_inflected in postgres_index.search("ångest")


def test_it_ranks_a_name_match_above_a_description_match(sqlite_index, postgres_index):
    # only the peer support group has "depression" in its (Swedish and English) name
    name_match = demo_id("service", "pir-vertaistuki")
    assert sqlite_index.search("depression")[0] == name_match
    assert postgres_index.search("depression")[0] == name_match
