"""Care's work list shows the user's digital-care items (awaiting feedback, a new message, a measure
due, no activity for PORRAS_SELFCARE_INACTIVE_DAYS) in their language, linking to the digital-care
work list; and neither work list asks the database more as the programmes grow in number."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from porras.selfcare import services
from porras.selfcare.models import Assignment, ModuleProgress
from porras.selfcare.tests.helpers import HETU_2000, assign, client_for, make_case, post

pytestmark = pytest.mark.django_db


def _text(client: Any, language: str, url: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _two_programmes(cast: Any, api_client_for: Any) -> None:
    """One programme whose client completed the first module and wrote (awaiting feedback, a new
    message, the PHQ-9 of module 1 never answered); one untouched for 20 days (inactive, measure due)."""
    therapist = api_client_for(cast.clinician_a)
    busy = assign(therapist, make_case(cast.clinician_a).episode.pk)
    quiet = assign(therapist, make_case(cast.clinician_a, hetu=HETU_2000).episode.pk)
    me = client_for(busy["code"])
    assert post(me, "/api/v1/me/modules/start", {"answers": {"hopes": "sleep"}, "complete": True}).status_code == 200
    assert post(me, "/api/v1/me/messages", {"body": "Hello"}).status_code == 201
    Assignment.objects.filter(pk=quiet["assignment_id"]).update(started_at=timezone.now() - dt.timedelta(days=20))


@pytest.mark.parametrize(("language", "lines"), [
    ("fi", ["1 ohjelma odottaa palautetta.", "1 ohjelmassa on asiakkaan uusi viesti.",
            "1 ohjelmassa on mittari täytettävänä.", "1 ohjelmassa ei ole ollut toimintaa 14 päivään."]),
    ("sv", ["1 program väntar på återkoppling.", "1 program har ett nytt meddelande från klienten.",
            "1 program har en mätning som ska fyllas i.", "1 program har inte haft någon aktivitet på 14 dagar."]),
])
def test_the_care_work_list_counts_the_therapists_programmes(cast: Any, api_client_for: Any, client: Any,
                                                              language: str, lines: list[str]) -> None:
    _two_programmes(cast, api_client_for)
    client.force_login(cast.clinician_a)
    text = _text(client, language, "/care/")
    for line in lines:
        assert line in text
    section = client.get("/care/").content.decode().split('id="selfcare-worklist-heading"')[1].split("</section>")[0]
    assert 'href="/selfcare/worklist/"' in section


def test_a_colleague_is_not_counted_others_programmes(cast: Any, api_client_for: Any, client: Any) -> None:
    _two_programmes(cast, api_client_for)
    client.force_login(cast.colleague_a)
    assert 'id="selfcare-worklist-heading"' not in client.get("/care/").content.decode()
    assert services.worklist_counts(cast.colleague_a).any is False


def _many(episode_id: int, n: int) -> None:
    """``n`` more active programmes on an episode, each with a completed module (straight to the
    database: only their number matters here)."""
    for _ in range(n):
        a = Assignment.objects.create(episode_id=episode_id, programme="worry", programme_version="1",
                                      modules_total=5, awaiting_feedback=1, modules_completed=1)
        ModuleProgress.objects.create(assignment=a, module="start", completed_at=timezone.now())


def _queries(call: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def test_the_work_lists_ask_the_database_as_often_for_many_programmes_as_for_few(
        cast: Any, api_client_for: Any, client: Any) -> None:
    episode = make_case(cast.clinician_a).episode
    episode.responsible = cast.clinician_a
    episode.save(update_fields=["responsible"])
    client.force_login(cast.clinician_a)
    _many(episode.pk, 2)
    assert client.get("/selfcare/worklist/").status_code == client.get("/care/").status_code == 200
    few = (_queries(lambda: services.worklist(cast.clinician_a)),
           _queries(lambda: services.worklist_counts(cast.clinician_a)),
           _queries(lambda: client.get("/selfcare/worklist/")), _queries(lambda: client.get("/care/")))
    _many(episode.pk, 20)
    assert len(services.worklist(cast.clinician_a).rows) == 22
    many = (_queries(lambda: services.worklist(cast.clinician_a)),
            _queries(lambda: services.worklist_counts(cast.clinician_a)),
            _queries(lambda: client.get("/selfcare/worklist/")), _queries(lambda: client.get("/care/")))
    assert many == few, f"queries with 2 programmes {few}, with 22 {many}"


@pytest.mark.parametrize("days_ago", [0, 13, 14, 30])
def test_the_counts_follow_the_work_lists_own_rules_row_by_row(cast: Any, api_client_for: Any, days_ago: int) -> None:
    """The counts (one SQL query) equal the work list's rows (the rules in Python) summed up."""
    therapist = api_client_for(cast.clinician_a)
    fresh = assign(therapist, make_case(cast.clinician_a).episode.pk)
    measured = assign(therapist, make_case(cast.clinician_a, hetu=HETU_2000).episode.pk)
    me = client_for(measured["code"])
    assert post(me, "/api/v1/me/measurements", {"instrument": "phq9", "module": "start",
                                                "answers": [0] * 10}).status_code == 201
    assert post(me, "/api/v1/me/modules/start", {"complete": True}).status_code == 200
    assert post(me, "/api/v1/me/modules/notice", {"answers": {}, "complete": True}).status_code in (200, 422)
    Assignment.objects.filter(pk=fresh["assignment_id"]).update(
        started_at=timezone.now() - dt.timedelta(days=days_ago))
    Assignment.objects.filter(pk=measured["assignment_id"]).update(
        last_client_activity_at=timezone.now() - dt.timedelta(days=days_ago, hours=1))
    rows = services.worklist(cast.clinician_a).rows
    assert len(rows) == 2
    counts = services.worklist_counts(cast.clinician_a)
    for reason in ("awaiting_feedback", "inactive", "measure_due", "unanswered_messages"):
        assert getattr(counts, reason) == sum(bool(getattr(r.attention, reason)) for r in rows), reason
    assert counts.measure_due >= 1 and counts.awaiting_feedback >= 1
