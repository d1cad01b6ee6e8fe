"""Benchmark: `porras import DIR` into PostgreSQL against plain `COPY` of the same rows, same run.

    .venv/bin/python bench/import_rate.py --episodes 100000 --seed 3 --runs 3

Writes a synthetic data set (Parquet, git-ignored under bench/data/), then alternates, for each run:
(a) a fresh, migrated Porras database and `porras import DIR` (the care app's all-or-nothing import
with validation, pseudonyms, risk flags, foreign keys and indexes), timed around the import in its
own process (the rate the command prints), and (b) a fresh database and `COPY` of the same three
tables into plain tables with primary keys (porras.outcomes.tests.sqlstore.load_postgresql),
timed around the load. Prints rows/s medians and the ratio.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from porras.outcomes.synth import synth, synth_tables  # noqa: E402
from porras.outcomes.tests.sqlstore import load_postgresql  # noqa: E402
from tests.server import Server, drop_database, fresh_database_url  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--episodes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    folder = HERE / "data" / f"import-{args.episodes}-{args.seed}"
    if not (folder / "episodes.parquet").exists():
        synth(args.episodes, args.seed, folder)
    tables = synth_tables(args.episodes, args.seed)
    rows = sum(t.num_rows for t in tables.values())

    porras_rates: list[float] = []
    copy_rates: list[float] = []
    for _ in range(args.runs):
        var_dir = Path(tempfile.mkdtemp(prefix="porras-import-"))
        url = fresh_database_url("postgresql", var_dir)
        try:
            server = Server(var_dir, url)
            server.porras("migrate", "--no-input", "-v", "0")
            output = server.porras("import", str(folder))
            match = re.search(r"\(([\d,]+) rows/s\)", output)
            assert match, output
            porras_rates.append(float(match.group(1).replace(",", "")))
        finally:
            drop_database(url)

        url = fresh_database_url("postgresql", var_dir)
        try:
            with psycopg.connect(url) as connection:
                started = time.perf_counter()
                load_postgresql(connection, tables)
                copy_rates.append(rows / (time.perf_counter() - started))
        finally:
            drop_database(url)

    porras_median = statistics.median(porras_rates)
    copy_median = statistics.median(copy_rates)
    print(f"{rows:,} rows ({args.episodes:,} episodes), {args.runs} runs, interleaved")
    print("| load | rows/s (median) | runs |")
    print("|---|---|---|")
    print(f"| porras import | {porras_median:,.0f} | {', '.join(f'{r:,.0f}' for r in porras_rates)} |")
    print(f"| COPY into plain tables | {copy_median:,.0f} | {', '.join(f'{r:,.0f}' for r in copy_rates)} |")
    print(f"porras import / COPY: {porras_median / copy_median:.0%} (target: porras import ≥ 100,000 rows/s)")


if __name__ == "__main__":
    main()
