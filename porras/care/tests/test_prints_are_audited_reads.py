"""Every print and PDF of client data is an audited read that names the episode and the client shown."""

from __future__ import annotations

import pytest

from porras.accounts.models import AuditEntry
from porras.care.tests.printing_helpers import episode_with_plan

pytestmark = pytest.mark.django_db


def _last(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).order_by("-seq").first()


@pytest.mark.parametrize(("path", "fmt"), [("safety-plan/copy/", "page"), ("safety-plan/copy.pdf", "pdf")])
def test_printing_the_safety_plan_is_audited(cast, client, path: str, fmt: str) -> None:
    episode = episode_with_plan(cast.clinician_a)
    plan = episode.safety_plans.get()
    client.force_login(cast.colleague_a)
    assert client.get(f"/care/episodes/{episode.pk}/{path}").status_code == 200
    entry = _last("safety_plan.print")
    assert (entry.username, entry.object_type, entry.object_id, entry.outcome) == (
        "colleague_a", "safety_plan", str(plan.pk), "ok")
    assert entry.detail == {"episode": episode.pk, "client": episode.client_id, "version": 1, "format": fmt}


@pytest.mark.parametrize(("path", "fmt"), [("summary/", "page"), ("summary.pdf", "pdf")])
def test_printing_the_episode_summary_is_audited(cast, client, path: str, fmt: str) -> None:
    episode = episode_with_plan(cast.clinician_a)
    client.force_login(cast.colleague_a)
    assert client.get(f"/care/episodes/{episode.pk}/{path}").status_code == 200
    entry = _last("episode.print")
    assert (entry.username, entry.object_type, entry.object_id) == ("colleague_a", "episode", str(episode.pk))
    assert entry.detail["client"] == episode.client_id and entry.detail["format"] == fmt
    assert sorted(entry.detail["measurements"]) == sorted(episode.measurements.values_list("pk", flat=True))
    assert entry.detail["safety_plans"] == [1]
