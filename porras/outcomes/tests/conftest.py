from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from porras.outcomes.tests.helpers import DataSet

RECOVERING = {"phq": [("2025-02-01", 15), ("2025-04-01", 5)], "gad": [("2025-02-01", 12), ("2025-04-01", 4)]}
STEADY = {"phq": [("2025-02-01", 15), ("2025-04-01", 14)], "gad": [("2025-02-01", 12), ("2025-04-01", 11)]}


@pytest.fixture(scope="session")
def report_folder(tmp_path_factory: Any) -> Path:
    """Hand-made data set in the units of the test cast: unit-a 6 recovered, unit-a2 5 not
    recovered (both Helsinki), unit-b 7 recovered (Pirkanmaa) in the low-mood programme, 5 of them
    completed to the end."""
    ds = DataSet()
    for _ in range(6):
        ds.add("unit-a", county="helsinki", **RECOVERING)  # type: ignore[arg-type]
    for _ in range(5):
        ds.add("unit-a2", county="helsinki", **STEADY)  # type: ignore[arg-type]
    for i in range(7):  # with the low-mood programme, completed by five
        ds.add("unit-b", county="pirkanmaa", step=1, intervention="internet_therapy",
               programmes=[("low-mood", "2025-02-01", "2025-04-20", 6 if i < 5 else 3, 6)],
               **RECOVERING)  # type: ignore[arg-type]
    folder = tmp_path_factory.mktemp("report-data")
    for name, table in ds.tables().items():
        pq.write_table(table, folder / f"{name}.parquet")
    return folder


@pytest.fixture
def reports_from_folder(settings: Any, report_folder: Path) -> Path:
    settings.PORRAS_REPORTS_SOURCE = str(report_folder)
    return report_folder


@pytest.fixture(scope="session")
def spark() -> Any:
    """One SparkSession in local mode (``local[2]``) for the whole test session (a JVM starts once).

    Without pyspark (the optional group ``spark``) or Java the Spark tests are skipped, unless the
    environment variable CI is "true": then they fail.
    """
    import os
    import shutil

    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        missing = f"pyspark is not installed (make install installs the group 'spark'): {exc}"
    else:
        missing = "" if shutil.which("java") else "no java on PATH (.ci/run installs openjdk-17-jre-headless)"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing}; CI=true makes this a failure")
        pytest.skip(missing)
    from porras.outcomes.domain.spark import spark_session

    # Small data: few shuffle partitions, no broadcast threshold tuning needed.
    session = spark_session("local[2]", {"spark.sql.shuffle.partitions": "2", "spark.driver.memory": "1g"})
    yield session
    session.stop()
