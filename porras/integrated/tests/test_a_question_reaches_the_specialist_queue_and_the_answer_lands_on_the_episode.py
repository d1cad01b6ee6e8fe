"""The consultation workflow over the API: the primary-care professional asks, the specialist unit
finds the question in its queue and answers, and the answer is on the episode with its answer time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from porras.integrated.models import Consultation
from porras.integrated.tests.helpers import QUESTION, World, world  # noqa: F401


def _ask(api_client_for: Any, w: World, **changes: Any) -> Any:
    return api_client_for(w.cast.clinician_a).post(f"/api/v1/episodes/{w.episode.pk}/consultations",
                                                   {**QUESTION, **changes}, content_type="application/json")


def test_the_question_is_in_the_queue_and_the_answer_on_the_episode(world: World, api_client_for: Any) -> None:  # noqa: F811
    asked = _ask(api_client_for, world)
    assert asked.status_code == 201, asked.content
    body = asked.json()
    assert (body["status"], body["asking_unit"], body["specialist_unit"], body["answer"]) == (
        "open", "unit-a", "psy-a", "")

    specialist = api_client_for(world.specialist_a)
    queue = specialist.get("/api/v1/consultations").json()
    assert [c["id"] for c in queue] == [body["id"]]
    assert specialist.get(f"/api/v1/consultations/{body['id']}").status_code == 200

    answered = specialist.post(f"/api/v1/consultations/{body['id']}/answer",
                               {"answer": "Jatkakaa perustasolla.", "outcome": "primary_care"},
                               content_type="application/json")
    assert answered.status_code == 200, answered.content
    assert answered.json()["turnaround_days"] == 0  # asked and answered today

    on_episode = api_client_for(world.cast.clinician_a).get(f"/api/v1/episodes/{world.episode.pk}/consultations").json()
    assert [(c["status"], c["answer"], c["outcome"], c["answered_by"]) for c in on_episode] == [
        ("answered", "Jatkakaa perustasolla.", "primary_care", "specialist_a")]


def test_a_second_answer_is_a_conflict(world: World, api_client_for: Any) -> None:  # noqa: F811
    pk = _ask(api_client_for, world).json()["id"]
    specialist = api_client_for(world.specialist_a)
    first = {"answer": "Ensimmäinen.", "outcome": "transfer"}
    assert specialist.post(f"/api/v1/consultations/{pk}/answer", first, content_type="application/json").status_code == 200
    again = specialist.post(f"/api/v1/consultations/{pk}/answer", {"answer": "Toinen.", "outcome": "primary_care"},
                            content_type="application/json")
    assert again.status_code == 409
    stored = Consultation.objects.get(pk=pk)
    assert (stored.answer, stored.outcome) == ("Ensimmäinen.", "transfer")


def test_the_answer_time_counts_calendar_days_from_the_question(world: World, api_client_for: Any) -> None:  # noqa: F811
    pk = _ask(api_client_for, world).json()["id"]
    # asked three days and an hour ago (by the clock of the local time zone)
    then = timezone.now() - dt.timedelta(days=3, hours=1)
    Consultation.objects.filter(pk=pk).update(asked_at=then, asked_on=timezone.localdate(then))
    answered = api_client_for(world.specialist_a).post(
        f"/api/v1/consultations/{pk}/answer", {"answer": "Vastaus.", "outcome": "primary_care"},
        content_type="application/json")
    asked_on = timezone.localdate(timezone.now() - dt.timedelta(days=3, hours=1))
    assert answered.json()["turnaround_days"] == (timezone.localdate() - asked_on).days


def test_the_queue_lists_urgent_requests_first_then_the_oldest(world: World, api_client_for: Any) -> None:  # noqa: F811
    old = _ask(api_client_for, world, urgency="non_urgent").json()["id"]
    new = _ask(api_client_for, world, urgency="non_urgent").json()["id"]
    urgent = _ask(api_client_for, world, urgency="urgent").json()["id"]
    then = timezone.now() - dt.timedelta(days=5)
    Consultation.objects.filter(pk=old).update(asked_at=then, asked_on=timezone.localdate(then))
    queue = api_client_for(world.specialist_a).get("/api/v1/consultations").json()
    assert [c["id"] for c in queue] == [urgent, old, new]
