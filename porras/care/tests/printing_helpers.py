"""Shared set-up for the print tests: an episode of unit A whose client speaks a given language, with a
safety plan and two PHQ-9 sessions (made through the services)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from porras.care import services
from porras.care.models import Episode
from porras.care.tests.helpers import HETU, PHQ9_NO_RISK, PHQ9_WITH_RISK

PLAN = {
    "warning_signs": "Sleepless nights in a row",
    "own_coping": "A walk by the sea",
    "people_and_places": "My sister on the phone",
    "professionals_and_crisis_lines": "The nurse at the health centre on weekdays",
    "safe_surroundings": "Spare medicines back to the pharmacy",
}


def episode_with_plan(user: Any, language: str = "fi", hetu: str = HETU, plan: dict[str, str] | None = None,
                      ) -> Episode:
    client, _ = services.register_client(user, services.ClientInput("hetu", hetu, county="helsinki",
                                                                    language=language, unit="unit-a"))
    start = dt.date.today() - dt.timedelta(days=30)
    episode = services.open_episode(user, client.pk, "unit-a", start, ["depression"], "primary_care")
    services.record_measurement(user, episode.pk, "phq9", start + dt.timedelta(days=1), PHQ9_WITH_RISK)
    services.record_measurement(user, episode.pk, "phq9", start + dt.timedelta(days=15), PHQ9_NO_RISK)
    services.save_safety_plan(user, episode.pk, PLAN if plan is None else plan)
    return Episode.objects.select_related("client").get(pk=episode.pk)
