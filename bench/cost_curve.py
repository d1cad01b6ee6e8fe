"""Benchmark: the cost curve of the national outcome report, 1, 3 and 10 million episodes, on DuckDB
(in-process) and on Spark SQL in local mode (BENCHMARKS.md section "cost curve").

    .venv/bin/python bench/cost_curve.py --sizes 1000000,3000000,10000000 --seed 1

Data: bench/data/curve-N-SEED/ (git-ignored), each table a folder of Parquet files, one per million
episodes: chunk i is ``synth_tables(1,000,000, SEED + i)`` (what ``porras synth --episodes 1000000
--seed SEED+i`` writes) with its ids shifted past the chunks before it. ``porras synth`` holds a whole
data set in memory - about 1.7 GB per million episodes - so ten million are made a million at a
time; the 1 and 3 million data sets are the first chunks of the 10 million one (hard links). Each run is a fresh child process (bench/_cost_curve_child.py);
the parent samples the resident memory of the child and all its descendants (for Spark: the Python
driver and its JVM) every 50 ms and keeps the peak of the sum. The two engines' published reports
are compared cell for cell at every size.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHUNK = 1_000_000
PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


def _make_chunks(count: int, seed: int, chunks: Path) -> None:
    """Chunks 0..count-1 of a million episodes each (those already made are kept)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from porras.outcomes.synth import synth_tables

    for i in range(count):
        done = chunks / f"chunk-{i:03d}"
        if (done / "complete").exists():
            continue
        tables = synth_tables(CHUNK, seed + i)
        # Ids shifted past the chunks before: every chunk has CHUNK episodes and fewer than
        # 10 * CHUNK appointments and measurements (about 3.9 and 5.3 per episode).
        for name, table in tables.items():
            for column in ("episode_id", "appointment_id", "measurement_id"):
                if column in table.column_names:
                    step = CHUNK if column == "episode_id" else 10 * CHUNK
                    index = table.schema.get_field_index(column)
                    table = table.set_column(index, column, pc.add(table.column(column), i * step))
            if name == "episodes":
                index = table.schema.get_field_index("client_id")
                shifted = pc.binary_join_element_wise(pa.scalar(f"{i}-"), table.column("client_id"), "")
                table = table.set_column(index, "client_id", shifted)
            done.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, done / f"{name}.parquet", row_group_size=262_144)
        (done / "complete").write_text("")
        print(f"synth chunk {i}", file=sys.stderr)


def ensure_data(episodes: int, seed: int) -> Path:
    """bench/data/curve-N-SEED/TABLE/part-I.parquet: hard links to the first N / 1,000,000 chunks."""
    if episodes % CHUNK:
        raise SystemExit(f"--sizes: {episodes} is not a whole number of millions")
    count = episodes // CHUNK
    chunks = HERE / "data" / f"curve-chunks-{seed}"
    code = (f"import sys; sys.path.insert(0, {str(HERE)!r}); import cost_curve as c; "
            f"from pathlib import Path; c._make_chunks({count}, {seed}, Path({str(chunks)!r}))")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)  # not in the measured parent
    folder = HERE / "data" / f"curve-{episodes}-{seed}"
    for i in range(count):
        for name in ("episodes", "appointments", "measurements"):
            link = folder / name / f"part-{i:03d}.parquet"
            if not link.exists():
                link.parent.mkdir(parents=True, exist_ok=True)
                os.link(chunks / f"chunk-{i:03d}" / f"{name}.parquet", link)
    return folder


def _tree_usage(root: int) -> tuple[int, float]:
    """Resident bytes and CPU seconds (user + system) of ``root`` and every process descending
    from it (read from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)  # fields[1]: parent pid
        rss[pid] = int(fields[21]) * PAGE  # fields[21]: resident pages
        cpu[pid] = (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
    total, seconds, todo = 0, 0.0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        seconds += cpu.get(pid, 0.0)
        todo.extend(children.get(pid, ()))
    return total, seconds


def run_child(engine: str, folder: Path, args: argparse.Namespace, report_json: Path) -> dict:
    cmd = [sys.executable, str(HERE / "_cost_curve_child.py"), engine, str(folder), args.group_by,
           str(args.threads), args.spark_memory, str(report_json)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    peak, cpu = 0, 0.0
    while proc.poll() is None:
        rss, seconds = _tree_usage(proc.pid)
        peak, cpu = max(peak, rss), max(cpu, seconds)
        time.sleep(0.05)
    wall = time.perf_counter() - start
    assert proc.stdout is not None
    out = proc.stdout.read().decode()
    if proc.returncode != 0:
        raise SystemExit(f"{engine} failed with exit code {proc.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    result["process_seconds"] = wall
    result["peak_mb"] = peak / 2**20
    result["cpu_seconds"] = cpu  # up to the last sample, 50 ms or less before the child ended
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000000,3000000,10000000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--engines", default="duckdb,spark")
    parser.add_argument("--group-by", default="county,quarter")
    parser.add_argument("--threads", type=int, default=2, help="DuckDB threads; Spark local[N]")
    parser.add_argument("--spark-memory", default="4g", help="spark.driver.memory (the local JVM's heap)")
    args = parser.parse_args()
    engines = args.engines.split(",")
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        folder = ensure_data(size, args.seed)
        reports = {}
        for engine in engines:
            report_json = folder / f"report-{engine}.json"
            load = os.getloadavg()[0]
            r = run_child(engine, folder, args, report_json)
            r.update(size=size, load=load)
            reports[engine] = json.loads(report_json.read_text())
            rows.append(r)
            print(f"{size} {engine}: {r['seconds']:.2f} s (+{r['start_seconds']:.1f} s start), "
                  f"{r['process_seconds']:.1f} s process, {r['cpu_seconds']:.1f} CPU s, {r['peak_mb']:.0f} MB, load {load:.1f}", file=sys.stderr)
        same = all(reports[e] == reports[engines[0]] for e in engines)
        for r in rows:
            if r["size"] == size:
                r["equal"] = same
    print(f"\nPython {platform.python_version()}, group by {args.group_by}, {args.threads} threads / local[{args.threads}], "
          f"spark.driver.memory {args.spark_memory}, load average at end {os.getloadavg()[0]:.1f}\n")
    print("| episodes | engine | report s | start s | process s | CPU s | peak MB | groups | load at start | equal |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['size']:,} | {r['engine']} | {r['seconds']:.2f} | {r['start_seconds']:.1f} | "
              f"{r['process_seconds']:.1f} | {r['cpu_seconds']:.1f} | {r['peak_mb']:.0f} | {r['groups']} | {r['load']:.1f} | "
              f"{'yes' if r['equal'] else 'NO'} |")
    out = HERE / "data" / f"curve-results-{int(time.time())}.json"
    out.write_text(json.dumps({"args": vars(args), "rows": rows}, indent=1))
    print(f"raw figures: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
