"""Load test of the production server on PostgreSQL with demo data (loopback only, bounded in time).

    .venv/bin/python bench/load.py [--seconds 15] [--connections 16] [--threads 2] [--runs 3]

Starts `porras serve` (gunicorn) on a fresh PostgreSQL database loaded with `porras demo` (and, where
the care app provides it, a county's worth of episodes), then drives it with wrk (Debian's `wrk`) —
scoring, navigator, service search, a county report and a trivial endpoint (`/livez`, no
database) — and prints throughput and p50/p95/p99 latency per endpoint, medians over the runs,
plus the ratio of the scoring endpoint's throughput to the trivial endpoint's, measured in the same
server and the same run. Results go to stdout as a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.server import Server, drop_database, fresh_database_url, pg_available  # noqa: E402

LUA_REPORT = r"""
done = function(summary, latency, requests)
  local out = string.format('{"requests": %d, "seconds": %f, "errors": %d, "non2xx": %d, "p50": %f, "p95": %f, "p99": %f}',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000)
  io.stderr:write("WRKJSON " .. out .. "\n")
end
"""


def lua_for(method: str, body: dict | None, headers: dict[str, str]) -> str:
    lines = [f'wrk.method = "{method}"']
    if body is not None:
        lines.append(f"wrk.body = {json.dumps(json.dumps(body))}")
        lines.append('wrk.headers["Content-Type"] = "application/json"')
    for key, value in headers.items():
        lines.append(f'wrk.headers["{key}"] = "{value}"')
    return "\n".join(lines) + "\n" + LUA_REPORT


def run_wrk(url: str, script: Path, seconds: int, connections: int, threads: int) -> dict[str, float]:
    result = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url],
        capture_output=True, text=True, timeout=seconds + 60,
    )
    for line in result.stderr.splitlines():
        if line.startswith("WRKJSON "):
            data = json.loads(line[len("WRKJSON "):])
            data["rps"] = data["requests"] / data["seconds"]
            return data
    raise RuntimeError(f"wrk gave no summary: {result.stdout}\n{result.stderr}")


def print_server_complaints(server: Server) -> None:
    """Every non-2xx answer and error the server logged under load, counted by message, so that an
    'errors + non-2xx' cell above can be explained (Django logs 4xx as WARNING, 5xx as ERROR)."""
    if server.log_path is None or not server.log_path.exists():
        return
    complaints: Counter[str] = Counter()
    for line in server.log_path.read_text(errors="replace").splitlines():
        parts = line.split(" ", 3)  # date, time, level, "logger message"
        if len(parts) == 4 and parts[2] in ("WARNING", "ERROR", "CRITICAL"):
            complaints[f"{parts[2]} {parts[3]}"] += 1
        elif line.startswith("[") and "[ERROR]" in line:  # gunicorn's own log (worker timeouts)
            complaints[line.split("] ", 1)[-1]] += 1
    print("\nserver log, warnings and errors under load:", "none" if not complaints else "")
    for message, count in complaints.most_common(20):
        print(f"  {count} × {message[:200]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    if not pg_available():
        sys.exit("PostgreSQL must answer on 127.0.0.1:5432")

    var_dir = Path(tempfile.mkdtemp(prefix="porras-load-"))
    url = fresh_database_url("postgresql", var_dir)
    server = Server(var_dir, url, workers=args.workers)
    try:
        server.porras("migrate", "--no-input", "-v", "0")
        server.porras("demo")
        token = server.porras("token", "create", "analyytikko.alue", "--expires-days", "1").strip()
        server.start()
        phq9 = {"answers": [1, 2, 1, 0, 1, 2, 1, 0, 0, 0]}
        navigator = {"age": 30, "county": "helsinki", "language": "fi", "concerns": ["depression"],
                     "scores": {"phq9": {"total": 12}}}
        cases = {
            "trivial GET /livez": ("GET", "/livez", None, {}),
            "POST /api/v1/instruments/phq9/score": ("POST", "/api/v1/instruments/phq9/score", phq9, {}),
            "POST /api/v1/navigator": ("POST", "/api/v1/navigator", navigator, {}),
            "GET /api/v1/services?q=masennus&county=helsinki": (
                "GET", "/api/v1/services?q=masennus&county=helsinki", None, {}),
            "GET /api/v1/reports/outcomes?group_by=unit (county analyst)": (
                "GET", "/api/v1/reports/outcomes?group_by=unit", None, {"Authorization": f"Bearer {token}"}),
        }
        # Check each request once before loading it: a benchmark of 4xx answers measures nothing.
        for name, (method, path, body, headers) in cases.items():
            status, answer = server.request(method, path, body, headers=headers)
            if status != 200:
                raise SystemExit(f"{name}: {status} {answer}")
        results: dict[str, list[dict[str, float]]] = {name: [] for name in cases}
        scripts = {}
        for name, (method, _path, body, headers) in cases.items():
            script = var_dir / f"{abs(hash(name))}.lua"
            script.write_text(lua_for(method, body, headers))
            scripts[name] = script
        for _ in range(args.runs):  # interleaved, so that drift in the machine hits every endpoint
            for name, (_method, path, _body, _headers) in cases.items():
                results[name].append(run_wrk(server.url + path, scripts[name], args.seconds,
                                             args.connections, args.threads))
        print(f"\nload average at the end: {os.getloadavg()}")
        print(f"{args.runs} runs × {args.seconds}s, {args.connections} connections, wrk {args.threads} threads, "
              f"gunicorn {args.workers} workers × 4 threads, PostgreSQL\n")
        print("| endpoint | req/s (median) | p50 ms | p95 ms | p99 ms | errors + non-2xx |")
        print("|---|---|---|---|---|---|")
        medians = {}
        for name, runs in results.items():
            med = {k: statistics.median(r[k] for r in runs) for k in ("rps", "p50", "p95", "p99")}
            bad = sum(r["errors"] + r["non2xx"] for r in runs)
            medians[name] = med
            print(f"| {name} | {med['rps']:.0f} | {med['p50']:.1f} | {med['p95']:.1f} | {med['p99']:.1f} | {bad} |")
        ratio = medians["POST /api/v1/instruments/phq9/score"]["rps"] / medians["trivial GET /livez"]["rps"]
        print(f"\nscoring / trivial throughput: {ratio:.0%} (target ≥ 70 %)")
        print_server_complaints(server)
    finally:
        server.stop()
        drop_database(url)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
