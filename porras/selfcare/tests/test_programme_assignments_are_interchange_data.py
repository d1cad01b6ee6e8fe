"""``programme_assignments`` is a table of the interchange format: ``porras export`` writes it,
``porras import`` reads it back all or nothing (naming the bad cell, writing nothing), ``porras synth``
makes one, and the outcome report grouped by programme is the same from the database as from the
exported files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from porras.accounts.models import AuditEntry
from porras.care import interchange
from porras.care import services as care
from porras.care.domain.interchange import PROGRAMME_ASSIGNMENTS, arrow_schema
from porras.care.models import Client, Episode
from porras.care.tests.helpers import GAD7
from porras.lib.disclosure import Policy
from porras.outcomes.domain.engine import parse_group_by, report_from_folder, run_report
from porras.outcomes.sources import database_relations
from porras.outcomes.synth import synth_tables
from porras.selfcare.models import Assignment
from porras.selfcare.tests.helpers import HETU_2000, PHQ9_NO_RISK, assign, client_for, make_case, post

pytestmark = pytest.mark.django_db
EVERYTHING = Policy(minimum=0, base=1)
PHQ9_HIGH = [3, 3, 3, 3, 2, 2, 2, 2, 0, 0]


def _finished_with_programme(cast: Any, api_client_for: Any) -> tuple[Episode, int]:
    """An episode that finished treatment (two attended treatments, PHQ-9 and GAD-7 twice) with the
    low-mood programme, one module of it completed."""
    case = make_case(cast.clinician_a)
    e, day = case.episode.pk, case.episode.referral_date
    done = assign(api_client_for(cast.clinician_a), e)
    me = client_for(done["code"])
    assert post(me, "/api/v1/me/modules/start", {"answers": {"hopes": "sleep"}, "complete": True}).status_code == 200
    care.add_appointment(cast.clinician_a, e, day + dt.timedelta(days=2), "assessment", "attended")
    for offset in (3, 10):
        care.add_appointment(cast.clinician_a, e, day + dt.timedelta(days=offset), "treatment", "attended")
    care.record_measurement(cast.clinician_a, e, "phq9", day + dt.timedelta(days=3), PHQ9_HIGH)
    care.record_measurement(cast.clinician_a, e, "gad7", day + dt.timedelta(days=3), GAD7)
    care.record_measurement(cast.clinician_a, e, "phq9", day + dt.timedelta(days=10), PHQ9_NO_RISK)
    care.record_measurement(cast.clinician_a, e, "gad7", day + dt.timedelta(days=10), [0] * 7)
    episode = Episode.objects.get(pk=e)
    care.update_episode(cast.clinician_a, e, episode.version,
                        {"step": 1, "end_date": day + dt.timedelta(days=20), "end_reason": "completed"})
    return Episode.objects.get(pk=e), done["assignment_id"]


def _wipe() -> None:
    Assignment.objects.all().delete()
    for episode in Episode.objects.all():
        episode.delete()
    Client.objects.all().delete()


def test_the_export_holds_each_assignment_with_its_completed_modules(cast: Any, api_client_for: Any,
                                                                    tmp_path: Path) -> None:
    episode, assignment_id = _finished_with_programme(cast, api_client_for)
    call_command("export", str(tmp_path))
    table = pq.read_table(tmp_path / "programme_assignments.parquet")
    assert table.schema.names == list(PROGRAMME_ASSIGNMENTS.column_names)
    (row,) = table.to_pylist()
    ended = Assignment.objects.get(pk=assignment_id).ended_at  # the programme ended with the episode
    assert ended is not None
    assert row == {"assignment_id": assignment_id, "episode_id": episode.pk, "programme": "low-mood",
                   "start_date": dt.datetime.now(dt.UTC).date(), "end_date": ended.astimezone(dt.UTC).date(),
                   "modules_completed": 1, "modules_total": 6}
    entry = AuditEntry.objects.get(action="programme_assignment.export")
    assert entry.detail["episodes"] == [[episode.pk, episode.pk]]


def test_the_report_by_programme_is_the_same_from_the_database_and_from_the_export(
        cast: Any, api_client_for: Any, tmp_path: Path) -> None:
    episode, _ = _finished_with_programme(cast, api_client_for)
    other = make_case(cast.clinician_a, hetu=HETU_2000).episode  # no programme, not finished
    assert other.pk != episode.pk
    call_command("export", str(tmp_path))
    for grouping in ((), ("programme",), ("programme", "unit")):
        keys = parse_group_by(grouping)
        for kind in ("outcomes", "access"):
            from_db = run_report(connection, connection.vendor, kind, keys, relations=database_relations(),
                                 policy=EVERYTHING)
            from_files = report_from_folder(tmp_path, kind, keys, policy=EVERYTHING)
            assert from_db.as_dict() == from_files.as_dict(), (kind, grouping)
    by_programme = run_report(connection, connection.vendor, "outcomes", parse_group_by("programme"),
                              relations=database_relations(), policy=EVERYTHING)
    (group,) = by_programme.groups
    # one finished episode; its programme ended with it after one module of six: not completed
    assert (group["programme"], group["finished"], group["programme_ended"], group["programme_completed"]) == (
        "low-mood", 1, 1, 0)
    access = run_report(connection, connection.vendor, "access", parse_group_by("programme"),
                        relations=database_relations(), policy=EVERYTHING)
    assert {g["programme"]: g["referrals"] for g in access.groups} == {None: 1, "low-mood": 1}


def test_an_exported_folder_imports_back_to_the_same_assignments(cast: Any, api_client_for: Any,
                                                               tmp_path: Path) -> None:
    _finished_with_programme(cast, api_client_for)
    call_command("export", str(tmp_path))
    before = interchange.relation_table("programme_assignments", _relation()).to_pylist()
    _wipe()
    call_command("import", str(tmp_path))
    assert interchange.relation_table("programme_assignments", _relation()).to_pylist() == before
    assert AuditEntry.objects.filter(action="programme_assignment.import").count() == 1


def _relation() -> str:
    from porras.selfcare.dataset_export import relations

    return relations()["programme_assignments"]


def _folder_with(tmp_path: Path, rows: list[dict[str, Any]]) -> Path:
    tables = synth_tables(20, 5)
    for name in ("episodes", "appointments", "measurements"):
        pq.write_table(tables[name], tmp_path / f"{name}.parquet")
    pq.write_table(pa.Table.from_pylist(rows, schema=arrow_schema("programme_assignments")),
                   tmp_path / "programme_assignments.parquet")
    return tmp_path


def _row(episode: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {"assignment_id": 1, "episode_id": episode["episode_id"], "programme": "low-mood",
            "start_date": episode["referral_date"], "end_date": episode["end_date"], "modules_completed": 2,
            "modules_total": 6, **changes}


@pytest.mark.parametrize(("change", "column"), [
    ({"episode_id": 999}, "episode_id"),
    ({"programme": "no-such-programme"}, "programme"),
    ({"modules_completed": 7}, "modules_completed"),
    ({"start_date": dt.date(2000, 1, 1)}, "start_date"),
])
def test_a_bad_assignment_is_named_and_nothing_of_the_data_set_is_written(
        cast: Any, tmp_path: Path, capsys: Any, change: dict[str, Any], column: str) -> None:
    episode = synth_tables(20, 5)["episodes"].to_pylist()[0]
    folder = _folder_with(tmp_path, [_row(episode, **change)])
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import", str(folder))
    assert f"programme_assignments, row 1, column {column}:" in capsys.readouterr().err
    assert not Episode.objects.exists() and not Assignment.objects.exists()


def test_an_ended_episodes_programme_must_have_ended(cast: Any, tmp_path: Path, capsys: Any) -> None:
    episodes = synth_tables(20, 5)["episodes"].to_pylist()
    ended = next(e for e in episodes if e["end_date"] is not None)
    folder = _folder_with(tmp_path, [_row(ended, end_date=None)])
    with pytest.raises(CommandError):
        call_command("import", str(folder))
    assert "programme_assignments, row 1, column end_date: is required: the episode ended on" in capsys.readouterr().err
    assert not Episode.objects.exists()


def test_a_good_assignment_is_imported_with_the_episodes(cast: Any, tmp_path: Path) -> None:
    episode = synth_tables(20, 5)["episodes"].to_pylist()[0]
    call_command("import", str(_folder_with(tmp_path, [_row(episode, assignment_id=41)])))
    imported = Assignment.objects.get()
    assert (imported.pk, imported.episode_id, imported.modules_completed, imported.modules_total) == (
        41, episode["episode_id"], 2, 6)


def test_synthetic_programmes_belong_to_step_1_episodes_that_entered_treatment() -> None:
    tables = synth_tables(2000, 3)
    episodes = {e["episode_id"]: e for e in tables["episodes"].to_pylist()}
    rows = tables["programme_assignments"].to_pylist()
    assert {episodes[r["episode_id"]]["step"] for r in rows} == {1}
    assert all(episodes[r["episode_id"]]["first_treatment_date"] <= r["start_date"] for r in rows)
    step_1 = sum(1 for e in episodes.values() if e["step"] == 1)
    with_programme = len({r["episode_id"] for r in rows})
    assert 0.3 * step_1 < with_programme < 0.9 * step_1
    assert len(rows) > with_programme  # some episodes have a second programme
    assert not interchange_errors(rows)


def interchange_errors(rows: list[dict[str, Any]]) -> list[Any]:
    from porras.care.domain.interchange import validate_rows

    return validate_rows("programme_assignments", rows)


def test_a_csv_table_of_assignments_is_read_like_parquet(cast: Any, tmp_path: Path) -> None:
    episode = synth_tables(20, 5)["episodes"].to_pylist()[0]
    folder = _folder_with(tmp_path, [])
    (folder / "programme_assignments.parquet").unlink()
    end = episode["end_date"].isoformat() if episode["end_date"] else ""
    (folder / "programme_assignments.csv").write_text(
        "assignment_id,episode_id,programme,start_date,end_date,modules_completed,modules_total\n"
        f"7,{episode['episode_id']},worry,{episode['referral_date'].isoformat()},{end},5,5\n", encoding="utf-8")
    call_command("import", str(folder))
    imported = Assignment.objects.get()
    assert (imported.pk, imported.programme, imported.modules_completed) == (7, "worry", 5)
    assert (imported.ended_at is None) == (episode["end_date"] is None)
