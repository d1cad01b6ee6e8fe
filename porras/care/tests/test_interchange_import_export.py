"""Export → import reproduces the data; a bad row is named by table, row and column; nothing is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest
from django.core.management import CommandError, call_command

from porras.care import interchange, services
from porras.care.models import Appointment, Client, Episode, Measurement, RiskFlag
from porras.care.tests.helpers import GAD7, PHQ9_NO_RISK, PHQ9_WITH_RISK, make_case

pytestmark = pytest.mark.django_db


def _filled(cast) -> Episode:
    case = make_case(cast.clinician_a)
    e = case.episode.pk
    day = case.episode.referral_date
    services.add_appointment(cast.clinician_a, e, day + dt.timedelta(days=3), "assessment", "attended")
    services.add_appointment(cast.clinician_a, e, day + dt.timedelta(days=10), "treatment", "attended")
    services.add_appointment(cast.clinician_a, e, day + dt.timedelta(days=17), "treatment", "did_not_attend")
    services.add_appointment(cast.clinician_a, e, dt.date.today() + dt.timedelta(days=3), "treatment", "booked")
    services.record_measurement(cast.clinician_a, e, "phq9", day + dt.timedelta(days=3), PHQ9_WITH_RISK)
    services.record_measurement(cast.clinician_a, e, "gad7", day + dt.timedelta(days=3), GAD7)
    services.record_measurement(cast.clinician_a, e, "phq9", day + dt.timedelta(days=10), PHQ9_NO_RISK)
    case.episode.refresh_from_db()
    services.update_episode(cast.clinician_a, e, case.episode.version,
                            {"step": 2, "intervention": "cbt_short_individual",
                             "end_date": day + dt.timedelta(days=20), "end_reason": "completed"})
    return case.episode


def _wipe() -> None:
    RiskFlag.objects.all().delete()
    Measurement.objects.all().delete()
    Appointment.objects.all().delete()
    Episode.objects.all().delete()
    Client.objects.all().delete()


def test_the_relations_hold_exactly_the_interchange_columns(cast) -> None:
    _filled(cast)
    episodes = interchange.relation_table("episodes").to_pylist()
    assert list(episodes[0]) == ["episode_id", "client_id", "county_code", "unit_id", "birth_year", "sex", "language",
                                 "referral_date", "assessment_date", "first_treatment_date", "end_date", "end_reason",
                                 "step", "intervention", "problem", "minor_children", "children_discussed_date",
                                 "family_referral_date"]
    row = episodes[0]
    assert (row["county_code"], row["unit_id"], row["birth_year"], row["end_reason"], row["step"], row["problem"]) == (
        "helsinki", "unit-a", 1952, "completed", 2, "depression")
    assert row["intervention"] == "IDY03"  # cognitive short therapy, individual: its procedure code
    appointments = interchange.relation_table("appointments").to_pylist()
    assert [a["status"] for a in appointments] == ["attended", "attended", "did_not_attend"]  # booked left out
    measurements = interchange.relation_table("measurements").to_pylist()
    assert [(m["instrument"], m["total"]) for m in measurements] == [("phq9", 13), ("gad7", 9), ("phq9", 8)]
    assert measurements[0]["items"] == [2, 2, 2, 2, 1, 1, 1, 1, 1]  # the nine scored PHQ-9 items


def test_export_then_import_into_an_emptied_database_reproduces_every_table(cast, tmp_path: Path) -> None:
    _filled(cast)
    call_command("export", str(tmp_path))
    before = {name: interchange.relation_table(name) for name in ("episodes", "appointments", "measurements")}
    _wipe()
    call_command("import", str(tmp_path))
    for name, table in before.items():
        assert interchange.relation_table(name).equals(table), name
    # the risk answer survived the round trip
    assert [(f.instrument, f.item, f.value) for f in RiskFlag.objects.all()] == [("phq9", "9", 1)]


def _csv(folder: Path, name: str, text: str) -> None:
    (folder / f"{name}.csv").write_text(text.strip() + "\n", encoding="utf-8")


HEAD = ("episode_id,client_id,county_code,unit_id,birth_year,sex,language,referral_date,assessment_date,"
        "first_treatment_date,end_date,end_reason,step,intervention,problem")


def test_a_csv_data_set_is_imported_with_new_units_and_clients(cast, tmp_path: Path) -> None:
    _csv(tmp_path, "episodes", f"""{HEAD}
