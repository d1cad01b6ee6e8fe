"""The independent pandas implementation and the SQL engine agree on synthetic and random data."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from porras.care.domain.interchange import arrow_schema
from porras.outcomes.domain.engine import parse_group_by, report_from_folder
from porras.outcomes.synth import synth
from porras.outcomes.tests.helpers import ALL, EXACT, duckdb_report, pandas_report, sqlite_report
from porras.outcomes.tests.pandas_reference import pandas_outcomes_from_folder


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize(
    "group_by",
    [
        (),
        ("county", "quarter"),
        ("age_group", "sex", "step"),
        ("unit", "month", "language", "intervention", "year"),
    ],
)
def test_pandas_and_duckdb_agree_on_synthetic_data(tmp_path_factory, seed, group_by):
    folder = tmp_path_factory.getbasetemp() / f"synth-{seed}"
    if not folder.exists():
        synth(4000, seed, folder)
    keys = parse_group_by(group_by)
    every_group = report_from_folder(folder, "outcomes", keys, policy=ALL)
    assert every_group.groups
    assert every_group.as_dict() == pandas_outcomes_from_folder(folder, keys, minimum=0).as_dict()
    exact = report_from_folder(folder, "outcomes", keys, policy=EXACT)
    assert exact.as_dict() == pandas_outcomes_from_folder(folder, keys, minimum=EXACT.minimum).as_dict()


DAY0 = dt.date(2025, 1, 1)


@st.composite
def datasets(draw):
    n = draw(st.integers(min_value=1, max_value=12))
    episodes, appointments, measurements = [], [], []
    for e in range(1, n + 1):
        ended = draw(st.booleans())
        episodes.append(
            {
                "episode_id": e,
                "client_id": f"c{e}",
                "county_code": draw(st.sampled_from(["helsinki", "lappi"])),
                "unit_id": draw(st.sampled_from(["u1", "u2"])),
                "birth_year": draw(st.integers(1940, 2015)),
                "sex": "female",
                "language": "fi",
                "referral_date": DAY0,
                "assessment_date": None,
                "first_treatment_date": None,
                "end_date": DAY0 + dt.timedelta(days=draw(st.integers(0, 400))) if ended else None,
                "end_reason": "completed" if ended else None,
                "step": draw(st.sampled_from([1, 2, None])),
                "intervention": None,
                "problem": None,
            }
        )
        for _ in range(draw(st.integers(0, 3))):
            appointments.append(
                {
                    "appointment_id": len(appointments) + 1,
                    "episode_id": e,
                    "date": DAY0,
                    "kind": draw(st.sampled_from(["assessment", "treatment"])),
                    "status": draw(st.sampled_from(["attended", "did_not_attend", "cancelled"])),
                }
            )
        for _ in range(draw(st.integers(0, 6))):
            instrument = draw(st.sampled_from(["phq9", "gad7", "core10"]))
            measurements.append(
                {
                    # few distinct days, so that same-day ties are common
                    "measurement_id": draw(st.integers(1, 10**12)),
                    "episode_id": e,
                    "date": DAY0 + dt.timedelta(days=draw(st.integers(0, 3))),
                    "instrument": instrument,
                    "total": draw(st.integers(0, 27 if instrument == "phq9" else 21)),
                    "items": None,
                }
            )
    ids = [m["measurement_id"] for m in measurements]
    if len(set(ids)) != len(ids):
        for i, m in enumerate(measurements):
            m["measurement_id"] = ids[i] * 100 + i  # keep them unique, keep the random order
    rows = {"episodes": episodes, "appointments": appointments, "measurements": measurements}
    return {k: pa.Table.from_pylist(v, schema=arrow_schema(k)) for k, v in rows.items()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tables=datasets(), group_by=st.sampled_from([(), ("unit",), ("county", "step"), ("year", "age_group")])
)
def test_sqlite_duckdb_and_pandas_agree_on_random_episodes(tables, group_by):
    expected = pandas_report(tables, "outcomes", group_by, policy=ALL).as_dict()
    assert sqlite_report(tables, "outcomes", group_by, policy=ALL).as_dict() == expected
    assert duckdb_report(tables, "outcomes", group_by, policy=ALL).as_dict() == expected
