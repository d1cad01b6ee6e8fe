"""DuckDB reads a data set as Parquet files, a folder of (partitioned) Parquet files, or CSV."""

from __future__ import annotations

import json

import pyarrow.csv as pacsv
import pytest

from porras.outcomes.domain.engine import ReportError, parse_group_by, report_from_folder
from porras.outcomes.synth import synth, synth_tables


@pytest.fixture(scope="module")
def flat(tmp_path_factory):
    folder = tmp_path_factory.mktemp("flat")
    synth(1500, 9, folder)
    return folder


def test_a_folder_per_county_gives_the_same_report_as_single_files(flat, tmp_path):
    synth(1500, 9, tmp_path, partition_by_county=True)
    for kind in ("outcomes", "access"):
        assert (
            report_from_folder(tmp_path, kind, parse_group_by("county,year")).as_dict()
            == report_from_folder(flat, kind, parse_group_by("county,year")).as_dict()
        )


def test_csv_files_give_the_same_report_as_parquet(flat, tmp_path):
    for name, table in synth_tables(1500, 9).items():
        if name == "measurements":
            items = [None if v is None else json.dumps(v) for v in table.column("items").to_pylist()]
            table = table.set_column(table.schema.get_field_index("items"), "items", [items])
        pacsv.write_csv(table, tmp_path / f"{name}.csv")
    for kind in ("outcomes", "access"):
        assert (
            report_from_folder(tmp_path, kind, parse_group_by("quarter")).as_dict()
            == report_from_folder(flat, kind, parse_group_by("quarter")).as_dict()
        )


def test_it_says_which_table_is_missing(tmp_path):
    with pytest.raises(ReportError, match="no episodes table in"):
        report_from_folder(tmp_path, "outcomes")


def test_hive_partitioned_episodes_give_the_same_report(flat, tmp_path):
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    tables = synth_tables(1500, 9)
    ds.write_dataset(
        tables["episodes"],
        tmp_path / "episodes",
        format="parquet",
        partitioning=["county_code"],
        partitioning_flavor="hive",
    )
    for name in ("appointments", "measurements"):
        pq.write_table(tables[name], tmp_path / f"{name}.parquet")
    for kind in ("outcomes", "access"):
        assert (
            report_from_folder(tmp_path, kind, parse_group_by("county,quarter")).as_dict()
            == report_from_folder(flat, kind, parse_group_by("county,quarter")).as_dict()
        )
