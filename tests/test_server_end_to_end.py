"""Against the production server: no secret or identity code in its logs; concurrent edits detected."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import requests

from porras.accounts.demo import DEMO_PASSWORD
from tests.server import Server, fresh_database_url

pytestmark = pytest.mark.server

IDENTITY_CODE = "131052-308T"  # a valid code (checksum T) used only by tests
INVALID_CODE = "131052-308X"  # the same with a wrong check character


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    var_dir = tmp_path_factory.mktemp("e2e")
    running = Server(var_dir, fresh_database_url("sqlite", var_dir))
    running.porras("migrate", "--no-input", "-v", "0")
    running.porras("demo")
    running.token = running.porras("token", "create", "ammattilainen", "--expires-days", "1").strip()  # type: ignore[attr-defined]
    running.start()
    yield running
    running.stop()


def _new_episode(server: Any, identifier: dict[str, str]) -> int:
    status, client = server.request("POST", "/api/v1/clients", {
        "identifier": identifier, "birth_year": 1952, "county": "helsinki", "language": "fi",
        "unit": "hki-kalasatama"}, token=server.token)
    assert status in (200, 201), client
    status, episode = server.request("POST", "/api/v1/episodes", {
        "client_id": client["id"], "unit": "hki-kalasatama", "referral_date": "2026-01-05",
        "concerns": ["depression"]}, token=server.token)
    assert status == 201, episode
    return int(episode["id"])


def test_no_secret_password_token_code_or_identity_code_reaches_the_logs(server: Any) -> None:
    # A full run of what handles secrets: a web login, a client by identity code, a search by identity
    # code, a measurement, a saved self-assessment opened by its code, a failed login.
    web = requests.Session()
    web.get(server.url + "/accounts/login/", timeout=10)
    answer = web.post(server.url + "/accounts/login/", timeout=10, data={
        "username": "ammattilainen", "password": DEMO_PASSWORD,
        "csrfmiddlewaretoken": web.cookies["porras_csrftoken"]}, headers={"Referer": server.url + "/"})
    assert answer.status_code == 200 and "ammattilainen" in answer.text
    requests.post(server.url + "/accounts/login/", timeout=10, data={"username": "ammattilainen",
                                                                     "password": "wrong-" + DEMO_PASSWORD})
    episode_id = _new_episode(server, {"system": "hetu", "value": IDENTITY_CODE})
    status, _ = server.request("POST", f"/api/v1/episodes/{episode_id}/measurements", {
        "instrument": "phq9", "date": "2026-01-12", "answers": [2, 2, 2, 2, 1, 1, 1, 1, 1, 0]}, token=server.token)
    assert status == 201
    # Finding the client by identity code in a query string (integrators), valid and not: the access
    # log drops query strings and the refusal's log line names the path only.
    status, found = server.request("GET", f"/api/v1/clients?identifier={IDENTITY_CODE}&system=hetu",
                                   token=server.token)
    assert status == 200 and len(found) == 1
    status, _ = server.request("GET", f"/api/v1/clients?identifier={INVALID_CODE}&system=hetu", token=server.token)
    assert status == 422
    status, saved = server.request("POST", "/api/v1/navigator/assessments", {
        "age": 30, "county": "helsinki", "language": "fi", "concerns": ["depression"],
        "scores": {"phq9": {"total": 12}}})
    assert status == 201
    status, _ = server.request("POST", "/api/v1/navigator/assessments/open", {"code": saved["code"]},
                               token=server.token)
    assert status == 200

    secrets = {
        "identity code": IDENTITY_CODE,
        "invalid identity code searched for": INVALID_CODE,
        "password": DEMO_PASSWORD,
        "API token": server.token,
        "self-assessment code": saved["code"],
        "secret key": (server.var_dir / "secret_key").read_text().strip(),
        "pseudonym key": (server.var_dir / "pseudonym_key").read_text().strip(),
    }
    server.stop()  # a graceful stop flushes every log line
    logs = "\n".join(p.read_text(errors="replace") for p in Path(server.var_dir).glob("server-*.log"))
    server.start()
    assert "POST /api/v1/navigator/assessments/open" in logs, "the access log must be there to be read"
    leaked = [name for name, value in secrets.items()
              if value in logs or value.replace("-", "") in logs.replace("-", "")]
    assert not leaked, f"found in the server log: {leaked}"


def test_two_clients_editing_one_episode_at_once_one_wins_and_the_other_gets_409(server: Any) -> None:
    episode_id = _new_episode(server, {"system": "local", "value": "CONCURRENT-1"})
    status, episode = server.request("GET", f"/api/v1/episodes/{episode_id}", token=server.token)
    version = episode["version"]
    barrier = threading.Barrier(2)
    results: dict[int, tuple[int, Any]] = {}

    def edit(step: int) -> None:
        barrier.wait()
        results[step] = server.request("PATCH", f"/api/v1/episodes/{episode_id}", {"version": version, "step": step},
                                       token=server.token)

    threads = [threading.Thread(target=edit, args=(step,)) for step in (2, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    statuses = sorted(status for status, _ in results.values())
    assert statuses == [200, 409], results
    winner = next(step for step, (status, _) in results.items() if status == 200)
    status, final = server.request("GET", f"/api/v1/episodes/{episode_id}", token=server.token)
    assert (final["step"], final["version"]) == (winner, version + 1)