1,c-1,pirkanmaa,new-unit,1990,female,fi,2026-01-05,2026-01-12,2026-01-19,2026-03-01,completed,2,IDY03,depression
2,c-2,pirkanmaa,new-unit,2001,male,sv,2026-02-01,,,,,,,""")
    _csv(tmp_path, "appointments", "appointment_id,episode_id,date,kind,status\n1,1,2026-01-12,assessment,attended")
    _csv(tmp_path, "measurements", 'measurement_id,episode_id,date,instrument,total,items\n'
                                   '1,1,2026-01-12,phq9,14,"[2,2,2,2,2,2,1,0,1]"\n2,1,2026-03-01,phq9,4,')
    counts = interchange.import_dataset(tmp_path, "k")
    assert counts == {"episodes": 2, "appointments": 1, "measurements": 2, "clients": 2, "risk_flags": 1}
    assert Episode.objects.get(pk=2).unit.code == "new-unit"
    assert Episode.objects.get(pk=1).client.code == "c-1"
    assert Episode.objects.get(pk=1).intervention == "cbt_short_individual"  # read back from IDY03
    assert Measurement.objects.get(pk=1).caseness is True  # 14 ≥ 10 (PHQ-9 caseness, NHS Talking Therapies)


def test_a_bad_cell_is_reported_by_table_row_and_column_and_nothing_is_written(cast, tmp_path: Path) -> None:
    _csv(tmp_path, "episodes", f"""{HEAD}
