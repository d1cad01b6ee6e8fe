"""Complementary suppression checks every coarser grouping of a table; its cost grows with the
withheld counts times 2 ** (number of keys). A table too fine to check within the server's limit is
refused naming ``group_by`` - never published unchecked, never left running for minutes."""

from __future__ import annotations

import time
from itertools import product

import pytest

from porras.lib.disclosure import GroupingTooFine, Policy, TableSpec, protect, work_limit
from porras.lib.env import ConfigError

TEN_KEYS = tuple(f"k{i}" for i in range(10))
SPEC = TableSpec(keys=TEN_KEYS, population="people", counts=("people", "recovered"))


def _rows(n: int) -> list[dict[str, object]]:
    """n groups of ten binary keys with small counts, as a fine grouping of a small data set gives."""
    out = []
    for i, bits in enumerate(product((0, 1), repeat=10)):
        if i == n:
            break
        out.append({**dict(zip(TEN_KEYS, bits, strict=True)), "people": 1 + i % 9, "recovered": i % 4})
    return out


def test_ten_group_keys_over_a_thousand_small_groups_are_refused_naming_group_by_at_once():
    started = time.process_time()
    with pytest.raises(GroupingTooFine) as refused:
        protect(SPEC, _rows(1000), Policy(5, 5))
    assert refused.value.fields == ["group_by"]
    assert "fewer group keys" in refused.value.errors[0]["reason"]
    # refused before any checking: (1,000 groups + withheld counts) x 2 ** 10 groupings
    assert refused.value.work > refused.value.limit == 2_000_000
    assert time.process_time() - started < 5  # a bound on a refusal, not a benchmark


def test_the_same_table_within_the_limit_is_checked_and_published():
    rows = protect(SPEC, _rows(40), Policy(5, 5))
    assert rows and all(r["people"] is None or r["people"] >= 5 for r in rows)


def test_a_lower_limit_refuses_what_the_default_allows():
    with pytest.raises(GroupingTooFine):
        protect(SPEC, _rows(40), Policy(5, 5), limit=10_000)


def test_exact_counts_need_no_complementary_suppression_and_are_never_refused():
    rows = protect(SPEC, _rows(1000), Policy(5, 1))
    assert len(rows) == sum(1 for r in _rows(1000) if r["people"] >= 5)


def test_the_limit_is_a_server_setting_read_from_the_environment_and_validated():
    assert work_limit({}) == 2_000_000
    assert work_limit({"PORRAS_DISCLOSURE_WORK_LIMIT": "50000"}) == 50_000
    with pytest.raises(ConfigError, match="PORRAS_DISCLOSURE_WORK_LIMIT"):
        work_limit({"PORRAS_DISCLOSURE_WORK_LIMIT": "10"})
