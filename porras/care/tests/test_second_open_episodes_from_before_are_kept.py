"""A client's several open episodes in one unit from before Porras refused a second one are kept: the
migration marks each later one as opened beside the first (with the migration named as the reason),
and so does an import of a data set with such episodes - nothing is closed or refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from porras.care.interchange import OPENED_BESIDE_ON_IMPORT

HEAD = ("episode_id,client_id,county_code,unit_id,birth_year,sex,language,referral_date,assessment_date,"
        "first_treatment_date,end_date,end_reason,step,intervention,problem")


def _migration(suffix: str) -> tuple[str, str]:
    graph = MigrationExecutor(connection).loader.graph
    return next(key for key in graph.nodes if key[0] == "care" and key[1].endswith(suffix))


def _latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] in ("care", "accounts")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_marks_later_open_episodes_as_opened_beside_the_first(cast) -> None:
    before = [_migration("_find_and_correct_fields")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Client, Episode = apps.get_model("care", "Client"), apps.get_model("care", "Episode")
    client = Client.objects.create(county_id=cast.county_a.pk, identifier_system="local", pseudonym="p" * 64,
                                   code="old-1", birth_year=1970, sex="male", home_county_id=cast.county_a.pk,
                                   language="fi")
    day = dt.date.today() - dt.timedelta(days=30)
    first = Episode.objects.create(client=client, unit_id=cast.unit_a.pk, referral_date=day)
    second = Episode.objects.create(client=client, unit_id=cast.unit_a.pk, referral_date=day + dt.timedelta(days=5))
    ended = Episode.objects.create(client=client, unit_id=cast.unit_a.pk, referral_date=day, end_date=day,
                                   end_reason="completed")
    other_unit = Episode.objects.create(client=client, unit_id=cast.unit_a2.pk, referral_date=day)
    try:
        MigrationExecutor(connection).migrate(_latest())
        from porras.care.models import Episode as Current

        marked = {e.pk: (e.opened_beside_id, e.opened_beside_reason) for e in Current.objects.all()}
        assert marked[first.pk] == (None, "") and marked[ended.pk] == (None, "")
        assert marked[other_unit.pk] == (None, "")
        assert marked[second.pk][0] == first.pk and "migration 0010" in marked[second.pk][1]
    finally:
        MigrationExecutor(connection).migrate(_latest())


@pytest.mark.django_db
def test_an_import_keeps_two_open_episodes_of_a_client_in_one_unit(cast, tmp_path: Path) -> None:
    (tmp_path / "episodes.csv").write_text(
        f"{HEAD}\n21,c-9,helsinki,unit-a,1990,female,fi,2025-03-02,,,,,,,\n"
        "20,c-9,helsinki,unit-a,1990,female,fi,2025-01-02,,,,,,,\n"
        "22,c-9,helsinki,unit-a2,1990,female,fi,2025-01-02,,,,,,,\n", encoding="utf-8")
    (tmp_path / "appointments.csv").write_text("appointment_id,episode_id,date,kind,status\n", encoding="utf-8")
    (tmp_path / "measurements.csv").write_text("measurement_id,episode_id,date,instrument,total,items\n",
                                               encoding="utf-8")
    call_command("import", str(tmp_path))
    from porras.care.models import Episode

    marked = {e.pk: (e.opened_beside_id, e.opened_beside_reason) for e in Episode.objects.all()}
    assert marked == {20: (None, ""), 21: (20, OPENED_BESIDE_ON_IMPORT), 22: (None, "")}


@pytest.mark.django_db
def test_an_import_marks_an_open_episode_beside_one_already_here(cast, tmp_path: Path) -> None:
    for number, name in ((40, "first"), (41, "second")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "episodes.csv").write_text(
            f"{HEAD}\n{number},c-7,helsinki,unit-a,1990,female,fi,2025-0{number - 39}-02,,,,,,,\n", encoding="utf-8")
        (folder / "appointments.csv").write_text("appointment_id,episode_id,date,kind,status\n", encoding="utf-8")
        (folder / "measurements.csv").write_text("measurement_id,episode_id,date,instrument,total,items\n",
                                                 encoding="utf-8")
        call_command("import", str(folder))
    from porras.care.models import Episode

    assert Episode.objects.get(pk=41).opened_beside_id == 40
