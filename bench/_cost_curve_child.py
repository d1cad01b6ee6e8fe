"""One timed national report on one engine, in its own process (started by cost_curve.py).

    python bench/_cost_curve_child.py duckdb|spark FOLDER GROUP_BY THREADS SPARK_MEMORY REPORT_JSON

Writes the published report (JSON) to REPORT_JSON and prints one JSON line: {"engine",
"start_seconds" (Spark: starting the local JVM and its session; DuckDB: 0), "seconds" (reading the
files and computing the report, the session already up), "groups"}.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    engine, folder, group_by, threads, spark_memory, out = sys.argv[1:7]
    from porras.lib.disclosure import Policy
    from porras.outcomes.domain.engine import parse_group_by

    keys = parse_group_by(group_by)
    policy = Policy(5, 1)  # what `porras report` gives an operator: exact counts, small ones withheld
    start_seconds = 0.0
    if engine == "duckdb":
        import duckdb  # noqa: F401 - imported before the clock starts

        from porras.outcomes.domain.engine import report_from_folder

        start = time.perf_counter()
        report = report_from_folder(folder, "outcomes", keys, policy=policy, threads=int(threads))
    elif engine == "spark":
        from porras.outcomes.domain.spark import report_on_spark, spark_session

        begin = time.perf_counter()
        session = spark_session(
            f"local[{threads}]", {"spark.driver.memory": spark_memory, "spark.sql.shuffle.partitions": "8"}
        )
        start_seconds = time.perf_counter() - begin
        start = time.perf_counter()
        report = report_on_spark(folder, "outcomes", keys, policy=policy, spark=session)
    else:
        raise SystemExit(f"unknown engine {engine!r}")
    seconds = time.perf_counter() - start
    Path(out).write_text(json.dumps(report.as_dict(), sort_keys=True))
    print(json.dumps({"engine": engine, "start_seconds": start_seconds, "seconds": seconds,
                      "groups": len(report.groups)}))
    if engine == "spark":
        session.stop()


if __name__ == "__main__":
    main()
