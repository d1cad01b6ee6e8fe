"""Shared set-up for the competence tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from porras.care import services as care_services
from porras.care.tests.helpers import HETU, HETU_2000


def episode_with(user: Any, intervention: str, unit_code: str = "unit-a", hetu: str = HETU) -> Any:
    """An episode in ``unit_code`` of which ``user`` is the responsible professional, at step 2 with
    ``intervention``."""
    client, _ = care_services.register_client(user, care_services.ClientInput("hetu", hetu, county="helsinki",
                                                                                unit=unit_code))
    episode = care_services.open_episode(user, client.pk, unit_code, dt.date.today() - dt.timedelta(days=30),
                                         ["depression"], "primary_care")
    return care_services.update_episode(user, episode.pk, episode.version,
                                        {"step": 2, "intervention": intervention})


def record(**values: Any) -> dict[str, Any]:
    base = {"professional": "clinician_a", "unit": "unit-a", "method": "cbt_short_individual",
            "course": "Kognitiivisen lyhytterapian koulutus", "provider": "", "started_on": None,
            "completed_on": None, "certified_on": None, "supervision_sessions": 0, "training_cases": []}
    return {**base, **values}


__all__ = ["HETU", "HETU_2000", "episode_with", "record"]
