"""Benchmark: the national outcome report over synthetic Parquet data (docs/product.md section 5).

Runs, side by side in the same run and interleaved, (1) the Porras engine (DuckDB in-process),
(a) the plain pandas implementation of the same definitions and (b) a DuckDB query that only
counts rows per group (the scan floor). Each run is a fresh child process; the parent takes its
wall time and its peak resident memory (``os.wait4`` -> ``ru_maxrss`` of that child alone).

    .venv/bin/python bench/outcomes_national.py --episodes 1000000 --seed 1 --runs 5

Generated data go to bench/data/ (git-ignored). Prints a Markdown table and writes the raw
figures as JSON next to the data.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
IMPLS = ("porras", "pandas", "scan_floor")


def ensure_data(episodes: int, seed: int) -> Path:
    folder = HERE / "data" / f"national-{episodes}-{seed}"
    if not (folder / "measurements.parquet").exists():
        # `porras synth` in a child process: the children measured later are forked from this one,
        # and a fork starts with its parent's resident size in ru_maxrss (1.7 GB after an in-process synth).
        done = subprocess.run([sys.executable, "-m", "porras.cli", "synth", "--episodes", str(episodes),
                               "--seed", str(seed), "--out", str(folder)],
                              cwd=ROOT, check=True, capture_output=True, text=True)
        print(f"synth: {done.stdout.strip()}", file=sys.stderr)
    return folder


def run_child(impl: str, folder: Path, group_by: str, threads: int, cpus: str | None, nice: int) -> dict:
    cmd = [sys.executable, str(HERE / "_outcomes_child.py"), impl, str(folder), group_by, str(threads)]
    if cpus:
        cmd = ["taskset", "-c", cpus, *cmd]
    if nice:
        cmd = ["nice", "-n", str(nice), *cmd]
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS=str(threads))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, env=env, cwd=ROOT)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{impl} failed with exit code {proc.returncode}")
    result = json.loads(out.decode().strip().splitlines()[-1])
    result["process_seconds"] = wall
    result["peak_mb"] = usage.ru_maxrss / 1024  # Linux: kilobytes
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--episodes", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--group-by", default="county,quarter")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cpus", default="0,1", help="taskset CPU list ('' to not pin)")
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="scheduling priority of the children (negative: ahead of other load)",
    )
    args = parser.parse_args()

    folder = ensure_data(args.episodes, args.seed)
    results: dict[str, list[dict]] = {impl: [] for impl in IMPLS}
    for run in range(args.runs):
        order = IMPLS[run % 3 :] + IMPLS[: run % 3]  # rotate, so no implementation always goes first
        for impl in order:
            r = run_child(impl, folder, args.group_by, args.threads, args.cpus or None, args.nice)
            results[impl].append(r)
            print(f"run {run + 1} {impl}: {r['seconds']:.2f} s, {r['peak_mb']:.0f} MB", file=sys.stderr)

    def med(impl: str, key: str) -> float:
        return statistics.median(r[key] for r in results[impl])

    sizes = {
        name: __import__("pyarrow.parquet", fromlist=["x"])
        .ParquetFile(folder / f"{name}.parquet")
        .metadata.num_rows
        for name in ("episodes", "appointments", "measurements")
    }
    print(
        f"\nData: {sizes} ({folder.relative_to(ROOT)}), group by {args.group_by}, {args.runs} runs, "
        f"{args.threads} threads, CPUs {args.cpus or 'all'}, nice {args.nice}, Python {platform.python_version()}, "
        f"load average at end {os.getloadavg()[0]:.1f}\n"
    )
    print(
        "| implementation | report s (median) | process s (median) | CPU s (median) | peak MB (median) | groups |"
    )
    print("|---|---|---|---|---|---|")
    for impl in IMPLS:
        print(
            f"| {impl} | {med(impl, 'seconds'):.2f} | {med(impl, 'process_seconds'):.2f} | "
            f"{med(impl, 'cpu_seconds'):.2f} | {med(impl, 'peak_mb'):.0f} | {results[impl][0]['groups']} |"
        )
    print(
        f"\npandas / porras (report s): {med('pandas', 'seconds') / med('porras', 'seconds'):.1f}x; "
        f"porras / scan floor: {med('porras', 'seconds') / med('scan_floor', 'seconds'):.1f}x"
    )
    out = folder / f"results-{int(time.time())}.json"
    out.write_text(json.dumps({"args": vars(args), "sizes": sizes, "results": results}, indent=1))
    print(f"raw figures: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
