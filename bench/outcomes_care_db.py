"""Benchmark: the county report from the care app's own tables (``--source db``), SQLite and PostgreSQL.

    .venv/bin/python bench/outcomes_care_db.py --episodes 100000 --seed 3 --runs 5

``bench/outcomes_county.py`` times the engine over plain tables with the interchange columns; this
one times what a deployment runs: a fresh, migrated Porras database of each kind, the synthetic data
set imported with ``porras import`` (validation, pseudonyms, risk flags, the care tables' indexes),
then ``porras.outcomes.services.run(kind, "db", group_by, policy=...)`` - the engine over the care tables through
``porras.outcomes.sources`` - one warm-up and ``--runs`` timed runs in a child process per database.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.server import Server, drop_database, fresh_database_url, pg_available  # noqa: E402

CHILD = r"""
import json, os, sys, time
import django
django.setup()
from django.db import connection
from porras.lib.disclosure import Policy
from porras.outcomes import services
from porras.outcomes.domain.engine import parse_group_by
group_by, runs = parse_group_by(sys.argv[1]), int(sys.argv[2])
out = {"vendor": connection.vendor}
policy = Policy(5, 5)  # as a county analyst gets it: rounded, complementary suppression included
for kind in ("outcomes", "access"):
    services.run(kind, "db", group_by, policy=policy)  # warm-up: caches, statistics, connection
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        report = services.run(kind, "db", group_by, policy=policy)
        times.append(time.perf_counter() - start)
    out[kind] = {"times": times, "groups": len(report.groups)}
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--episodes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--group-by", default="unit,quarter")
    args = parser.parse_args()

    folder = HERE / "data" / f"import-{args.episodes}-{args.seed}"
    if not (folder / "episodes.parquet").exists():
        subprocess.run([sys.executable, "-m", "porras.cli", "synth", "--episodes", str(args.episodes),
                        "--seed", str(args.seed), "--out", str(folder)], cwd=HERE.parent, check=True)
    kinds = ["sqlite"] + (["postgresql"] if pg_available() else [])
    print(f"{args.episodes:,} episodes imported from {folder.name}, group by {args.group_by}, "
          f"{args.runs} runs after one warm-up\n")
    print("| database | report | median s | runs s | groups |")
    print("|---|---|---|---|---|")
    for kind in kinds:
        var_dir = Path(tempfile.mkdtemp(prefix="porras-care-db-"))
        url = fresh_database_url(kind, var_dir)
        try:
            server = Server(var_dir, url)
            server.porras("migrate", "--no-input", "-v", "0")
            server.porras("import", str(folder))
            env = {**server.env(), "DJANGO_SETTINGS_MODULE": "porras.settings"}
            done = subprocess.run([sys.executable, "-c", CHILD, args.group_by, str(args.runs)], env=env,
                                  cwd=HERE.parent, capture_output=True, text=True, check=True)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            for report in ("outcomes", "access"):
                times = result[report]["times"]
                print(f"| {result['vendor']} (care tables) | {report} | {statistics.median(times):.2f} | "
                      f"{', '.join(f'{t:.2f}' for t in times)} | {result[report]['groups']} |")
        finally:
            drop_database(url)
    print(f"\nload average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
