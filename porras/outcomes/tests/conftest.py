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
    recovered (both Helsinki), unit-b 7 recovered (Pirkanmaa)."""
    ds = DataSet()
    for _ in range(6):
        ds.add("unit-a", county="helsinki", **RECOVERING)  # type: ignore[arg-type]
    for _ in range(5):
        ds.add("unit-a2", county="helsinki", **STEADY)  # type: ignore[arg-type]
    for _ in range(7):
        ds.add("unit-b", county="pirkanmaa", **RECOVERING)  # type: ignore[arg-type]
    folder = tmp_path_factory.mktemp("report-data")
    for name, table in ds.tables().items():
        pq.write_table(table, folder / f"{name}.parquet")
    return folder


@pytest.fixture
def reports_from_folder(settings: Any, report_folder: Path) -> Path:
    settings.PORRAS_REPORTS_SOURCE = str(report_folder)
    return report_folder
