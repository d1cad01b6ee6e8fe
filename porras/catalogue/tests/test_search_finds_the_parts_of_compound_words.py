"""Search finds the parts of Finnish and Swedish compound words, with the same hits on SQLite FTS5 and
PostgreSQL: "terapia" finds "lyhytterapia" and "nettiterapia", "terapi" "korttidsterapi"."""

from __future__ import annotations

import pytest

from porras.catalogue.domain import text
from porras.catalogue.domain.demo import demo_id, load_demo

from .search_backends import PostgresIndex, SqliteIndex

# Expected hits written by hand from porras/catalogue/data/demo_catalogue.yaml (demo keys).
CASES = {
    # lyhytterapia, lyhytpsykoterapia, nettiterapia, kuntoutuspsykoterapiaan, (sv) korttidsterapi
    "terapia": {"hel-lyhytterapia", "hel-lyhytpsykoterapia", "pir-nettiterapia", "hel-psykiatria",
                "poh-korttidsterapi"},
    "terapi": {"hel-lyhytterapia", "hel-lyhytpsykoterapia", "pir-nettiterapia", "hel-psykiatria",
               "poh-korttidsterapi"},
    # vertaistukiryhmä, kriisiryhmä, Cool Kids -ryhmä, (sv) kamratgrupper, krisgruppen, gruppbehandling ...
    "ryhmä": {"pir-vertaistuki", "poh-krisgrupp", "poh-coolkids", "pir-kohtaamispaikka", "poh-familjecentral"},
    "grupp": {"pir-vertaistuki", "poh-krisgrupp", "poh-coolkids", "pir-kohtaamispaikka", "poh-familjecentral"},
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


def _ids(keys: set[str]) -> set[str]:
    return {demo_id("service", key) for key in keys}


@pytest.mark.parametrize("query", sorted(CASES))
def test_a_part_finds_the_compounds_on_sqlite(sqlite_index, query):
    assert set(sqlite_index.search(query)) == _ids(CASES[query])


@pytest.mark.parametrize("query", sorted(CASES))
def test_a_part_finds_the_compounds_on_postgresql(postgres_index, query):
    assert set(postgres_index.search(query)) == _ids(CASES[query])


def test_the_compound_heads_are_found_in_inflected_words():
    for word in ("nettiterapiassa", "lyhytterapiaa", "lyhytterapia", "psykoterapian"):
        assert text.compound_parts(word, "fi"), word
    assert "terapin" in text.compound_parts("internetterapin", "sv")


def test_a_head_alone_is_not_a_compound_of_itself():
    assert text.compound_parts("terapia hoito ryhmä", "fi") == []
    assert text.compound_parts("terapi grupp", "sv") == []
