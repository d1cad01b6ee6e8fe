"""The therapist's work list: a completed module awaiting feedback, unanswered messages, a measure due
at the module reached, and no activity for PORRAS_SELFCARE_INACTIVE_DAYS (default 14)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from porras.selfcare.domain.attention import Progress, attention
from porras.selfcare.domain.programmes import load_programme
from porras.selfcare.models import Assignment
from porras.selfcare.tests.helpers import PHQ9_NO_RISK, assign, client_for, make_case, post

NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)


def _progress(**changes: Any) -> Progress:
    base = {"started": NOW - dt.timedelta(days=1), "last_activity": None, "completed": frozenset(),
            "awaiting_feedback": 0, "unanswered_messages": 0, "measured": frozenset()}
    return Progress(**(base | changes))  # type: ignore[arg-type]


def test_a_measure_is_due_at_a_module_that_carries_one_until_answered() -> None:
    low_mood = load_programme("low-mood")  # module 1 carries the PHQ-9, module 2 none
    assert attention(low_mood, _progress(), now=NOW, inactive_days=14).measure_due
    assert not attention(low_mood, _progress(measured=frozenset({"start"})), now=NOW, inactive_days=14).measure_due
    assert not attention(low_mood, _progress(completed=frozenset({"start"})), now=NOW, inactive_days=14).measure_due


def test_no_activity_counts_from_the_last_activity_or_the_start() -> None:
    worry = load_programme("worry")
    thirteen = _progress(started=NOW - dt.timedelta(days=13))
    fourteen = _progress(started=NOW - dt.timedelta(days=30), last_activity=NOW - dt.timedelta(days=14))
    assert not attention(worry, thirteen, now=NOW, inactive_days=14).inactive
    assert attention(worry, fourteen, now=NOW, inactive_days=14).inactive
    everything_done = _progress(started=NOW - dt.timedelta(days=90),
                                completed=frozenset(m.id for m in worry.modules))
    assert not attention(worry, everything_done, now=NOW, inactive_days=14).inactive


@pytest.mark.django_db
def test_the_api_work_list_of_a_therapist(cast: Any, api_client_for: Any) -> None:
    therapist = api_client_for(cast.clinician_a)
    case = make_case(cast.clinician_a)
    me = client_for(assign(therapist, case.episode.pk)["code"])
    rows = therapist.get("/api/v1/selfcare/worklist").json()
    assert [(r["episode_id"], r["measure_due"], r["awaiting_feedback"]) for r in rows] == [(case.episode.pk, True, False)]

    post(me, "/api/v1/me/measurements", {"instrument": "phq9", "answers": PHQ9_NO_RISK, "module": "start"})
    post(me, "/api/v1/me/modules/start", {"complete": True})
    post(me, "/api/v1/me/messages", {"body": "Hello"})
    (row,) = therapist.get("/api/v1/selfcare/worklist").json()
    assert (row["modules_completed"], row["awaiting_feedback"], row["unanswered_messages"], row["measure_due"]) == (
        1, True, True, False)

    Assignment.objects.update(last_client_activity_at=NOW - dt.timedelta(days=20))
    assert api_client_for(cast.colleague_a).get("/api/v1/selfcare/worklist").json() == []  # not theirs
    (row,) = api_client_for(cast.colleague_a).get("/api/v1/selfcare/worklist?mine=false").json()
    assert row["inactive"] is True
    assert api_client_for(cast.clinician_b).get("/api/v1/selfcare/worklist?mine=false").json() == []


@pytest.mark.django_db
def test_those_needing_the_therapist_come_first_and_feedback_clears_it(cast: Any, api_client_for: Any) -> None:
    from porras.selfcare.tests.helpers import HETU_2000

    therapist = api_client_for(cast.clinician_a)
    waiting, recent = make_case(cast.clinician_a), make_case(cast.clinician_a, hetu=HETU_2000)
    first = assign(therapist, waiting.episode.pk)
    me_waiting = client_for(first["code"])
    me_recent = client_for(assign(therapist, recent.episode.pk)["code"])
    post(me_waiting, "/api/v1/me/modules/start", {"complete": True})  # awaits feedback
    post(me_recent, "/api/v1/me/modules/start", {"answers": {"hopes": "x"}})  # newer activity, nothing to do
    rows = therapist.get("/api/v1/selfcare/worklist").json()
    assert [r["episode_id"] for r in rows] == [waiting.episode.pk, recent.episode.pk]
    assert Assignment.objects.get(pk=first["assignment_id"]).awaiting_feedback == 1

    post(therapist, f"/api/v1/selfcare/assignments/{first['assignment_id']}/feedback",
         {"module": "start", "feedback": "Well done."})
    assert Assignment.objects.get(pk=first["assignment_id"]).awaiting_feedback == 0
    rows = therapist.get("/api/v1/selfcare/worklist").json()
    assert [r["episode_id"] for r in rows] == [recent.episode.pk, waiting.episode.pk]
