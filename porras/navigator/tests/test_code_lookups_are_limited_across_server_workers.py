"""The failed code look-up limit holds across the production server's workers and threads.

``porras serve`` (two worker processes with four threads each) on its own SQLite file and on
PostgreSQL; thirty wrong codes from one professional are sent at once from thirty threads: exactly
LOOKUP_LIMIT of them are looked up (404), the others refused (429).
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from conftest import need
from porras.navigator.services import LOOKUP_LIMIT
from tests.server import Server, drop_database, fresh_database_url, pg_available

pytestmark = pytest.mark.server

PARALLEL = 30


def _statuses(server: Server, token: str) -> list[int]:
    start = threading.Barrier(PARALLEL)
    statuses: list[int] = []
    lock = threading.Lock()

    def look_up() -> None:
        start.wait()
        status, _ = server.request("POST", "/api/v1/navigator/assessments/open", {"code": "ABCD-EFGH-JKMN"},
                                   token=token)
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=look_up) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def _run(kind: str, tmp_path: Path) -> None:
    var_dir = tmp_path / kind
    var_dir.mkdir()
    url = fresh_database_url(kind, var_dir)
    server = Server(var_dir, url)
    try:
        server.porras("migrate", "--no-input", "-v", "0")
        server.porras("demo")
        token = server.porras("token", "create", "ammattilainen", "--expires-days", "1").strip()
        server.start()
        statuses = _statuses(server, token)
        assert sorted(set(statuses)) == [404, 429], statuses
        assert statuses.count(404) == LOOKUP_LIMIT, statuses
    finally:
        server.stop()
        drop_database(url)


def test_on_sqlite_parallel_wrong_codes_get_no_more_look_ups_than_the_limit(tmp_path: Path) -> None:
    _run("sqlite", tmp_path)


def test_on_postgresql_parallel_wrong_codes_get_no_more_look_ups_than_the_limit(tmp_path: Path) -> None:
    need(pg_available(), "PostgreSQL does not answer on 127.0.0.1:5432")
    _run("postgresql", tmp_path)
