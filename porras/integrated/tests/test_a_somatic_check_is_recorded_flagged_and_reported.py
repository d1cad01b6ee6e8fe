"""A somatic health check over the API: values out of range flagged on the episode; the due list of
the unit; the report of the share checked within 12 months."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone

from porras.care import services as care
from porras.integrated import services
from porras.integrated.models import SomaticCheck
from porras.integrated.tests.helpers import World, world  # noqa: F401


def _alcohol_episodes(w: World, n: int) -> list[Any]:
    """``n`` open episodes of unit A with the alcohol-use-disorder risk group recorded (the check is
    due from the start)."""
    found = []
    for i in range(n):
        client, _ = care.register_client(w.cast.clinician_a, care.ClientInput(
            "local", f"S-{i}", birth_year=1970, sex="male", county="helsinki", language="fi", unit="unit-a"))
        episode = care.open_episode(w.cast.clinician_a, client.pk, "unit-a",
                                    timezone.localdate() - dt.timedelta(days=30), ["alcohol"], "primary_care")
        services.add_risk_group(w.cast.clinician_a, episode.pk, "alcohol_use_disorder")
        found.append(episode)
    return found


def test_a_check_flags_its_out_of_range_values_and_leaves_the_due_list_when_in_range(
        world: World, api_client_for: Any) -> None:  # noqa: F811
    (episode,) = _alcohol_episodes(world, 1)
    api = api_client_for(world.cast.clinician_a)
    due = api.get("/api/v1/somatic-checks/due").json()
    assert [(d["episode_id"], d["due"], d["last_check"]) for d in due] == [(episode.pk, True, None)]

    today = timezone.localdate().isoformat()
    r = api.post(f"/api/v1/episodes/{episode.pk}/somatic-checks",
                 {"date": today, "values": {"systolic": 152, "diastolic": 84, "smoking": True, "weight": 80}},
                 content_type="application/json")
    assert r.status_code == 201, r.content
    assert r.json()["flagged"] == ["systolic", "smoking"]
    due = api.get("/api/v1/somatic-checks/due").json()
    assert [(d["due"], d["flagged"]) for d in due] == [(False, ["systolic", "smoking"])]  # checked; to follow up

    api.post(f"/api/v1/episodes/{episode.pk}/somatic-checks",
             {"date": today, "values": {"systolic": 128, "smoking": False}}, content_type="application/json")
    assert api.get("/api/v1/somatic-checks/due").json() == []

    page = Client()
    page.force_login(world.cast.clinician_a)
    html = page.get(f"/care/episodes/{episode.pk}/").content.decode()
    assert "viitealueen ulkopuolella" in html and "152 mmHg" in html


def test_refused_values_write_nothing(world: World, api_client_for: Any) -> None:  # noqa: F811
    url = f"/api/v1/episodes/{world.episode.pk}/somatic-checks"
    api = api_client_for(world.cast.clinician_a)
    r = api.post(url, {"date": timezone.localdate().isoformat(), "values": {"pulse": 60}},
                 content_type="application/json")
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "pulse"
    other = api_client_for(world.cast.clinician_b).post(url, {"date": "2026-01-01", "values": {"weight": 70}},
                                                         content_type="application/json")
    assert other.status_code == 404
    assert not SomaticCheck.objects.exists()


def test_the_report_counts_eligible_clients_and_those_checked_within_a_year(world: World, api_client_for: Any) -> None:  # noqa: F811
    episodes = _alcohol_episodes(world, 6)
    today = timezone.localdate()
    for i, episode in enumerate(episodes):
        # five checked: four this month, one 400 days ago (outside the year) and one never
        if i < 4:
            SomaticCheck.objects.create(episode=episode, date=today, values={"weight": 70}, spec_version="t")
        elif i == 4:
            SomaticCheck.objects.create(episode=episode, date=today - dt.timedelta(days=400), values={"weight": 70},
                                        spec_version="t")
    exact = api_client_for(world.cast.manager_a).get("/api/v1/reports/somatic-checks?group_by=unit").json()
    # 6 eligible (the world's own episode is 30 days old with no risk group: not eligible),
    # 4 checked within the year: below the minimum of 5, withheld with its share
    assert exact["groups"] == [{"unit": "unit-a", "eligible": 6, "checked": None, "check_rate": None,
                                "suppressed": True}]
    SomaticCheck.objects.create(episode=episodes[5], date=today, values={"weight": 70}, spec_version="t")
    exact = api_client_for(world.cast.manager_a).get("/api/v1/reports/somatic-checks?group_by=unit").json()
    assert exact["groups"] == [{"unit": "unit-a", "eligible": 6, "checked": 5, "check_rate": 5 / 6,
                                "suppressed": False}]
    assert api_client_for(world.cast.clinician_a).get("/api/v1/reports/somatic-checks").status_code == 403
