"""Shared fixtures of the catalogue tests (no Django needed)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from .django_fixtures import demo_catalogue  # noqa: F401

PG_SERVER = os.environ.get("PORRAS_TEST_PG_SERVER", "postgresql://postgres@127.0.0.1:5432")
PG_DATABASE = "porras_catalogue_test"


@pytest.fixture(scope="session")
def pg_connection() -> Iterator[object]:
    """A connection to the test database porras_catalogue_test (created when missing).

    Skipped with the reason when PostgreSQL does not answer, unless CI=true (then the test fails).
    """
    import psycopg

    try:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as admin:
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PG_DATABASE,)).fetchone()
            if not exists:
                admin.execute(f"CREATE DATABASE {PG_DATABASE}")
    except psycopg.OperationalError as error:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(
            f"PostgreSQL at {PG_SERVER} does not answer ({error.__class__.__name__}); "
            "set CI=true to fail instead"
        )
    connection = psycopg.connect(f"{PG_SERVER}/{PG_DATABASE}", autocommit=True)
    try:
        yield connection
    finally:
        connection.close()
