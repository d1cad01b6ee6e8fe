"""Where the time of one API request goes, in-process (no network, no server, no test client).

    .venv/bin/python bench/request_path.py [--requests 2000] [--runs 5]

Calls the WSGI application directly with a built request, as gunicorn would, for the trivial
endpoint (``GET /livez``) and the scoring endpoint (``POST /api/v1/instruments/phq9/score``), and
prints the median time per request over ``--runs`` batches and their ratio. It also times, in the
same run, the scoring result's ``to_dict`` against ``dataclasses.asdict`` (which it replaced) and the
bare scoring call, so that the endpoint's own costs can be told from the shared middleware path.
(Django's test client is not used: it connects signal receivers on every request, which once made the
endpoint look 3.6× slower than the trivial one in a profile.)
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PHQ9 = [1, 2, 1, 0, 1, 2, 1, 0, 0, 0]


def wsgi_caller(application: Any, method: str, path: str, body: Any = None) -> Callable[[], None]:
    data = json.dumps(body).encode() if body is not None else b""
    base = {
        "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1:8000", "wsgi.url_scheme": "http",
        "CONTENT_LENGTH": str(len(data)), "CONTENT_TYPE": "application/json", "wsgi.errors": sys.stderr,
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
    }

    def call() -> None:
        statuses: list[str] = []
        body_iter = application({**base, "wsgi.input": io.BytesIO(data)},
                                lambda status, headers, *rest: statuses.append(status))
        b"".join(body_iter)
        body_iter.close()
        if not statuses[0].startswith("200"):
            raise SystemExit(f"{method} {path}: {statuses[0]}")

    return call


def per_call_ms(fn: Callable[[], Any], n: int, runs: int) -> float:
    for _ in range(min(n, 200)):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        times.append((time.perf_counter() - start) / n * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["PORRAS_VAR_DIR"] = tempfile.mkdtemp(prefix="porras-request-path-")
    os.environ.setdefault("PORRAS_ALLOWED_HOSTS", "127.0.0.1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "porras.settings")
    from porras.instruments.domain import load_instrument, score
    from porras.wsgi import application

    phq9 = load_instrument("phq9")
    result = score(phq9, PHQ9)
    n, runs = args.requests, args.runs
    rows = {
        "GET /livez (whole request)": per_call_ms(wsgi_caller(application, "GET", "/livez"), n, runs),
        "POST /api/v1/instruments/phq9/score (whole request)": per_call_ms(
            wsgi_caller(application, "POST", "/api/v1/instruments/phq9/score", {"answers": PHQ9}), n, runs),
        "score(phq9, answers) alone": per_call_ms(lambda: score(phq9, PHQ9), n, runs),
        "ScoreResult.to_dict()": per_call_ms(result.to_dict, n, runs),
        "dataclasses.asdict(ScoreResult) (before)": per_call_ms(lambda: dataclasses.asdict(result), n, runs),
    }
    print(f"\n{runs} batches × {n} calls, Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f}\n")
    print("| call | ms per call (median) |")
    print("|---|---|")
    for name, ms in rows.items():
        print(f"| {name} | {ms:.3f} |")
    trivial = rows["GET /livez (whole request)"]
    scoring = rows["POST /api/v1/instruments/phq9/score (whole request)"]
    print(f"\nscoring / trivial throughput in-process: {trivial / scoring:.0%}")


if __name__ == "__main__":
    main()
