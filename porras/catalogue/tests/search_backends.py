"""Test helpers: the demo catalogue indexed in a real SQLite FTS5 table and a real PostgreSQL table."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from porras.catalogue.domain import text
from porras.catalogue.domain.model import Service

FTS_TABLE = "service_fts"
PG_TABLE = "catalogue_search_case"
PG_COLUMNS = {lang: (f"name_{lang}", f"description_{lang}", f"extra_{lang}") for lang in text.SEARCH_LANGUAGES}


def texts(service: Service) -> dict[str, str]:
    return {
        f"{field}_{lang}": service.text(field, lang)
        for lang in text.SEARCH_LANGUAGES
        for field in text.TEXT_FIELDS
    }


def fields(service: Service) -> dict[str, str]:
    """Every searched field of the service, as the catalogue indexes it (texts, compounds, places)."""
    return text.document(dict(texts(service)), text.place_text(service.place_names()))


class SqliteIndex:
    def __init__(self, services: Iterable[Service]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute(text.fts5_create_sql(FTS_TABLE))
        self.ids: dict[int, str] = {}
        columns = text.fts5_columns()
        for rowid, service in enumerate(services, start=1):
            self.ids[rowid] = service.id
            row = text.fts5_row(dict(fields(service)))
            self.db.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, {', '.join(columns)}) "
                f"VALUES (?, {', '.join('?' for _ in columns)})",
                [rowid, *(row[c] for c in columns)],
            )

    def search(self, query: str) -> list[str]:
        plan = text.parse_query(query)
        if plan is None:
            return list(self.ids.values())
        if plan.matches_nothing:
            return []
        weights = ", ".join(str(w) for w in text.FTS5_WEIGHTS)
        rows = self.db.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? "
            f"ORDER BY bm25({FTS_TABLE}, {weights}), rowid",
            [text.fts5_match(plan)],
        ).fetchall()
        return [self.ids[rowid] for (rowid,) in rows]


class PostgresIndex:
    def __init__(self, connection: Any, services: Iterable[Service]) -> None:
        self.db = connection
        columns = [c for lang in text.SEARCH_LANGUAGES for c in PG_COLUMNS[lang]]
        self.db.execute(f"DROP TABLE IF EXISTS {PG_TABLE}")
        self.db.execute(
            f"CREATE TABLE {PG_TABLE} (id text PRIMARY KEY, {', '.join(c + ' text' for c in columns)})"
        )
        for lang in text.SEARCH_LANGUAGES:
            vector = text.pg_document_vector(lang, *PG_COLUMNS[lang])
            self.db.execute(f"CREATE INDEX {PG_TABLE}_{lang}_gin ON {PG_TABLE} USING GIN ({vector})")
        for service in services:
            values = fields(service)
            self.db.execute(
                f"INSERT INTO {PG_TABLE} (id, {', '.join(columns)}) "
                f"VALUES (%s, {', '.join('%s' for _ in columns)})",
                [service.id, *(values[c] for c in columns)],
            )

    def search(self, query: str) -> list[str]:
        plan = text.parse_query(query)
        if plan is None:
            return [row[0] for row in self.db.execute(f"SELECT id FROM {PG_TABLE} ORDER BY id").fetchall()]
        if plan.matches_nothing:
            return []
        sql = text.pg_search(plan, PG_COLUMNS)
        rows = self.db.execute(
            f"SELECT id, {sql.rank} AS r FROM {PG_TABLE} WHERE {sql.where} ORDER BY r DESC, id",
            [*sql.rank_params, *sql.where_params],
        ).fetchall()
        return [row[0] for row in rows]
