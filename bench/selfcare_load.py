"""Digital care under load: the therapist's work list and the client's module page, 10,000 active
programme assignments in PostgreSQL, 20 concurrent users (loopback only, bounded in time).

    .venv/bin/python bench/selfcare_load.py [--assignments 10000] [--users 20] [--seconds 15] [--runs 3] [--think 1]

Starts `porras serve` (gunicorn, 3 workers × 4 threads) on a fresh PostgreSQL database with `porras
demo` and N active assignments in the demo professional's unit (each with module progress and a
message), signs in 20 professionals' browser sessions as the demo professional (`/selfcare/worklist/`,
the page with its 200 newest rows) and 20 clients with the demo code (`/selfcare/me/modules/start/`),
and drives each page with 20 threads, each on its own keep-alive connection, for the given seconds.
Latency is measured in the client (Python's http.client; the client shares the 2 cores with the
server and PostgreSQL). Prints p50/p95/p99 and throughput per page, medians over the runs.

``--think S``: each user reads the page for a random time (exponential, mean S seconds) before its
next request, as people do; ``--think 0`` sends the next request at once (20 requests always
waiting: a saturation test, where latency is 20 / throughput by Little's law).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.server import Server, drop_database, fresh_database_url, pg_available  # noqa: E402

PASSWORD = "porras-demo-2026"  # the demo users' password (README)
DEMO_CODE = "DEMO-DEMO-DEMO"  # porras.selfcare.demo

SEED = r"""
import datetime as dt, itertools
from django.db import transaction
from django.utils import timezone
from porras.accounts.models import Unit, User
from porras.care.models import Client, ClientUnit, Episode
from porras.selfcare.domain.programmes import programmes
from porras.selfcare.models import Assignment, Message, ModuleProgress
N = {n}
unit = Unit.objects.select_related("organisation__county").get(code="hki-kalasatama")
county = unit.organisation.county
user = User.objects.get(username="ammattilainen")
now = timezone.now()
today = timezone.localdate()
chosen = [programmes()[p] for p in ("low-mood", "panic", "worry", "sleep")]
with transaction.atomic():
    clients = Client.objects.bulk_create(
        Client(county=county, identifier_system="local", pseudonym=f"bench-{{i:06d}}", code=f"BENCH-{{i:06d}}",
               birth_year=1960 + i % 40, sex=("female", "male")[i % 2], home_county=county, language="fi",
               local_identifier=f"BENCH-{{i:06d}}") for i in range(N))
    ClientUnit.objects.bulk_create(ClientUnit(client=c, unit=unit) for c in clients)
    episodes = Episode.objects.bulk_create(
        Episode(client=c, unit=unit, responsible=user, referral_date=today - dt.timedelta(days=30 + i % 60),
                concerns=["depression"], step=1) for i, c in enumerate(clients))
    assignments = Assignment.objects.bulk_create(
        Assignment(episode=e, programme=chosen[i % 4].id, programme_version=chosen[i % 4].version,
                   modules_total=len(chosen[i % 4].modules), assigned_by=user,
                   started_at=now - dt.timedelta(days=i % 60),
                   last_client_activity_at=now - dt.timedelta(hours=i % 600), awaiting_feedback=(1 + i % 3) * (i % 2 == 0),
                   modules_completed=1 + i % 3,
                   client_message_at=now - dt.timedelta(hours=i % 600)) for i, e in enumerate(episodes))
    progress, messages = [], []
    for i, a in enumerate(assignments):
        modules = chosen[i % 4].modules
        for m in modules[: 1 + i % 3]:
            done = now - dt.timedelta(days=1)
            progress.append(ModuleProgress(assignment=a, module=m.id, answers={{"x": "y"}}, completed_at=done,
                                           feedback="ok" if i % 2 else "", feedback_at=done if i % 2 else None))
        messages.append(Message(assignment=a, sender="client", body="Hello"))
    ModuleProgress.objects.bulk_create(progress, batch_size=5000)
    Message.objects.bulk_create(messages, batch_size=5000)
