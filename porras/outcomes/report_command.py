"""``porras report``: its arguments and its work, without Django.

The management command (``porras/outcomes/management/commands/report.py``) and the quick start
of the console script (``porras/cli.py``, for a data-set folder, which needs neither the
database nor any Django app) both use this module, so the two give the same bytes.

An operator who runs it can read the data anyway: counts are exact unless ``--round`` is given;
counts below the minimum (``PORRAS_SUPPRESSION_MIN``) are withheld either way.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import IO, Any

from porras.lib.disclosure import Policy
from porras.outcomes.domain.definitions import GROUP_KEYS
from porras.outcomes.domain.engine import (
    REPORT_KINDS,
    Report,
    ReportError,
    Restriction,
    parse_group_by,
    parse_months,
    report_from_folder,
)
from porras.outcomes.domain.writers import FORMATS, render

ENGINES = ("duckdb", "spark")
HELP = "Print or write the outcome or access report (aggregates) of a database or data-set folder."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=REPORT_KINDS)
    parser.add_argument(
        "--source",
        default="db",
        help="'db' (this database), a data-set folder (Parquet or CSV files), or with --engine spark a "
        "folder or URI of Parquet files",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="duckdb",
        help="what runs the report of a data set: duckdb (in this process) or spark (Spark SQL: local, "
        "or the cluster of spark-submit or --spark-master)",
    )
    parser.add_argument(
        "--spark-master", help="Spark master URL (local[2], spark://host:7077, yarn ...) for --engine spark"
    )
    parser.add_argument("--group-by", default="", help=f"comma-separated keys: {', '.join(GROUP_KEYS)}")
    parser.add_argument("--format", choices=FORMATS, default="json")
    parser.add_argument("--out", help="write to this file instead of standard output")
    parser.add_argument("--county", help="only episodes of this county code")
    parser.add_argument("--unit", help="only episodes of this unit")
    parser.add_argument("--from", dest="date_from", help="first month YYYY-MM (outcomes: of the end; access: of referral)")
    parser.add_argument("--to", dest="date_to", help="last month YYYY-MM, included")
    parser.add_argument(
        "--round",
        action="store_true",
        help="round counts as analysts get them (PORRAS_ROUNDING_BASE) instead of exact counts",
    )


def report(options: Mapping[str, Any], settings: Any) -> Report:
    """The report the options ask for; raises ``ReportError`` naming the bad argument."""
    policy = Policy.from_settings(settings, exact=not options["round"])
    keys = parse_group_by(options["group_by"])
    months = parse_months(options.get("date_from"), options.get("date_to"))
    restrictions: list[Restriction] = []
    if options["county"]:
        restrictions.append(([options["county"]], None))
    if options["unit"]:
        restrictions.append((None, [options["unit"]]))
    engine = options.get("engine") or "duckdb"
    if options["source"] == "db":
        if engine != "duckdb":
            raise ReportError("engine: Spark reads a data set (--source DIR or URI), not this database")
        from porras.outcomes.services import run  # the care tables: Django's apps must be ready

        return run(
            options["kind"], "db", keys, policy=policy, county=options["county"], unit=options["unit"], months=months
        )
    if engine == "spark":
        from porras.outcomes.domain.spark import report_on_spark

        return report_on_spark(
            options["source"],
            options["kind"],
            keys,
            policy=policy,
            restrictions=restrictions,
            master=options.get("spark_master"),
            months=months,
        )
    if options.get("spark_master"):
        raise ReportError("spark-master: give it with --engine spark")
    return report_from_folder(
        options["source"], options["kind"], keys, policy=policy, restrictions=restrictions, months=months
    )


def write(report: Report, options: Mapping[str, Any], stdout: IO[str], stderr: IO[str]) -> None:
    data = render(report, options["format"])
    if options["out"]:
        with open(options["out"], "wb") as fh:
            fh.write(data)
        stderr.write(f"{len(report.groups)} groups written to {options['out']}\n")
    elif options["format"] in ("json", "csv"):
        text = data.decode("utf-8")
        stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        stdout.flush()
        stdout.buffer.write(data)  # type: ignore[attr-defined]
        stdout.buffer.flush()  # type: ignore[attr-defined]
