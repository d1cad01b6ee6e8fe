"""Only PHQ-9 and GAD-7 measurements make an outcome: a measurement of another instrument (AUDIT-C,
CORE-10 ...) never becomes an episode's first or last score, never counts towards "two of each", and an
episode measured only with other instruments is no finished episode with scores - on every engine.

Hand-checked: episode 1 starts at PHQ-9 15 / GAD-7 12 and ends at 5 / 4 (recovered, reliably
improved); other instruments' measurements before, between and after them, with totals that would
make it "deteriorated" if read as PHQ-9 or GAD-7 and with lower measurement ids on the same days.
Episode 2 has two PHQ-9 but GAD-7 only once, plus two CORE-10: not counted. Episode 3 has only AUDIT-C
and CORE-10 measurements: not counted."""

from __future__ import annotations

import pytest

from porras.outcomes.tests.helpers import ALL, DataSet, duckdb_report, sqlite_report


@pytest.fixture(scope="module")
def tables():
    ds = DataSet()
    ds.add("a", phq=[("2025-02-01", 15, 500), ("2025-04-01", 5, 502)],
           gad=[("2025-02-01", 12, 501), ("2025-04-01", 4, 503)],
           other=[("auditc", "2025-01-25", 0, 100), ("core10", "2025-02-01", 27, 1),
                  ("core10", "2025-03-01", 30, 2), ("auditc", "2025-04-01", 25, 3),
                  ("core10", "2025-04-20", 40, 900)])
    ds.add("a", phq=[("2025-02-01", 20, 600), ("2025-04-01", 3, 602)], gad=[("2025-02-01", 14, 601)],
           other=[("core10", "2025-02-01", 9, 4), ("core10", "2025-04-01", 2, 5)])
    ds.add("a", other=[("auditc", "2025-02-01", 9, 6), ("core10", "2025-02-01", 20, 7),
                       ("auditc", "2025-04-01", 2, 8), ("core10", "2025-04-01", 5, 9)])
    return ds.tables()


@pytest.mark.parametrize("engine", [sqlite_report, duckdb_report], ids=["sqlite", "duckdb"])
def test_other_instruments_change_no_count(tables, engine):
    report = engine(tables, "outcomes", [], policy=ALL)
    (group,) = report.groups
    assert group["finished"] == 1
    assert group["recovered"] == 1
    assert group["reliably_improved"] == 1
    assert group["reliably_deteriorated"] == 0
    assert group["not_at_caseness"] == 0