print(Assignment.objects.filter(ended_at__isnull=True).count())
"""


class Browser:
    """One keep-alive connection with its cookies (a signed-in browser)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # the server closed an idle keep-alive connection: a browser opens a new one
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        text = response.read().decode(errors="replace")
        for key, value in response.getheaders():
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text

    def post_form(self, path: str, fields: dict[str, str]) -> int:
        status, page = self.request("GET", path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, f"no CSRF token on {path} ({status})"
        status, _ = self.request("POST", path, {"csrfmiddlewaretoken": token.group(1), **fields})
        return status


def drive(browsers: list[Browser], path: str, seconds: float, think: float = 0.0) -> dict[str, float]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(browser: Browser, seed: int) -> None:
        mine: list[float] = []
        bad = 0
        reader = random.Random(seed)
        if think > 0:  # users do not all arrive at the same instant
            time.sleep(reader.uniform(0, think))
        while time.monotonic() < deadline:
            start = time.perf_counter()
            status, _ = browser.request("GET", path)
            mine.append((time.perf_counter() - start) * 1000)
            bad += status != 200
            if think > 0:
                time.sleep(min(reader.expovariate(1 / think), max(0.0, deadline - time.monotonic())))
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=user, args=(b, i)) for i, b in enumerate(browsers)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - began
    q = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / took, "p50": q[49], "p95": q[94], "p99": q[98], "n": len(latencies),
            "errors": errors[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--assignments", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds a user reads a page (0: none)")
    args = parser.parse_args()
    if not pg_available():
        sys.exit("PostgreSQL must answer on 127.0.0.1:5432")
    var_dir = Path(tempfile.mkdtemp(prefix="porras-selfcare-load-"))
    url = fresh_database_url("postgresql", var_dir)
    server = Server(var_dir, url, workers=args.workers)
    try:
        server.porras("migrate", "--no-input", "-v", "0")
        server.porras("demo")
        active = server.porras("shell", "-c", SEED.format(n=args.assignments)).strip().splitlines()[-1]
        server.porras("shell", "-c", "from django.db import connection; connection.cursor().execute('ANALYZE')")
        server.start()
        professionals, clients = [], []
        for _ in range(args.users):
            pro = Browser(server.port)
            assert pro.post_form("/accounts/login/", {"username": "ammattilainen", "password": PASSWORD}) == 302
            professionals.append(pro)
            client = Browser(server.port)
            assert client.post_form("/selfcare/sign-in/", {"code": DEMO_CODE}) == 302
            clients.append(client)
        pages = {"therapist's work list `GET /selfcare/worklist/`": (professionals, "/selfcare/worklist/"),
                 "client's module page `GET /selfcare/me/modules/start/`": (clients, "/selfcare/me/modules/start/")}
        for _name, (browsers, path) in pages.items():
            status, _ = browsers[0].request("GET", path)
            assert status == 200, f"{path}: {status}"
        results: dict[str, list[dict[str, float]]] = {name: [] for name in pages}
        for _ in range(args.runs):
            for name, (browsers, path) in pages.items():
                results[name].append(drive(browsers, path, args.seconds, args.think))
        print(f"\n{active} active assignments; {args.users} concurrent users per page; {args.runs} runs × "
              f"{args.seconds:.0f} s; think time {args.think:g} s (mean); gunicorn {args.workers} workers × 4 threads; PostgreSQL; "
              f"load average at the end {os.getloadavg()}\n")
        print("| page | req/s (median) | p50 ms | p95 ms | p99 ms | non-200 |")
        print("|---|---|---|---|---|---|")
        for name, runs in results.items():
            med = {k: statistics.median(r[k] for r in runs) for k in ("rps", "p50", "p95", "p99")}
            bad = sum(int(r["errors"]) for r in runs)
            print(f"| {name} | {med['rps']:.0f} | {med['p50']:.1f} | {med['p95']:.1f} | {med['p99']:.1f} | {bad} |")
    finally:
        server.stop()
        drop_database(url)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
