"""Spark SQL (local mode, ``local[2]``) gives the DuckDB report cell for cell: every count, rate,
median, withheld cell and rounded count, grouped by every group key, over the same Parquet files.

One SparkSession serves the whole test session (``spark`` in conftest.py); the data are small
(3,000 synthetic episodes, and a hand-made set with same-day ties and measurement ids above 2**40).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest

from porras.outcomes.domain.definitions import GROUP_KEYS
from porras.outcomes.domain.engine import (
    DEFAULT_POLICY,
    ReportError,
    parse_group_by,
    report_from_folder,
    run_reports,
)
from porras.outcomes.domain.spark import report_on_spark, spark_relations
from porras.outcomes.synth import synth, synth_tables
from porras.outcomes.tests.helpers import ALL, EXACT, DataSet

# Every group key, one or two at a time (each key's label compared on every row), with small cells
# (withheld, complementary suppression) and the hierarchies of the rule (unit -> county, month ->
# quarter -> year). A Spark query costs a second or more even on small data: few groupings.
GROUPINGS = [
    (),
    ("unit",),
    ("intervention", "step"),
    ("age_group", "sex", "year"),
    ("collaborative_area", "language", "month"),
    ("county", "quarter"),
    ("programme",),
]
POLICIES = {"all": ALL, "exact": EXACT, "rounded": DEFAULT_POLICY}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("spark-synth")
    synth(3000, 11, folder)
    return folder


@pytest.fixture(scope="module")
def hand_made(tmp_path_factory) -> Path:
    ds = DataSet()
    big = 2**40 + 5  # beyond DuckDB's narrow ordering key: its wide path runs
    ds.add(
        "a",
        phq=[("2025-02-01", 12, big + 2), ("2025-02-01", 20, big + 1), ("2025-04-01", 14, big + 5),
             ("2025-04-01", 3, big + 4)],
        gad=[("2025-02-01", 10), ("2025-04-01", 9)],
    )
    ds.add("a", phq=[("2025-02-01", 15), ("2025-04-01", 5)], gad=[("2025-02-01", 12), ("2025-04-01", 4)])
    ds.add(
        "b",
        birth_year=2003,
        assessment="2025-01-31",
        first_treatment="2025-04-30",
        phq=[("2025-02-01", 20), ("2025-04-01", 12)],
        gad=[("2025-02-01", 10), ("2025-04-01", 15)],
    )
    ds.add("b", end=None, phq=[("2025-02-01", 8)], gad=[("2025-02-01", 6)])
    both = [("2025-02-01", 15), ("2025-04-01", 5)]
    # two programmes: the one that started first counts, whatever the order of the rows
    ds.add("b", step=1, phq=both, gad=both, programmes=[("worry", "2025-03-01", "2025-04-20", 5, 5),
                                                         ("panic", "2025-02-02", "2025-04-20", 2, 6)])
    ds.add("a", step=1, phq=both, gad=both, programmes=[("low-mood", "2025-02-01", "2025-04-20", 6, 6)])
    # the children of clients: addressed by a discussion, by a referral, not yet; no; not known
    ds.add("a", minor_children="yes", children_discussed="2025-01-20")
    ds.add("b", minor_children="yes", family_referral="2025-02-15")
    ds.add("b", minor_children="yes")
    ds.add("a", minor_children="no")
    ds.add("a", minor_children="unknown")
    folder = tmp_path_factory.mktemp("spark-hand")
    for name, table in ds.tables().items():
        pq.write_table(table, folder / f"{name}.parquet")
    return folder


@pytest.mark.parametrize("kind", ["outcomes", "access"])
@pytest.mark.parametrize("dataset", ["synthetic", "hand_made"])
def test_spark_and_duckdb_give_identical_reports_for_every_group_key(request, spark, dataset, kind):
    folder = request.getfixturevalue(dataset)
    groupings = GROUPINGS if dataset == "synthetic" else [(), ("unit", "month"), ("programme",)]
    assert {key for grouping in GROUPINGS for key in grouping} == {str(key) for key in GROUP_KEYS}
    relations = spark_relations(spark, str(folder))  # the views once; the reports run on them
    withheld = 0
    for grouping in groupings:
        group_by = parse_group_by(grouping)
        # one run of the Spark queries per grouping, published under each policy
        on_spark = run_reports(spark, "spark", kind, group_by, relations=relations, policies=list(POLICIES.values()))
        for (name, policy), spark_report in zip(POLICIES.items(), on_spark, strict=True):
            on_duckdb = report_from_folder(folder, kind, group_by, policy=policy)
            if name == "all":
                assert on_duckdb.groups, f"{group_by}: no groups at all"
            assert spark_report.as_dict() == on_duckdb.as_dict(), f"{dataset} {kind} {group_by} {name}"
            withheld += sum(1 for row in on_duckdb.groups if row["suppressed"])
    if dataset == "synthetic":
        assert withheld > 0, "the groupings made no small cell: suppression was not compared"


def test_a_hive_partitioned_data_set_gives_the_same_report_on_spark(spark, synthetic, tmp_path):
    tables = synth_tables(3000, 11)
    for name, table in tables.items():
        if name == "episodes":
            pads.write_dataset(table, tmp_path / name, format="parquet", partitioning=["county_code"],
                               partitioning_flavor="hive")
        else:
            (tmp_path / name).mkdir()
            pq.write_table(table.slice(0, 5000), tmp_path / name / "part-0.parquet")
            pq.write_table(table.slice(5000), tmp_path / name / "part-1.parquet")
    group_by = parse_group_by("county,quarter")
    # the outcome report from a folder name, the access report from a file: URI
    for kind, source in (("outcomes", str(tmp_path)), ("access", tmp_path.as_uri())):
        expected = report_from_folder(synthetic, kind, group_by, policy=EXACT).as_dict()
        assert report_on_spark(source, kind, group_by, policy=EXACT, spark=spark).as_dict() == expected


def test_a_county_or_unit_filter_narrows_the_spark_report_as_it_does_duckdb(spark, synthetic):
    group_by = parse_group_by("unit")
    # a quote and a backslash in a code must stay inside Spark's string literal
    for restriction in ((["helsinki", "it's", "a\\"], None), (None, ["pirkanmaa-01", "lappi-02"])):
        on_spark = report_on_spark(str(synthetic), "outcomes", group_by, policy=ALL, spark=spark,
                                   restrictions=[restriction])
        on_duckdb = report_from_folder(synthetic, "outcomes", group_by, policy=ALL, restrictions=[restriction])
        assert on_spark.as_dict() == on_duckdb.as_dict()
        units = {row["unit"] for row in on_spark.groups}
        if restriction[0]:
            assert units and {unit[:9] for unit in units} == {"helsinki-"}
        else:
            assert units == {"pirkanmaa-01", "lappi-02"}


def test_a_data_set_without_programmes_is_read_by_spark_as_one_without_any(spark, hand_made, tmp_path):
    for name in ("episodes", "appointments", "measurements"):
        (tmp_path / f"{name}.parquet").write_bytes((hand_made / f"{name}.parquet").read_bytes())
    group_by = parse_group_by("programme")
    on_spark = report_on_spark(str(tmp_path), "outcomes", group_by, policy=ALL, spark=spark)
    assert on_spark.as_dict() == report_from_folder(tmp_path, "outcomes", group_by, policy=ALL).as_dict()
    assert [row["programme"] for row in on_spark.groups] == [None]
def test_a_data_set_older_than_the_children_s_columns_reads_on_spark_as_duckdb(spark, hand_made, tmp_path):
    children = ["minor_children", "children_discussed_date", "family_referral_date"]
    pq.write_table(pq.read_table(hand_made / "episodes.parquet").drop_columns(children), tmp_path / "episodes.parquet")
    for name in ("appointments", "measurements"):
        pq.write_table(pq.read_table(hand_made / f"{name}.parquet"), tmp_path / f"{name}.parquet")
    expected = report_from_folder(tmp_path, "access", parse_group_by("unit"), policy=ALL).as_dict()
    assert [g["with_minor_children"] for g in expected["groups"]] == [0, 0]
    assert report_on_spark(str(tmp_path), "access", parse_group_by("unit"), policy=ALL, spark=spark).as_dict() == expected


def test_spark_says_which_table_is_missing(spark, tmp_path):
    with pytest.raises(ReportError, match="no episodes table in"):
        report_on_spark(str(tmp_path), "outcomes", spark=spark)


def test_porras_report_with_engine_spark_writes_the_bytes_of_the_duckdb_report(spark, synthetic, capsys):
    from porras import cli

    for kind, fmt in (("outcomes", "csv"),):
        args = ["report", kind, "--source", str(synthetic), "--group-by", "county,year", "--format", fmt]
        assert cli._quick(args) == 0
        on_duckdb = capsys.readouterr().out
        assert cli._quick([*args, "--engine", "spark"]) == 0
        assert capsys.readouterr().out == on_duckdb
        assert "helsinki" in on_duckdb


def test_spark_does_not_read_the_database():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="engine: Spark reads a data set"):
        call_command("report", "outcomes", "--engine", "spark")
