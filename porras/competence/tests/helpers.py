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


PHQ9_CASE = [2, 2, 2, 2, 1, 1, 1, 1, 0, 0]  # 12: at caseness (>= 10), no risk answer
GAD7_CASE = [2, 2, 1, 1, 1, 1, 1]  # 9: at caseness (>= 8)
PHQ9_WELL, GAD7_WELL = [0] * 10, [0] * 7
START = dt.date.today() - dt.timedelta(days=120)


def finished_episode(user: Any, ident: str, recovered: bool, unit: str = "unit-a", county: str = "helsinki") -> int:
    """Referred, assessed, two attended treatments, PHQ-9 and GAD-7 first and last, completed."""
    client, _ = care_services.register_client(user, care_services.ClientInput("local", ident, birth_year=1990, sex="female",
                                                            county=county, language="fi", unit=unit))
    episode = care_services.open_episode(user, client.pk, unit, START, ["depression"], "primary_care")
    care_services.add_appointment(user, episode.pk, START + dt.timedelta(days=7), "assessment", "attended")
    episode.refresh_from_db()
    care_services.update_episode(user, episode.pk, episode.version, {"step": 2, "intervention": "cbt_short_individual"})
    for week in (2, 6):
        care_services.add_appointment(user, episode.pk, START + dt.timedelta(weeks=week), "treatment", "attended")
    care_services.record_measurement(user, episode.pk, "phq9", START + dt.timedelta(days=7), PHQ9_CASE)
    care_services.record_measurement(user, episode.pk, "gad7", START + dt.timedelta(days=7), GAD7_CASE)
    last = START + dt.timedelta(weeks=6)
    care_services.record_measurement(user, episode.pk, "phq9", last, PHQ9_WELL if recovered else PHQ9_CASE)
    care_services.record_measurement(user, episode.pk, "gad7", last, GAD7_WELL if recovered else GAD7_CASE)
    episode.refresh_from_db()
    care_services.update_episode(user, episode.pk, episode.version, {"end_date": last + dt.timedelta(days=1),
                                                            "end_reason": "completed"})
    return episode.pk


__all__ = ["HETU", "HETU_2000", "START", "episode_with", "finished_episode", "record"]
