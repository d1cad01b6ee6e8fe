"""On PostgreSQL the search condition is answered from the GIN indexes of the finnish/swedish/english configs."""

from __future__ import annotations

import pytest
from django.db import connection

from porras.catalogue import search
from porras.catalogue.domain import text

pytestmark = [pytest.mark.postgres_only, pytest.mark.usefixtures("demo_catalogue")]


def test_the_search_condition_uses_the_gin_indexes():
    if connection.vendor != "postgresql":
        pytest.skip("runs when the suite runs on PostgreSQL (PORRAS_DATABASE_URL=postgresql://...)")
    plan = text.parse_query("masennus ångest")
    assert plan is not None
    sql = text.pg_search(plan, search.PG_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f'EXPLAIN SELECT id FROM "catalogue_service" WHERE {sql.where}', sql.where_params)
        explain = "\n".join(row[0] for row in cursor.fetchall())
    assert "catalogue_service_fts_fi" in explain
    assert "catalogue_service_fts_sv" in explain
