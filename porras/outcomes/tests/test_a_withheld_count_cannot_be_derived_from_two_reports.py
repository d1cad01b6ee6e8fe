"""County total 6, women 5, men withheld: the county report minus the county x sex report must not
give the men's count. The attacker reads the two JSON documents and the rule they declare."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from porras.outcomes.tests.helpers import DataSet

pytestmark = pytest.mark.django_db

RECOVERING = {"phq": [("2025-02-01", 15), ("2025-04-01", 5)], "gad": [("2025-02-01", 12), ("2025-04-01", 4)]}


@pytest.fixture
def six_in_lappi(settings, tmp_path):
    ds = DataSet()
    for sex in ["female"] * 5 + ["male"]:
        ds.add("lappi-1", county="lappi", sex=sex, **RECOVERING)  # type: ignore[arg-type]
    for name, table in ds.tables().items():
        pq.write_table(table, tmp_path / f"{name}.parquet")
    settings.PORRAS_REPORTS_SOURCE = str(tmp_path)


def _interval(shown, doc):
    """Counts the attacker cannot tell apart from ``shown`` under the declared rule."""
    rule = doc["definitions"].get("disclosure", {"minimum": 5, "rounding_base": 1})
    base, minimum = rule["rounding_base"], rule["minimum"]
    if base == 1:
        return shown, shown
    return max(shown - base // 2, minimum), shown + (base - 1) // 2


def test_the_county_total_minus_the_women_does_not_give_the_men(cast, api_client_for, six_in_lappi):
    client = api_client_for(cast.national_analyst)
    by_county = client.get("/api/v1/reports/outcomes", {"group_by": "county"}).json()
    by_sex = client.get("/api/v1/reports/outcomes", {"group_by": "county,sex"}).json()
    [county] = by_county["groups"]
    women = next(g for g in by_sex["groups"] if g["sex"] == "female")
    men = [g for g in by_sex["groups"] if g["sex"] == "male"]
    assert not men or men[0]["finished"] is None  # the men's group is withheld
    total_lo, total_hi = _interval(county["finished"], by_county)
    women_lo, women_hi = _interval(women["finished"], by_sex)
    minimum = by_sex["definitions"].get("disclosure", {"minimum": 5})["minimum"]
    possible = [m for m in range(minimum) if total_lo - women_hi <= m <= total_hi - women_lo]
    assert len(possible) > 1, f"the men's count is {possible}"
