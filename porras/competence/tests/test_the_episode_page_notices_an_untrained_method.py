"""When the episode's method asks for training its professional has not completed, the episode page
says so (a notice, not a block)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from porras.competence import services
from porras.competence.tests.helpers import episode_with, record

pytestmark = pytest.mark.django_db
NOTICE = "asks for training"


def _page(user: Any, episode_id: int) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(f"/care/episodes/{episode_id}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_an_untrained_professionals_episode_shows_the_notice_with_the_method_card(cast: Any) -> None:
    episode = episode_with(cast.clinician_a, "cbt_short_individual")
    page = _page(cast.clinician_a, episode.pk)
    assert NOTICE in page and "/competence/methods/cbt_short_individual/" in page


def test_training_in_progress_is_not_yet_completed(cast: Any) -> None:
    episode = episode_with(cast.clinician_a, "cbt_short_individual")
    services.save_record(cast.clinician_a, record(started_on=dt.date.today() - dt.timedelta(days=30)))
    assert NOTICE in _page(cast.clinician_a, episode.pk)


def test_a_completed_training_removes_the_notice(cast: Any) -> None:
    episode = episode_with(cast.clinician_a, "cbt_short_individual")
    services.save_record(cast.clinician_a, record(completed_on=dt.date.today() - dt.timedelta(days=1)))
    assert NOTICE not in _page(cast.clinician_a, episode.pk)


def test_a_method_without_training_requirements_gives_no_notice(cast: Any) -> None:
    episode = episode_with(cast.clinician_a, "guided_self_care")
    assert NOTICE not in _page(cast.clinician_a, episode.pk)


def test_training_in_another_method_does_not_count(cast: Any) -> None:
    episode = episode_with(cast.clinician_a, "ipc")
    services.save_record(cast.clinician_a, record(completed_on=dt.date.today() - dt.timedelta(days=1)))
    assert services.untrained_method(episode) is not None
