"""Both sides audited: the question asked, the specialist's reads of the queue and the request, the
answer, and the episode page that shows it; a denied attempt is audited as denied."""

from __future__ import annotations

from typing import Any

from django.test import Client

from porras.accounts.models import AuditEntry
from porras.integrated.tests.helpers import QUESTION, World, world  # noqa: F401


def test_every_step_leaves_an_audit_entry_naming_the_consultation(world: World, api_client_for: Any) -> None:  # noqa: F811
    pk = api_client_for(world.cast.clinician_a).post(
        f"/api/v1/episodes/{world.episode.pk}/consultations", QUESTION, content_type="application/json").json()["id"]
    specialist = api_client_for(world.specialist_a)
    specialist.get(f"/api/v1/consultations/{pk}")
    specialist.post(f"/api/v1/consultations/{pk}/answer", {"answer": "Vastaus.", "outcome": "transfer"},
                    content_type="application/json")
    api_client_for(world.specialist_b).get(f"/api/v1/consultations/{pk}")
    entries = list(AuditEntry.objects.filter(object_type="consultation", object_id=str(pk)).order_by("pk"))
    assert [(e.action, e.outcome) for e in entries] == [
        ("consultation.create", "ok"), ("consultation.read", "ok"), ("consultation.answer", "ok"),
        ("consultation.read", "denied")]
    assert entries[0].detail == {"episode": world.episode.pk, "specialist_unit": "psy-a"}
    assert entries[2].detail == {"episode": world.episode.pk, "outcome": "transfer"}


def test_the_queue_and_the_episode_page_name_the_consultations_they_show(world: World, api_client_for: Any) -> None:  # noqa: F811
    pk = api_client_for(world.cast.clinician_a).post(
        f"/api/v1/episodes/{world.episode.pk}/consultations", QUESTION, content_type="application/json").json()["id"]
    api_client_for(world.specialist_a).get("/api/v1/consultations")
    page = Client()
    page.force_login(world.cast.clinician_a)
    assert page.get(f"/care/episodes/{world.episode.pk}/").status_code == 200
    lists = list(AuditEntry.objects.filter(action="consultation.list").order_by("pk"))
    assert [(e.detail["consultations"], e.detail["episodes"]) for e in lists] == [
        ([pk], [world.episode.pk]), ([pk], [world.episode.pk])]
