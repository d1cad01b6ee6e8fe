"""The somatic figure from the exported folder (DuckDB over ``somatic_checks`` and
``somatic_risk_groups``) equals the figure from the database, cell for cell, by county, unit and
period; and managers see it over the API by period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from porras.care import services as care
from porras.integrated import reports, services
from porras.integrated.models import SomaticCheck
from porras.integrated.tests.helpers import World, world  # noqa: F401
from porras.lib.disclosure import Policy


def _episodes(w: World, n: int, days_ago: int, group: str | None) -> list[Any]:
    found = []
    for i in range(n):
        client, _ = care.register_client(w.cast.clinician_a, care.ClientInput(
            "local", f"SF-{days_ago}-{i}", birth_year=1980, sex="female", county="helsinki", language="fi",
            unit="unit-a"))
        episode = care.open_episode(w.cast.clinician_a, client.pk, "unit-a",
                                    timezone.localdate() - dt.timedelta(days=days_ago), ["depression"], "primary_care")
        if group:
            services.add_risk_group(w.cast.clinician_a, episode.pk, group)
        found.append(episode)
    return found


def test_the_exported_folder_gives_the_figure_the_database_gives(world: World, tmp_path: Path) -> None:  # noqa: F811
    today = timezone.localdate()
    long = _episodes(world, 4, 400, None)
    grouped = _episodes(world, 3, 40, "schizophrenia")
    for episode in long[:3] + grouped[:1]:
        services.record_somatic_check(world.cast.clinician_a, episode.pk, today - dt.timedelta(days=10),
                                      {"systolic": 150, "smoking": False})
    SomaticCheck.objects.create(episode=long[3], date=today - dt.timedelta(days=380), values={"weight": 70},
                                spec_version="t")
    call_command("export", str(tmp_path))
    everything = Policy(minimum=0, base=1)
    for group_by in ((), ("county",), ("unit", "month"), ("county", "quarter"), ("year",)):
        days = reports.somatic_days(group_by)
        from_db = reports.run_somatic("db", group_by, policy=everything, days=days).groups
        from_folder = reports.run_somatic(str(tmp_path), group_by, policy=everything, days=days).groups
        assert from_db == from_folder, group_by
    (total,) = reports.run_somatic("db", (), policy=everything, days=reports.somatic_days(())).groups
    # 4 long + 3 with a group = 7 eligible today (the world's own episode is young and has none);
    # checked within 12 months: three long and one grouped
    assert (total["eligible"], total["checked"]) == (7, 4)


def test_managers_get_the_figure_by_quarter_and_a_bad_month_is_named(world: World, api_client_for: Any) -> None:  # noqa: F811
    _episodes(world, 5, 400, None)
    api = api_client_for(world.cast.manager_a)
    r = api.get("/api/v1/reports/somatic-checks?group_by=unit,quarter")
    assert r.status_code == 200
    cells = r.json()["groups"]
    assert cells and all(c["unit"] == "unit-a" for c in cells) and cells[-1]["eligible"] == 5
    bad = api.get("/api/v1/reports/somatic-checks?group_by=unit,month&date_from=2026-13")
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "date_from"
    two = api.get("/api/v1/reports/somatic-checks?group_by=month,year")
    assert two.status_code == 422 and two.json()["detail"][0]["field"] == "group_by"
