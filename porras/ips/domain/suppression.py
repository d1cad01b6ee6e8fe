"""Small-cell suppression shared by the IPS reports.

The default minimum cell size and its source are in ``porras/ips/data/reporting.yaml``.
"""

from __future__ import annotations

from pathlib import Path

import yaml

REPORTING_PATH = Path(__file__).resolve().parent.parent / "data" / "reporting.yaml"


def _load_default_min_cell() -> int:
    with REPORTING_PATH.open(encoding="utf-8") as fh:
        return int(yaml.safe_load(fh)["small_cell"]["min_cell"])


DEFAULT_MIN_CELL: int = _load_default_min_cell()


def check_min_cell(min_cell: int) -> int:
    """Validate a configured minimum cell size (0 or 1 switch suppression off)."""
    if isinstance(min_cell, bool) or not isinstance(min_cell, int) or min_cell < 0:
        raise ValueError(f"min_cell: must be a non-negative integer, got {min_cell!r}")
    return min_cell


def is_suppressed(denominator: int, min_cell: int) -> bool:
    """A cell is suppressed when its denominator is below the minimum cell size."""
    return denominator < min_cell
