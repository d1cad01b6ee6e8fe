"""One timed run of one implementation, in its own process (started by outcomes_national.py).

Prints one JSON line: {"impl", "seconds", "groups"}. ``seconds`` is the wall time of the work
itself (reading the Parquet files and computing the report), after the interpreter has started
and the libraries are imported; the parent adds the whole-process time and the peak memory.
"""

from __future__ import annotations

import json
import sys
import time


def main() -> None:
    impl, folder, group_by, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if impl == "porras":
        import duckdb  # noqa: F401 - imported before the clock starts, as pandas is for the pandas run

        from porras.lib.disclosure import Policy
        from porras.outcomes.domain.engine import parse_group_by, report_from_folder

        start = time.perf_counter()
        # what `porras report` gives an operator: exact counts, small ones withheld (as pandas does)
        report = report_from_folder(folder, "outcomes", parse_group_by(group_by), policy=Policy(5, 1), threads=threads)
        groups = len(report.groups)
    elif impl == "pandas":
        import pyarrow.parquet  # noqa: F401 - pandas reads Parquet through pyarrow

        from porras.outcomes.domain.engine import parse_group_by
        from porras.outcomes.tests.pandas_reference import pandas_outcomes_from_folder

        start = time.perf_counter()
        report = pandas_outcomes_from_folder(folder, parse_group_by(group_by))
        groups = len(report.groups)
    elif impl == "scan_floor":
        import duckdb

        from porras.outcomes.domain.engine import folder_relations

        start = time.perf_counter()
        rel = folder_relations(folder)
        con = duckdb.connect(":memory:", config={"threads": threads})
        # The floor: read every column the report reads, from all three tables, and only count
        # rows per group - episodes per report group (county, quarter of end_date), appointments
        # per (kind, status), measurements per instrument (counting the columns forces their scan).
        rows = con.execute(
            f"""
            SELECT 'e', county_code, CAST(year(end_date) * 10 + quarter(end_date) AS VARCHAR),
                   COUNT(*), COUNT(episode_id) + COUNT(referral_date) + COUNT(birth_year)
            FROM {rel.episodes} GROUP BY ALL
            UNION ALL
            SELECT 'a', kind, status, COUNT(*), COUNT(episode_id)
            FROM {rel.appointments} GROUP BY ALL
            UNION ALL
            SELECT 'm', instrument, NULL, COUNT(*),
                   COUNT(episode_id) + COUNT(date) + COUNT(measurement_id) + COUNT(total)
            FROM {rel.measurements} GROUP BY ALL
            """
        ).fetchall()
        groups = len(rows)
    else:
        raise SystemExit(f"unknown implementation {impl!r}")
    seconds = time.perf_counter() - start
    print(json.dumps({"impl": impl, "seconds": seconds, "groups": groups}))


if __name__ == "__main__":
    main()
