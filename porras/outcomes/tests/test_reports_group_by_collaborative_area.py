"""The reports group by the five collaborative areas (yhteistyöalueet, reference data beside the
counties): an area's figures are its counties' added up, and disclosure control treats the area as
a coarser margin of the county and of the unit."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from porras.accounts.domain.areas import collaborative_areas, county_areas
from porras.lib.disclosure import Policy
from porras.outcomes.domain.engine import parse_group_by, report_from_folder, table_spec
from porras.outcomes.tests.helpers import DataSet

EXACT = Policy(0, 1)


def _recovering(ds: DataSet, county: str, unit: str) -> None:
    ds.add(unit, county=county, phq=[("2025-02-01", 15), ("2025-04-01", 5)],
           gad=[("2025-02-01", 12), ("2025-04-01", 4)])


@pytest.fixture
def folder(tmp_path):
    ds = DataSet()
    for _ in range(3):
        _recovering(ds, "helsinki", "hki-1")
    for _ in range(2):
        _recovering(ds, "vantaa-kerava", "vk-1")
    _recovering(ds, "pirkanmaa", "pir-1")
    for name, table in ds.tables().items():
        pq.write_table(table, tmp_path / f"{name}.parquet")
    return tmp_path


def test_every_county_belongs_to_exactly_one_of_the_five_areas():
    assert len(collaborative_areas()) == 5
    assert county_areas()["helsinki"] == county_areas()["vantaa-kerava"] == "etela"
    assert county_areas()["pirkanmaa"] == "lansi"
    assert len(county_areas()) == 22  # 21 wellbeing services counties and the City of Helsinki


def test_an_area_counts_the_episodes_of_its_counties_together(folder):
    report = report_from_folder(folder, "outcomes", parse_group_by("collaborative_area"), policy=EXACT)
    assert {g["collaborative_area"]: g["finished"] for g in report.groups} == {"etela": 5, "lansi": 1}
    assert {g["collaborative_area"]: g["recovered"] for g in report.groups} == {"etela": 5, "lansi": 1}


def test_a_county_outside_the_areas_is_its_own_unnamed_group(tmp_path):
    ds = DataSet()
    _recovering(ds, "testikunta", "t-1")
    for name, table in ds.tables().items():
        pq.write_table(table, tmp_path / f"{name}.parquet")
    report = report_from_folder(tmp_path, "outcomes", parse_group_by("collaborative_area"), policy=EXACT)
    assert [(g["collaborative_area"], g["finished"]) for g in report.groups] == [(None, 1)]


def test_the_access_report_groups_by_area_too(folder):
    report = report_from_folder(folder, "access", parse_group_by("collaborative_area,year"), policy=EXACT)
    assert {(g["collaborative_area"], g["referrals"]) for g in report.groups} == {("etela", 5), ("lansi", 1)}


def test_disclosure_control_sees_the_area_as_the_county_s_and_the_unit_s_coarser_margin():
    by_county = table_spec("outcomes", parse_group_by("county"))
    [to_area] = by_county.hierarchy["county"]
    assert to_area("vantaa-kerava") == "etela"
    by_unit = table_spec("outcomes", parse_group_by("unit"), {"vk-1": "vantaa-kerava"})
    to_county, to_area = by_unit.hierarchy["unit"]
    assert to_area(to_county("vk-1")) == "etela"
    # grouped by the area already: the county is not coarsened to it again
    assert "county" not in table_spec("outcomes", parse_group_by("collaborative_area,county")).hierarchy
