"""The resident's code look-ups (reopen and delete) are limited per client address like the
professional look-up: 10 codes that do not match in 15 minutes, then 429; a code that matches gives
its place back; another address has its own count."""

from __future__ import annotations

from porras.navigator import services
from porras.navigator.models import AttemptCounter

from .conftest import person


def _reopen(client, code, address="203.0.113.7"):  # type: ignore[no-untyped-def]
    return client.post("/navigator/mine/", {"code": code}, REMOTE_ADDR=address)


def test_ten_wrong_codes_then_429_even_for_the_right_code(client, db):
    code = services.save_assessment(person()).code
    for _ in range(services.LOOKUP_LIMIT):
        assert _reopen(client, "AAAA-BBBB-CCCC").status_code == 404
    assert _reopen(client, code).status_code == 429
    response = client.post("/api/v1/navigator/assessments/delete", {"code": code},
                           content_type="application/json", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_another_address_keeps_its_own_count(client, db):
    code = services.save_assessment(person()).code
    for _ in range(services.LOOKUP_LIMIT):
        _reopen(client, "AAAA-BBBB-CCCC")
    assert _reopen(client, code, address="198.51.100.9").status_code == 200


def test_a_matching_code_does_not_count_and_the_address_is_not_kept(client, db):
    code = services.save_assessment(person()).code
    for _ in range(services.LOOKUP_LIMIT + 2):
        assert _reopen(client, code).status_code == 200
    counter = AttemptCounter.objects.get(key__startswith="reopen:")
    assert counter.count == 0
    assert "203.0.113.7" not in counter.key
