"""Synthetic national data: deterministic, valid, and showing every case the reports must handle."""

from __future__ import annotations

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from porras.care.domain.interchange import arrow_schema, county_codes, validate_dataset
from porras.outcomes.synth import synth, synth_tables


@pytest.fixture(scope="module")
def tables():
    return synth_tables(5000, 3)


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(tables):
    again = synth_tables(5000, 3)
    other = synth_tables(5000, 4)
    for name, table in tables.items():
        assert table.equals(again[name]), name
    assert not tables["measurements"].equals(other["measurements"])


def test_it_writes_the_interchange_schema(tmp_path, tables):
    counts = synth(200, 3, tmp_path)
    for name in ("episodes", "appointments", "measurements"):
        written = pq.read_table(tmp_path / f"{name}.parquet")
        assert written.schema.remove_metadata() == arrow_schema(name)
        assert written.num_rows == counts[name]


def test_every_row_passes_the_import_validation():
    small = synth_tables(300, 5)
    assert validate_dataset({name: t.to_pylist() for name, t in small.items()}) == []


def test_it_covers_all_counties_and_the_cases_the_reports_must_handle(tables):
    ep, ap, ms = tables["episodes"], tables["appointments"], tables["measurements"]
    assert set(ep.column("county_code").to_pylist()) == set(county_codes())
    reasons = set(ep.column("end_reason").drop_null().to_pylist())
    assert {"completed", "dropped_out", "referred_on", "declined"} <= reasons
    assert ep.column("end_date").null_count > 0  # open episodes
    assert ep.column("assessment_date").null_count > 0
    assert {"did_not_attend", "cancelled"} <= set(ap.column("status").to_pylist())
    ages = pc.subtract(pc.year(ep.column("referral_date")), pc.cast(ep.column("birth_year"), "int64"))
    assert pc.min(ages).as_py() < 13 and pc.max(ages).as_py() >= 65
    # same-day measures of one instrument in one episode (the tie rule matters)
    keys = ms.group_by(["episode_id", "instrument", "date"]).aggregate([("measurement_id", "count")])
    assert pc.max(keys.column("measurement_id_count")).as_py() >= 2
    # episodes with PHQ-9 but without any GAD-7 (missing measures)
    phq = set(pc.filter(ms.column("episode_id"), pc.equal(ms.column("instrument"), "phq9")).to_pylist())
    gad = set(pc.filter(ms.column("episode_id"), pc.equal(ms.column("instrument"), "gad7")).to_pylist())
    assert phq - gad
    # about five measurements per episode, as in the national benchmark
    assert 4.0 <= ms.num_rows / ep.num_rows <= 6.5


def test_it_can_write_one_file_per_county(tmp_path):
    synth(500, 2, tmp_path, partition_by_county=True)
    files = sorted(p.name for p in (tmp_path / "measurements").iterdir())
    assert len(files) > 10 and all(f.removesuffix(".parquet") in county_codes() for f in files)


def test_it_rejects_a_negative_number_of_episodes():
    with pytest.raises(ValueError, match="episodes: must be a non-negative integer"):
        synth_tables(-1, 1)
