"""Shared set-up for the care tests: a client with an episode in unit A (made through the services)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from porras.care import services
from porras.care.models import Client, Episode

# 131052-308T is DVV's published example identity code; 010101A123N is worked by hand.
HETU = "131052-308T"
HETU_2000 = "010101A123N"
PHQ9_WITH_RISK = [2, 2, 2, 2, 1, 1, 1, 1, 1, 0]  # item 9 answered 1: a risk flag
PHQ9_NO_RISK = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0]
GAD7 = [2, 2, 1, 1, 1, 1, 1]


@dataclass
class Case:
    client: Client
    episode: Episode


def make_case(user: Any, unit_code: str = "unit-a", hetu: str = HETU, referral: dt.date | None = None) -> Case:
    client, _ = services.register_client(user, services.ClientInput("hetu", hetu, county="helsinki", unit=unit_code))
    episode = services.open_episode(user, client.pk, unit_code, referral or dt.date.today() - dt.timedelta(days=30),
                                    ["depression"], "primary_care")
    return Case(client, episode)
