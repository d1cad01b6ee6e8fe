"""``porras export DIR`` writes the ``consultations`` table beside the episodes; the report over the
exported Parquet files (DuckDB) equals the report from the database, cell for cell."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
from django.core.management import call_command

from porras.integrated import reports, services
from porras.integrated.domain.interchange import COLUMN_NAMES
from porras.integrated.tests.helpers import World, world  # noqa: F401
from porras.lib.disclosure import Policy


def test_the_exported_folder_reports_what_the_database_reports(world: World, tmp_path: Path) -> None:  # noqa: F811
    w = world
    answered = services.ask(w.cast.clinician_a, w.episode.pk, "psy-a", "Kysymys", "urgent", "video")
    services.answer(w.specialist_a, answered.pk, "Vastaus", "transfer")
    services.ask(w.cast.clinician_a, w.episode.pk, "psy-a", "Toinen", "non_urgent", "written_advice")
    services.add_social_care(w.cast.clinician_a, w.episode.pk, "social_work", "Sosiaalityöntekijä", "09 1",
                             w.episode.referral_date)
    call_command("export", str(tmp_path))
    table = pq.read_table(tmp_path / "consultations.parquet")
    assert tuple(table.column_names) == COLUMN_NAMES
    rows = table.to_pylist()
    assert [(r["episode_id"], r["specialist_unit_id"], r["urgency"], r["outcome"], r["answered_date"] is None)
            for r in rows] == [(w.episode.pk, "psy-a", "urgent", "transfer", False),
                               (w.episode.pk, "psy-a", "non_urgent", None, True)]
    everything = Policy(minimum=0, base=1)
    for group_by in ((), ("county",), ("unit", "quarter")):
        from_db = reports.run("db", group_by, policy=everything).groups
        from_folder = reports.run(str(tmp_path), group_by, policy=everything).groups
        assert from_db == from_folder
        assert from_db and (from_db[0]["consultations"], from_db[0]["episodes_with_social_care"]) == (2, 1)
    assert pq.read_table(tmp_path / "social_care.parquet").column_names == [
        "member_id", "episode_id", "category", "start_date", "end_date"]
