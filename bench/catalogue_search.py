"""Speed and index size of the catalogue's full-text search, SQLite FTS5 and PostgreSQL, on a large
synthetic catalogue made from the demo services.

    .venv/bin/python bench/catalogue_search.py [--copies 200] [--runs 5] [--repo PATH] [--pg URL]

Each demo service is copied ``--copies`` times (names and descriptions kept, ids and places varied over
the demo's municipalities and districts), indexed as the catalogue indexes it, and a fixed set of
queries is run ``--runs`` times on each database; it prints the median milliseconds per query and the
size of the index. ``--repo`` runs the same on another checkout's ``porras.catalogue.domain`` (e.g. the
code before compound words and places were indexed, extracted with ``git archive``), so that the two
can be compared on one machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

QUERIES = ["masennus", "terapia", "ahdistus nuoret", "päihde", "ångest", "Kalasatama", "Tampere",
           "terapia Kalasatama", "nettiterapia", "depression"]
PLACES = [("Helsinki", "Kalasatama"), ("Helsinki", "Kallio"), ("Tampere", "Hervanta"), ("Tampere", "Keskusta"),
          ("Vaasa", "Keskusta")]


def catalogue(copies: int) -> list[tuple[dict[str, str], list[str]]]:
    from porras.catalogue.domain.demo import load_demo

    rows = []
    for service in load_demo().services:
        texts = {f"{f}_{lang}": service.text(f, lang) for lang in ("fi", "sv", "en") for f in ("name", "description")}
        for copy in range(copies):
            rows.append((texts, list(PLACES[copy % len(PLACES)])))
    return rows


def fields_of(text: Any, texts: dict[str, str], places: list[str]) -> dict[str, str]:
    if hasattr(text, "document"):  # compound heads and places indexed
        return dict(text.document(dict(texts), text.place_text(places)))
    return dict(texts)


def bench_sqlite(text: Any, rows: list[Any], runs: int) -> dict[str, Any]:
    db = sqlite3.connect(":memory:")
    db.execute(text.fts5_create_sql("fts"))
    columns = text.fts5_columns()
    start = time.perf_counter()
    for rowid, (texts, places) in enumerate(rows, start=1):
        row = text.fts5_row(fields_of(text, texts, places))
        db.execute(f"INSERT INTO fts(rowid, {', '.join(columns)}) VALUES (?, {', '.join('?' for _ in columns)})",
                   [rowid, *(row[c] for c in columns)])
    index_seconds = time.perf_counter() - start
    size = db.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'fts%'").fetchone()[0] \
        if _has_dbstat(db) else None
    weights = ", ".join(str(w) for w in text.FTS5_WEIGHTS)
    timings, hits = {}, {}
    for query in QUERIES:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            plan = text.parse_query(query)
            found = db.execute(f"SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, {weights})",
                               [text.fts5_match(plan)]).fetchall()
            times.append(time.perf_counter() - t0)
        timings[query], hits[query] = round(statistics.median(times) * 1000, 2), len(found)
    return {"index_seconds": round(index_seconds, 2), "index_bytes": size, "ms": timings, "hits": hits}


def _has_dbstat(db: sqlite3.Connection) -> bool:
    try:
        db.execute("SELECT 1 FROM dbstat LIMIT 1")
        return True
    except sqlite3.OperationalError:
        return False


def bench_postgres(text: Any, rows: list[Any], runs: int, url: str) -> dict[str, Any]:
    import psycopg

    new = hasattr(text, "document")
    per_lang = {lang: (f"name_{lang}", f"description_{lang}", *((f"extra_{lang}",) if new else ()))
                for lang in ("fi", "sv", "en")}
    columns = [c for cols in per_lang.values() for c in cols]
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("DROP TABLE IF EXISTS bench_catalogue")
        db.execute(f"CREATE TABLE bench_catalogue (id serial PRIMARY KEY, {', '.join(c + ' text' for c in columns)})")
        with db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO bench_catalogue ({', '.join(columns)}) VALUES ({', '.join('%s' for _ in columns)})",
                [[fields_of(text, texts, places).get(c, "") for c in columns] for texts, places in rows])
        start = time.perf_counter()
        for lang, cols in per_lang.items():
            db.execute(f"CREATE INDEX bench_catalogue_{lang} ON bench_catalogue USING GIN "
                       f"({text.pg_document_vector(lang, *cols)})")
        index_seconds = time.perf_counter() - start
        db.execute("ANALYZE bench_catalogue")
        size = sum(db.execute("SELECT pg_relation_size(%s)", [f"bench_catalogue_{lang}"]).fetchone()[0]
                   for lang in per_lang)
        timings, hits = {}, {}
        for query in QUERIES:
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                sql = text.pg_search(text.parse_query(query), per_lang)
                found = db.execute(f"SELECT id, {sql.rank} AS r FROM bench_catalogue WHERE {sql.where} ORDER BY r DESC",
                                   [*sql.rank_params, *sql.where_params]).fetchall()
                times.append(time.perf_counter() - t0)
            timings[query], hits[query] = round(statistics.median(times) * 1000, 2), len(found)
        db.execute("DROP TABLE bench_catalogue")
    return {"index_seconds": round(index_seconds, 2), "index_bytes": size, "ms": timings, "hits": hits}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repo", default=str(Path(__file__).resolve().parents[1]))
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    sys.path.insert(0, args.repo)
    from porras.catalogue.domain import text

    rows = catalogue(args.copies)
    out = {"repo": args.repo, "services": len(rows), "sqlite": bench_sqlite(text, rows, args.runs)}
    try:
        out["postgresql"] = bench_postgres(text, rows, args.runs, args.pg)
    except Exception as error:  # no server: SQLite only
        out["postgresql"] = f"not run: {error}"
    print(json.dumps(out, ensure_ascii=False, indent=1, default=dataclasses.asdict))


if __name__ == "__main__":
    main()
