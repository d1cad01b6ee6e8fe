"""Synonyms are data in the taxonomy (each group with its source): a query word also finds what its
synonyms find, on both databases."""

from __future__ import annotations

import pytest

from porras.catalogue.domain import taxonomy
from porras.catalogue.domain.demo import load_demo

from .search_backends import PostgresIndex, SqliteIndex


@pytest.fixture(scope="module")
def indexes(pg_connection):  # type: ignore[no-untyped-def]
    services = load_demo().services
    return SqliteIndex(services), PostgresIndex(pg_connection, services)


def test_every_synonym_group_names_its_source():
    groups = taxonomy.synonym_groups()
    assert groups
    assert all(group.source for group in groups)


def test_depressio_finds_what_masennus_finds(indexes):
    for index in indexes:
        found = set(index.search("depressio"))
        assert found and found == set(index.search("masennus"))


def test_verkko_finds_the_services_that_say_netti(indexes):
    for index in indexes:
        assert set(index.search("netti")) <= set(index.search("verkko"))


def test_synonyms_stay_within_their_language():
    assert taxonomy.synonyms("internet", "sv") == {"internet", "nät", "webb"}
    assert taxonomy.synonyms("masennus", "sv") == {"masennus"}
