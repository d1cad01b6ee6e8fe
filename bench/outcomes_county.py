"""Benchmark: a county report (100,000 synthetic episodes) from SQLite and from PostgreSQL.

    .venv/bin/python bench/outcomes_county.py --episodes 100000 --seed 2 --runs 5 \
        --postgres postgresql://postgres@127.0.0.1:5432

Loads the synthetic data set into plain tables with the interchange columns (a SQLite file under
bench/data/ and the PostgreSQL database ``porras_outcomes_bench``, created when missing; ANALYZE
after loading), then times ``run_report`` for the outcome and access reports grouped by
unit and quarter. Prints the medians in a Markdown table.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from porras.outcomes.domain.engine import parse_group_by, run_report  # noqa: E402
from porras.outcomes.synth import synth_tables  # noqa: E402
from porras.outcomes.tests.sqlstore import load_postgresql, load_sqlite  # noqa: E402


def timed(fn, runs: int) -> tuple[float, list[float]]:
    fn()  # warm-up (page cache, statistics, plan)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--episodes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--group-by", default="unit,quarter")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    keys = parse_group_by(args.group_by)

    tables = synth_tables(args.episodes, args.seed)
    sizes = {name: t.num_rows for name, t in tables.items()}
    results: list[tuple[str, str, float, list[float]]] = []

    db = HERE / "data" / f"county-{args.episodes}-{args.seed}.sqlite"
    db.parent.mkdir(parents=True, exist_ok=True)
    if not db.exists():
        con = sqlite3.connect(db)
        load_sqlite(con, tables)
        con.execute("ANALYZE")
        con.close()
    lite = sqlite3.connect(db)
    for kind in ("outcomes", "access"):
        med, times = timed(lambda kind=kind: run_report(lite, "sqlite", kind, keys), args.runs)
        results.append(("SQLite " + sqlite3.sqlite_version, kind, med, times))
    lite.close()

    if args.postgres:
        import psycopg

        admin = psycopg.connect(f"{args.postgres}/postgres", autocommit=True)
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = 'porras_outcomes_bench'").fetchone():
            admin.execute("CREATE DATABASE porras_outcomes_bench")
        admin.close()
        pg = psycopg.connect(f"{args.postgres}/porras_outcomes_bench")
        pg.execute("DROP TABLE IF EXISTS episodes, appointments, measurements")
        pg.commit()
        start = time.perf_counter()
        load_postgresql(pg, tables)
        copy_seconds = time.perf_counter() - start
        version = pg.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]
        for kind in ("outcomes", "access"):
            med, times = timed(lambda kind=kind: run_report(pg, "postgresql", kind, keys), args.runs)
            results.append((f"PostgreSQL {version}", kind, med, times))
        pg.close()
        total_rows = sum(sizes.values())
        print(
            f"PostgreSQL COPY of {total_rows} rows (+ indexes, ANALYZE): {copy_seconds:.1f} s = "
            f"{total_rows / copy_seconds:,.0f} rows/s"
        )

    print(f"\nData: {sizes}, group by {args.group_by}, {args.runs} runs after one warm-up\n")
    print("| database | report | median s | runs s |")
    print("|---|---|---|---|")
    for name, kind, med, times in results:
        print(f"| {name} | {kind} | {med:.2f} | {', '.join(f'{t:.2f}' for t in times)} |")


if __name__ == "__main__":
    main()
