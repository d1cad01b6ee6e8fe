"""Kill the production server with SIGKILL under concurrent writes; no acknowledged write is lost.

Concurrent clients post measurements with Idempotency-Keys; mid-way the whole gunicorn process group
is killed. After a restart every key is sent again: an acknowledged one must come back with the
same measurement, and in the end the episode holds exactly one measurement per key — on SQLite and
on PostgreSQL.
"""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from conftest import need
from tests.server import Server, drop_database, fresh_database_url, pg_available

pytestmark = pytest.mark.server

WRITERS = 6
KILL_AFTER_ACKS = 25
ANSWERS = [1, 2, 1, 0, 1, 2, 1, 0, 0, 0]  # PHQ-9, total 8, no risk answer


def _setup(server: Server) -> tuple[str, int]:
    server.porras("migrate", "--no-input", "-v", "0")
    server.porras("demo")
    token = server.porras("token", "create", "ammattilainen", "--expires-days", "1").strip()
    server.start()
    status, client = server.request("POST", "/api/v1/clients", {
        "identifier": {"system": "local", "value": f"crash-{uuid.uuid4().hex[:8]}"},
        "birth_year": 1990, "sex": "female", "county": "helsinki", "language": "fi",
    }, token=token)
    assert status in (200, 201), client
    status, episode = server.request("POST", "/api/v1/episodes", {
        "client_id": client["id"], "unit": "hki-kalasatama", "referral_date": "2026-01-05",
        "concerns": ["depression"],
    }, token=token)
    assert status == 201, episode
    return token, int(episode["id"])


def _post(server: Server, token: str, episode_id: int, key: str) -> tuple[int, Any]:
    return server.request(
        "POST", f"/api/v1/episodes/{episode_id}/measurements",
        {"instrument": "phq9", "date": "2026-02-01", "answers": ANSWERS},
        token=token, headers={"Idempotency-Key": key}, timeout=10,
    )


def _measurement_id(body: Any) -> int:
    return int(body["id"] if "id" in body else body["measurement"]["id"])


def _run(kind: str, tmp_path: Path) -> None:
    var_dir = tmp_path / kind
    var_dir.mkdir()
    url = fresh_database_url(kind, var_dir)
    server = Server(var_dir, url)
    try:
        token, episode_id = _setup(server)
        sent: list[str] = []
        acked: dict[str, int] = {}
        lock = threading.Lock()
        stop = threading.Event()

        def writer() -> None:
            while not stop.is_set():
                key = uuid.uuid4().hex
                with lock:
                    sent.append(key)
                try:
                    status, body = _post(server, token, episode_id, key)
                except Exception:  # the server died under us: this write was never acknowledged
                    continue
                if 200 <= status < 300:
                    with lock:
                        acked[key] = _measurement_id(body)

        threads = [threading.Thread(target=writer, daemon=True) for _ in range(WRITERS)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while len(acked) < KILL_AFTER_ACKS and time.monotonic() < deadline:
            time.sleep(0.01)
        server.kill()  # mid-way: writers are still sending
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        assert len(acked) >= KILL_AFTER_ACKS, "too few writes were acknowledged before the kill"

        server.start()
        final: dict[str, int] = {}
        for key in sent:
            status, body = _post(server, token, episode_id, key)
            assert 200 <= status < 300, (key, status, body)
            final[key] = _measurement_id(body)
        for key, measurement_id in acked.items():
            assert final[key] == measurement_id, f"acknowledged write {key} changed on retry"
        status, listed = server.request("GET", f"/api/v1/episodes/{episode_id}/measurements", token=token)
        assert status == 200
        ids = [int(m["id"]) for m in listed]
        assert len(ids) == len(set(ids)), "a measurement was stored twice"
        assert set(acked.values()) <= set(ids), "an acknowledged write is missing after the crash"
        assert len(ids) == len(set(final.values())) == len(sent), "one measurement per key, exactly"
    finally:
        server.stop()
        drop_database(url)


def test_sqlite_keeps_every_acknowledged_write_across_a_sigkill(tmp_path: Path) -> None:
    _run("sqlite", tmp_path)


def test_postgresql_keeps_every_acknowledged_write_across_a_sigkill(tmp_path: Path) -> None:
    need(pg_available(), "PostgreSQL does not answer on 127.0.0.1:5432")
    _run("postgresql", tmp_path)
