"""The failed code look-up limit holds when the look-ups come in parallel.

Thirty wrong codes from one professional at once, each in its own thread with its own database
connection, against the database the served site shares between its workers (with the database
cache of settings.CACHES, as in production): exactly LOOKUP_LIMIT of them are looked up, every other
one is refused as too many. A read-then-write counter lets most of them through.

Runs where the test database takes concurrent writers (PostgreSQL; SQLite's in-memory test database
answers a second writer "table is locked" at once). On a SQLite file, as served, the same is proved
through the production server in test_code_lookups_are_limited_across_server_workers.py.
"""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import RequestFactory

from porras.accounts.models import AuditEntry
from porras.navigator import services

pytestmark = pytest.mark.django_db(transaction=True)

PARALLEL = 30


@pytest.fixture
def shared_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                                   "LOCATION": "porras_cache"}}
    call_command("createcachetable", verbosity=0)


def _in_parallel(action, times: int) -> list[str]:
    start = threading.Barrier(times)
    outcomes: list[str] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            start.wait()
            outcome = action()
        except Exception as exc:
            outcome = type(exc).__name__
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_parallel_wrong_codes_get_no_more_look_ups_than_the_limit(cast, shared_cache):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("SQLite's in-memory test database takes one writer at a time; see the server test")
    request = RequestFactory().post("/api/v1/navigator/assessments/open")
    request.user = cast.clinician_a

    def look_up() -> str:
        services.open_assessment(request, "ABCD-EFGH-JKMN")
        return "found"

    outcomes = _in_parallel(look_up, PARALLEL)
    assert sorted(set(outcomes)) == ["AssessmentNotFound", "TooManyLookups"], outcomes
    assert outcomes.count("AssessmentNotFound") == services.LOOKUP_LIMIT
    failed = AuditEntry.objects.filter(action="navigator.assessment.open", outcome="failed").count()
    assert failed == services.LOOKUP_LIMIT
