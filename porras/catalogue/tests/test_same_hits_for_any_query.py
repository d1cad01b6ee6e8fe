"""Property: any query gives the same hits on SQLite FTS5 and PostgreSQL, and never a syntax error."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from porras.catalogue.domain import text
from porras.catalogue.domain.demo import load_demo

from .search_backends import PostgresIndex, SqliteIndex, texts

SERVICES = load_demo().services
VOCABULARY = sorted(
    {
        word
        for service in SERVICES
        for value in texts(service).values()
        for word in re.findall(r"[^\W_]+", value.lower())
    }
)
ALPHABET = "abcdefghijklmnopqrstuvwxyzåäöé ÅÄÖ-'\"*:()&|!.,0123456789"


@pytest.fixture(scope="module")
def sqlite_index():  # type: ignore[no-untyped-def]
    return SqliteIndex(SERVICES)


@pytest.fixture(scope="module")
def postgres_index(pg_connection):  # type: ignore[no-untyped-def]
    return PostgresIndex(pg_connection, SERVICES)


STEMMER_DIFFERS = pytest.mark.xfail(
    not text.stemmer_matches_postgresql(),
    reason=f"snowballstemmer {text.stemmer_version()} is not Snowball {text.POSTGRESQL_SNOWBALL_VERSION} "
    "(PostgreSQL's): a few Swedish/English words stem differently; pin snowballstemmer==2.2.0",
    strict=False,
)

queries_of_catalogue_words = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3).map(" ".join)
queries_of_any_characters = st.text(alphabet=ALPHABET, max_size=40)


@STEMMER_DIFFERS
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries_of_catalogue_words)
def test_a_query_of_catalogue_words_gives_the_same_hits_on_both_databases(
    sqlite_index, postgres_index, query
):
    assert set(sqlite_index.search(query)) == set(postgres_index.search(query))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries_of_any_characters)
def test_a_query_of_any_characters_is_never_a_syntax_error_on_either_database(
    sqlite_index, postgres_index, query
):
    try:
        sqlite_index.search(query)
    except text.QueryError:
        return
    postgres_index.search(query)


@STEMMER_DIFFERS
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries_of_any_characters)
def test_a_query_of_any_characters_gives_the_same_hits_on_both_databases(sqlite_index, postgres_index, query):
    try:
        sqlite_hits = set(sqlite_index.search(query))
    except text.QueryError:
        return
    assert sqlite_hits == set(postgres_index.search(query))


@settings(max_examples=300, deadline=None)
@given(query=st.text(max_size=60))
def test_fts5_accepts_every_query_the_builder_makes(query):
    index = SqliteIndex(SERVICES[:2])
    try:
        index.search(query)
    except text.QueryError as error:
        assert str(error).startswith("q:")


@pytest.mark.xfail(
    not text.stemmer_matches_postgresql(),
    strict=True,
    reason="snowballstemmer 3.x differs from PostgreSQL's Snowball 2.2.0 (e.g. Swedish 'missbruket')",
)
def test_every_stem_python_makes_is_a_lexeme_postgresql_makes(pg_connection):
    for service in SERVICES:
        for column, value in texts(service).items():
            language = column.rsplit("_", 1)[1]
            ours = set(text.stem_text(value, language).split())
            row = pg_connection.execute(
                "SELECT array(SELECT lexeme FROM unnest(to_tsvector(%s::regconfig, %s)))",
                [text.PG_CONFIG[language], value],
            ).fetchone()
            assert ours <= set(row[0]), (service.name, column, ours - set(row[0]))