1,c-1,pirkanmaa,u,1990,female,fi,2026-01-05,,,,,,,
2,c-2,pirkanmaa,u,2001,male,sv,2026-02-30,,,,,,,""")
    _csv(tmp_path, "appointments", "appointment_id,episode_id,date,kind,status\n1,1,2026-01-12,assessment,came")
    _csv(tmp_path, "measurements", "measurement_id,episode_id,date,instrument,total,items\n1,9,2026-01-12,phq9,4,")
    with pytest.raises(interchange.ImportFailed) as caught:
        interchange.import_dataset(tmp_path, "k")
    found = {(e.table, e.row, e.column) for e in caught.value.errors}
    assert ("episodes", 2, "referral_date") in found
    assert ("appointments", 1, "status") in found
    assert ("measurements", 1, "episode_id") in found
    assert not Episode.objects.exists() and not Appointment.objects.exists()


def test_an_unknown_instrument_or_an_impossible_total_is_refused(cast, tmp_path: Path) -> None:
    _csv(tmp_path, "episodes", f"{HEAD}\n1,c-1,pirkanmaa,u,1990,female,fi,2026-01-05,,,,,,,")
    _csv(tmp_path, "appointments", "appointment_id,episode_id,date,kind,status")
    _csv(tmp_path, "measurements", "measurement_id,episode_id,date,instrument,total,items\n"
                                   "1,1,2026-01-12,phq9,28,\n2,1,2026-01-12,xyz,3,")
    with pytest.raises(interchange.ImportFailed) as caught:
        interchange.import_dataset(tmp_path, "k")
    assert {(e.row, e.column) for e in caught.value.errors} == {(1, "total"), (2, "instrument")}
    assert not Episode.objects.exists()


def test_importing_the_same_ids_twice_is_refused(cast, tmp_path: Path) -> None:
    _filled(cast)
    call_command("export", str(tmp_path))
    with pytest.raises(CommandError):
        call_command("import", str(tmp_path))
    assert Episode.objects.count() == 1


def test_the_report_engine_runs_on_the_care_tables(cast) -> None:
    from django.db import connection

    from porras.lib.disclosure import Policy
    from porras.outcomes.domain.engine import run_report
    from porras.outcomes.sources import database_relations

    episode = _filled(cast)
    Appointment.objects.create(episode=episode, date=episode.referral_date + dt.timedelta(days=15), kind="treatment",
                               status="attended")
    services.record_measurement(cast.clinician_a, episode.pk, "gad7", episode.referral_date + dt.timedelta(days=10),
                                [0] * 7)
    every_count = Policy(0, 1)
    with connection.cursor() as cursor:
        report = run_report(cursor.connection, connection.vendor, "access", (), relations=database_relations(),
                            policy=every_count)
        outcomes = run_report(cursor.connection, connection.vendor, "outcomes", (),
                              relations=database_relations(), policy=every_count)
    assert report.groups[0]["referrals"] == 1
    # ended with two attended treatment appointments and paired PHQ-9 and GAD-7: finished (docs/product.md §2E);
    # PHQ-9 13 → 8 and GAD-7 9 → 0: at caseness at the start, below both at the end: recovered
    assert outcomes.groups[0]["finished"] == 1
    assert outcomes.groups[0]["recovered"] == 1


def test_partitioned_parquet_is_read(cast, tmp_path: Path) -> None:
    import pyarrow.dataset as pads

    from porras.outcomes.synth import synth_tables

    tables = synth_tables(50, 7)
    pads.write_dataset(tables["episodes"], tmp_path / "episodes", format="parquet", partitioning=["county_code"],
                       partitioning_flavor="hive")
    for name in ("appointments", "measurements"):
        import pyarrow.parquet as pq

        pq.write_table(tables[name], tmp_path / f"{name}.parquet")
    counts = interchange.import_dataset(tmp_path, "k")
    assert counts["episodes"] == 50
    assert isinstance(interchange.relation_table("episodes"), pa.Table)


def test_the_children_s_columns_go_out_and_come_back(cast, tmp_path: Path) -> None:
    episode = _filled(cast)
    services.update_episode(cast.clinician_a, episode.pk, Episode.objects.get(pk=episode.pk).version, {
        "minor_children": "yes", "children_discussed_date": episode.referral_date + dt.timedelta(days=3),
        "children_discussion_method": "lets_talk_about_children"})
    call_command("export", str(tmp_path))
    row = interchange.relation_table("episodes").to_pylist()[0]
    assert (row["minor_children"], row["children_discussed_date"], row["family_referral_date"]) == (
        "yes", episode.referral_date + dt.timedelta(days=3), None)
    _wipe()
    call_command("import", str(tmp_path))
    back = Episode.objects.get()
    assert (back.minor_children, back.children_discussed_date) == ("yes", episode.referral_date + dt.timedelta(days=3))


def test_a_file_older_than_the_children_s_columns_imports_them_as_unknown(cast, tmp_path: Path) -> None:
    _csv(tmp_path, "episodes", f"{HEAD}\n1,c-1,pirkanmaa,u,1990,female,fi,2026-01-05,,,,,,,")
    _csv(tmp_path, "appointments", "appointment_id,episode_id,date,kind,status")
    _csv(tmp_path, "measurements", "measurement_id,episode_id,date,instrument,total,items")
    interchange.import_dataset(tmp_path, "k")
    episode = Episode.objects.get()
    assert (episode.minor_children, episode.children_discussed_date, episode.family_referral_date) == (
        "unknown", None, None)
    assert interchange.relation_table("episodes").to_pylist()[0]["minor_children"] == "unknown"


def test_a_date_about_children_of_a_client_without_them_is_refused_by_row_and_column(cast, tmp_path: Path) -> None:
    _csv(tmp_path, "episodes", f"""{HEAD},minor_children,children_discussed_date,family_referral_date
1,c-1,pirkanmaa,u,1990,female,fi,2026-01-05,,,,,,,,yes,2026-01-10,
2,c-2,pirkanmaa,u,1990,female,fi,2026-01-05,,,,,,,,no,,2026-01-10""")
    _csv(tmp_path, "appointments", "appointment_id,episode_id,date,kind,status")
    _csv(tmp_path, "measurements", "measurement_id,episode_id,date,instrument,total,items")
    with pytest.raises(interchange.ImportFailed) as caught:
        interchange.import_dataset(tmp_path, "k")
    assert [(e.table, e.row, e.column) for e in caught.value.errors] == [("episodes", 2, "family_referral_date")]
    assert not Episode.objects.exists()
