"""Two ``porras serve`` instances on different ports against one PostgreSQL behave as one service.

Everything that must be shared between application servers lives in the database: sessions
(Django's database sessions), the login lock-out (django-axes' tables), rate limits
(``navigator.limits``), Idempotency-Keys (the ``idempotency`` app) and the cache (Django's database
cache). The servers share their keys (secret, pseudonym and audit keys) as a deployment gives every
application server the same ones. docs/deployment.md draws the picture.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from conftest import need
from porras.accounts.demo import DEMO_PASSWORD
from tests.server import Server, drop_database, fresh_database_url, pg_available

pytestmark = pytest.mark.server

ANSWERS = [1, 2, 1, 0, 1, 2, 1, 0, 0, 0]  # PHQ-9, total 8, no risk answer
LOOKUP_LIMIT = 10  # failed code look-ups per address per 15 minutes (porras.navigator.services)
LOGIN_FAILURE_LIMIT = 5  # PORRAS_LOGIN_FAILURE_LIMIT's default


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Server, str, int]]:
    need(pg_available(), "PostgreSQL does not answer on 127.0.0.1:5432")
    var_dir: Path = tmp_path_factory.mktemp("pair")
    url = fresh_database_url("postgresql", var_dir)
    first, second = Server(var_dir, url), Server(var_dir, url)  # one var/: the same keys
    try:
        first.porras("migrate", "--no-input", "-v", "0")
        first.porras("demo")
        token = first.porras("token", "create", "ammattilainen", "--expires-days", "1").strip()
        first.start()
        second.start()
        status, client = first.request("POST", "/api/v1/clients", {
            "identifier": {"system": "local", "value": f"pair-{uuid.uuid4().hex[:8]}"},
            "birth_year": 1990, "sex": "female", "county": "helsinki", "language": "fi",
        }, token=token)
        assert status in (200, 201), client
        status, episode = second.request("POST", "/api/v1/episodes", {
            "client_id": client["id"], "unit": "hki-kalasatama", "referral_date": "2026-01-05",
            "concerns": ["depression"],
        }, token=token)
        assert status == 201, episode
        yield first, second, token, int(episode["id"])
    finally:
        first.stop()
        second.stop()
        drop_database(url)


def _measure(server: Server, token: str, episode_id: int, key: str) -> tuple[int, Any]:
    return server.request(
        "POST", f"/api/v1/episodes/{episode_id}/measurements",
        {"instrument": "phq9", "date": "2026-02-01", "answers": ANSWERS},
        token=token, headers={"Idempotency-Key": key}, timeout=10,
    )


def _measurement_id(body: Any) -> int:
    return int(body["id"] if "id" in body else body["measurement"]["id"])


def _login(server: Server, username: str, password: str) -> requests.Session:
    session = requests.Session()
    form = session.get(server.url + "/accounts/login/", timeout=10).text
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert csrf is not None
    session.post(server.url + "/accounts/login/", timeout=10, allow_redirects=False, data={
        "csrfmiddlewaretoken": csrf.group(1), "username": username, "password": password,
    }, headers={"Referer": server.url + "/accounts/login/"})
    return session


def test_a_session_signed_in_on_one_server_is_signed_in_on_the_other(pair: Any) -> None:
    first, second, _, _ = pair
    session = _login(first, "ammattilainen", DEMO_PASSWORD)
    me = session.get(second.url + "/api/v1/me", timeout=10)
    assert me.status_code == 200
    assert me.json()["username"] == "ammattilainen"


def test_a_login_lock_out_reached_through_one_server_holds_on_the_other(pair: Any) -> None:
    first, second, _, _ = pair
    for attempt in range(LOGIN_FAILURE_LIMIT):
        _login(first if attempt % 2 else second, "esihenkilo", "not the password")
    locked = _login(first, "esihenkilo", DEMO_PASSWORD)
    assert locked.get(first.url + "/api/v1/me", timeout=10).status_code == 401
    locked = _login(second, "esihenkilo", DEMO_PASSWORD)
    assert locked.get(second.url + "/api/v1/me", timeout=10).status_code == 401


def test_a_rate_limit_hit_through_one_server_holds_on_the_other(pair: Any) -> None:
    first, second, _, _ = pair
    wrong = {"code": "2222-3333-4444"}
    statuses = [
        (first if n % 2 else second).request("POST", "/api/v1/navigator/assessments/mine", wrong)[0]
        for n in range(LOOKUP_LIMIT)
    ]
    assert statuses == [404] * LOOKUP_LIMIT
    assert first.request("POST", "/api/v1/navigator/assessments/mine", wrong)[0] == 429
    assert second.request("POST", "/api/v1/navigator/assessments/mine", wrong)[0] == 429


def test_an_idempotency_key_replayed_on_the_other_server_gets_the_first_answer(pair: Any) -> None:
    first, second, token, episode_id = pair
    key = uuid.uuid4().hex
    status, body = _measure(first, token, episode_id, key)
    assert status == 201, body
    again_status, again = _measure(second, token, episode_id, key)
    assert again_status == 201
    assert _measurement_id(again) == _measurement_id(body)


def test_killing_one_server_mid_load_loses_no_acknowledged_write(pair: Any) -> None:
    first, second, token, episode_id = pair
    sent: list[str] = []
    acked: dict[str, int] = {}
    lock = threading.Lock()
    stop = threading.Event()

    def writer(server: Server) -> None:
        while not stop.is_set():
            key = uuid.uuid4().hex
            with lock:
                sent.append(key)
            try:
                status, body = _measure(server, token, episode_id, key)
            except Exception:  # the server died under us: never acknowledged
                continue
            if 200 <= status < 300:
                with lock:
                    acked[key] = _measurement_id(body)

    threads = [threading.Thread(target=writer, args=(server,), daemon=True) for server in (first, second) * 3]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while len(acked) < 30 and time.monotonic() < deadline:
        time.sleep(0.01)
    first.kill()  # the load balancer's other server carries on
    time.sleep(0.5)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert len(acked) >= 30, "too few writes were acknowledged before the kill"
    # every key sent again to the surviving server: acknowledged ones come back unchanged
    final = {}
    for key in sent:
        status, body = _measure(second, token, episode_id, key)
        assert 200 <= status < 300, (key, status, body)
        final[key] = _measurement_id(body)
    assert all(final[key] == measurement_id for key, measurement_id in acked.items())
    status, listed = second.request("GET", f"/api/v1/episodes/{episode_id}/measurements", token=token)
    assert status == 200
    ids = {int(m["id"]) for m in listed}
    assert set(acked.values()) <= ids
    assert set(final.values()) <= ids
    first.start()  # back in service for the fixture's stop
