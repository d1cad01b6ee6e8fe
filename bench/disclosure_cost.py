"""Benchmark: what complementary suppression costs against its work bound (porras.lib.disclosure).

For each grouping, a fresh child process runs the rounded outcome report over a synthetic data set
and times ``protect`` alone (CPU seconds), with the table's rows, withheld counts, coarser
groupings, the work the bound counts ((rows + withheld) x groupings) and the child's peak memory.
A grouping above the bound is refused at once (``refused``).

    .venv/bin/python bench/disclosure_cost.py --episodes 200000 --seed 5

Data go to bench/data/disclosure-<episodes>-<seed>/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GROUPINGS = (
    "county,quarter",
    "unit,month",
    "county,unit,step,sex,age_group",
    "county,unit,intervention,month",
    "county,unit,intervention,step,age_group,sex,language,month,quarter,year",
)

CHILD = r"""
import json, resource, sys, time
import porras.lib.disclosure as d
import porras.outcomes.domain.engine as e
from porras.outcomes.domain.engine import ReportError
figures = {}
original = d.protect
def timed(spec, rows, policy, **kw):
    groupings = 1
    for k in spec.keys:
        groupings *= len(spec.hierarchy.get(k, ())) + 2
    withheld = sum(1 for r in rows for c in spec.counts if int(r[c] or 0) < policy.minimum)
    figures.update(rows=len(rows), withheld=withheld, groupings=groupings, work=(len(rows) + withheld) * groupings)
    started = time.process_time()
    try:
        return original(spec, rows, policy, **kw)
    finally:
        figures["protect_cpu_s"] = round(time.process_time() - started, 3)
e.protect = timed
from porras.outcomes.report_command import report_from_folder
from porras.lib.disclosure import Policy
try:
    report = report_from_folder(sys.argv[1], "outcomes", e.parse_group_by(sys.argv[2]), policy=Policy(5, 5),
                                restrictions=[], months=e.parse_months(None, None))
    figures["published_groups"] = len(report.groups)
except ReportError:
    figures["refused"] = True
figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps(figures))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--episodes", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    data = HERE / "data" / f"disclosure-{args.episodes}-{args.seed}"
    porras = str(Path(sys.executable).with_name("porras"))
    if not (data / "episodes.parquet").exists():
        subprocess.run([porras, "synth", "--episodes", str(args.episodes), "--seed", str(args.seed), "--out", str(data)],
                       check=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    print("| grouping | rows | withheld | groupings | work | protect CPU s | peak MB | result |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for grouping in GROUPINGS:
        out = subprocess.run([sys.executable, "-c", CHILD, str(data), grouping], env=env, check=True,
                             capture_output=True, text=True).stdout
        f = json.loads(out.strip().splitlines()[-1])
        result = "refused" if f.get("refused") else f"{f['published_groups']} groups"
        print(f"| `{grouping}` | {f['rows']:,} | {f['withheld']:,} | {f['groupings']:,} | {f['work']:,} | "
              f"{f.get('protect_cpu_s', 0):.2f} | {f['peak_mb']:,} | {result} |")


if __name__ == "__main__":
    main()
