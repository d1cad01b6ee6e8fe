"""The plain pandas implementation of the outcome report as a whole process, like ``porras report``.

    .venv/bin/python bench/pandas_report.py bench/data/national-1000000-1 --group-by county,quarter

Reads the same Parquet files with pandas and computes the same report (exact counts, groups below
the minimum left out, small counts withheld with their rates) with
:mod:`porras.outcomes.tests.pandas_reference`, then prints the same JSON document as
``porras report outcomes --source DIR --group-by ...``. Used as the "plain pandas implementation of
the same definitions" of docs/product.md section 5 when the two are timed as whole processes
(BENCHMARKS.md section 1b). Tests and benchmarks only: Porras itself does not depend on pandas.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from porras.outcomes.domain.engine import parse_group_by  # noqa: E402
from porras.outcomes.tests.pandas_reference import pandas_outcomes_from_folder  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder")
    parser.add_argument("--group-by", default="")
    args = parser.parse_args()
    report = pandas_outcomes_from_folder(args.folder, parse_group_by(args.group_by))
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
